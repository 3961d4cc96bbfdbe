package io.athena.core.telemetry;

import io.athena.core.config.TracingConfig;
import io.athena.spi.telemetry.TraceEvent;
import io.athena.spi.telemetry.TraceLevel;
import io.athena.spi.telemetry.TraceSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace file sinks ({@code tracing.file_sinks.*}): every {@link TraceLevel#ERROR} event is
 * appended to {@code error.log}, every other one to {@code success.log}, in the configured
 * directory (created when missing), one JSON object per line ({@link TraceJson}).
 *
 * <p>{@link #write} only offers the event to a bounded queue ({@code tracing.queue_capacity}): a
 * full queue drops the event and counts it ({@value #DROPPED_METER}, Prometheus {@code
 * athena_trace_events_dropped_total}), so a slow disk never slows a request. One daemon thread,
 * {@code athena-trace-writer-N}, started by the first event, encodes and writes; it flushes its
 * buffer to the files whenever the queue runs empty, so a crash loses at most what was still
 * queued. Files rotate by size: see {@link RotatingFile}. Write failures drop (and count) events,
 * warn once per failure streak and retry; they never reach the caller.
 *
 * <p>One process per directory: two processes appending to and rotating the same files would
 * interleave and lose lines.
 */
public final class FileTraceSink implements TraceSink {
  private static final Logger LOG = LoggerFactory.getLogger(FileTraceSink.class);

  public static final String SUCCESS_LOG = "success.log";
  public static final String ERROR_LOG = "error.log";

  /** Events dropped because the queue was full or the file could not be written. */
  public static final String DROPPED_METER = "athena.trace.events.dropped";

  /** How long {@link #close()} waits for the queue to be written. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** How long a file that could not be written is left alone before it is tried again. */
  public static final Duration RETRY_DELAY = Duration.ofSeconds(1);

  /** Events the writer takes off the queue at once. */
  private static final int BATCH = 256;

  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Put in the queue by {@link #close()} to wake a writer waiting for events; never written. */
  private static final TraceEvent WAKE_UP =
      new TraceEvent() {
        @Override
        public Instant ts() {
          return Instant.EPOCH;
        }

        @Override
        public TraceLevel level() {
          return TraceLevel.INFO;
        }

        @Override
        public String event() {
          return "wake_up";
        }

        @Override
        public Map<String, Object> fields() {
          return Map.of();
        }
      };

  private final BlockingQueue<TraceEvent> queue;
  private final RotatingFile successLog;
  private final RotatingFile errorLog;
  private final LineEncoder encoder = new LineEncoder();
  private final ThreadFactory threadFactory;
  private final Counter droppedMeter;
  private final LongAdder dropped = new LongAdder();

  private volatile boolean started;
  private volatile boolean closing;
  private Thread writer;
  private boolean warnedUnwritable;

  /**
   * A sink writing under {@code config.directory()}; nothing is created (no thread, no directory)
   * until the first event.
   */
  public FileTraceSink(TracingConfig config, MeterRegistry meters) {
    this(config, meters, RETRY_DELAY, InstantSource.system(), FileTraceSink::writerThread);
  }

  /** Seams for tests: how long a failed file rests, the clock, and where the writer runs. */
  FileTraceSink(
      TracingConfig config,
      MeterRegistry meters,
      Duration retryDelay,
      InstantSource clock,
      ThreadFactory threadFactory) {
    Objects.requireNonNull(config, "config");
    if (config.queueCapacity() < 1 || config.maxFiles() < 1 || config.maxFileBytes() < 1) {
      throw new IllegalArgumentException(
          "tracing needs queue_capacity, max_files and max_file_bytes of at least 1, not "
              + config);
    }
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.successLog = file(config, SUCCESS_LOG, retryDelay, clock);
    this.errorLog = file(config, ERROR_LOG, retryDelay, clock);
    this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
    this.droppedMeter =
        Counter.builder(DROPPED_METER)
            .description("trace events dropped: queue full or trace file not writable")
            .baseUnit("events")
            .register(meters);
  }

  private RotatingFile file(
      TracingConfig config, String name, Duration retryDelay, InstantSource clock) {
    return new RotatingFile(
        config.directory(),
        name,
        config.maxFileBytes(),
        config.maxFiles(),
        retryDelay,
        clock,
        this::drop);
  }

  /** Queues {@code event} for writing; drops and counts it when the queue is full or closed. */
  @Override
  public void write(TraceEvent event) {
    if (event == null) {
      return;
    }
    if (closing) {
      drop(1);
      return;
    }
    if (!started) {
      start();
    }
    if (!queue.offer(event)) {
      drop(1);
    }
  }

  /** Events dropped so far: the queue was full, the sink closed, or a file was not writable. */
  public long dropped() {
    return dropped.sum();
  }

  /**
   * Writes everything queued before the call and closes the files, waiting at most {@link
   * #CLOSE_TIMEOUT}; later events are dropped. Idempotent.
   */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
      running = writer;
    }
    if (running != null) {
      queue.offer(WAKE_UP); // a full queue needs no waking: the writer is busy with it
      awaitWriter(running);
    }
    if (running == null || !running.isAlive()) {
      dropLeftovers();
    }
  }

  private synchronized void start() {
    if (started || closing) {
      return;
    }
    try {
      Thread thread = threadFactory.newThread(this::writeUntilClosed);
      thread.start();
      writer = thread;
    } catch (RuntimeException | Error e) {
      // no thread, no files; the events queue up to the bound and are dropped after it
      LOG.warn("could not start the trace writer thread; trace events will be dropped", e);
    }
    started = true;
  }

  private void awaitWriter(Thread running) {
    try {
      running.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (running.isAlive()) {
      LOG.warn(
          "trace writer did not finish within {}; {} queued trace events may be lost",
          CLOSE_TIMEOUT,
          queue.size());
    }
  }

  /** Events that slipped in while the sink closed: nobody will write them. */
  private void dropLeftovers() {
    List<TraceEvent> left = new ArrayList<>();
    queue.drainTo(left);
    drop((int) left.stream().filter(e -> e != WAKE_UP).count());
  }

  private void drop(int events) {
    if (events > 0) {
      dropped.add(events);
      droppedMeter.increment(events);
    }
  }

  /** The writer thread: batches off the queue, flushing whenever it runs empty. */
  private void writeUntilClosed() {
    List<TraceEvent> batch = new ArrayList<>(BATCH);
    try {
      TraceEvent first;
      while ((first = next()) != null) {
        writeOne(first);
        while (queue.drainTo(batch, BATCH) > 0) {
          batch.forEach(this::writeOne);
          batch.clear();
        }
        flushFiles();
      }
    } finally {
      successLog.close();
      errorLog.close();
    }
  }

  /** The next event, waiting for one until the sink closes; null once closed and drained. */
  private TraceEvent next() {
    boolean interrupted = false;
    try {
      while (true) {
        if (closing || interrupted) {
          return queue.poll();
        }
        try {
          return queue.take();
        } catch (InterruptedException e) {
          interrupted = true; // someone wants this thread gone: write what is queued, then stop
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void writeOne(TraceEvent event) {
    if (event == WAKE_UP) {
      return;
    }
    try {
      encoder.encode(event);
    } catch (IOException | RuntimeException e) {
      unwritable(event, e);
      return;
    }
    try {
      RotatingFile target = event.level() == TraceLevel.ERROR ? errorLog : successLog;
      target.append(encoder.bytes(), encoder.length());
    } catch (RuntimeException e) {
      // never let the writer die: a surprise from the file system costs this event only
      LOG.warn("writing a trace event failed unexpectedly", e);
      drop(1);
    }
  }

  /** An event whose fields() or values throw: a bug in its producer, reported once. */
  private void unwritable(TraceEvent event, Exception e) {
    drop(1);
    if (!warnedUnwritable) {
      warnedUnwritable = true;
      LOG.warn(
          "a trace event of type {} could not be encoded; dropping such events", type(event), e);
    } else {
      LOG.debug("a trace event of type {} could not be encoded", type(event), e);
    }
  }

  private static String type(TraceEvent event) {
    return event.getClass().getName();
  }

  private void flushFiles() {
    try {
      successLog.flush();
      errorLog.flush();
    } catch (RuntimeException e) {
      LOG.warn("flushing the trace files failed unexpectedly", e);
    }
  }

  private static Thread writerThread(Runnable task) {
    Thread thread = new Thread(task, "athena-trace-writer-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
