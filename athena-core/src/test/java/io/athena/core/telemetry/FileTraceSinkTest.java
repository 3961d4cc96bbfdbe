package io.athena.core.telemetry;

import static io.athena.core.telemetry.TestEvents.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athena.core.config.TracingConfig;
import io.athena.spi.telemetry.GatewayOutcome;
import io.athena.spi.telemetry.TraceLevel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class FileTraceSinkTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path temp;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<FileTraceSink> sinks = new ArrayList<>();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @AfterEach
  void closeSinks() {
    sinks.forEach(FileTraceSink::close);
    ((Logger) LoggerFactory.getLogger(RotatingFile.class)).detachAppender(log);
  }

  @Test
  void errorEventsGoToErrorLogAndEveryOtherToSuccessLog() {
    FileTraceSink sink = sink(config(temp, 1_000_000, 5, 100));

    sink.write(TestEvents.gatewayEvent(GatewayOutcome.SUCCESS));
    sink.write(TestEvents.gatewayEvent(GatewayOutcome.CLIENT_ERROR));
    sink.write(TestEvents.gatewayEvent(GatewayOutcome.SERVER_ERROR));
    sink.write(numbered(TraceLevel.ERROR, 4));
    sink.close();

    assertThat(lines(temp.resolve(FileTraceSink.SUCCESS_LOG)))
        .extracting(line -> line.get("level").asText() + "/" + line.get("outcome").asText())
        .containsExactly("INFO/success", "WARN/client_error");
    assertThat(lines(temp.resolve(FileTraceSink.ERROR_LOG)))
        .extracting(line -> line.get("level").asText())
        .containsExactly("ERROR", "ERROR");
    assertThat(sink.dropped()).isZero();
  }

  @Test
  void aMissingDirectoryIsCreatedAtTheFirstEvent() {
    Path directory = temp.resolve("var/log/athena");
    FileTraceSink sink = sink(config(directory, 1_000_000, 5, 100));
    assertThat(directory).as("nothing happens before the first event").doesNotExist();

    sink.write(numbered(TraceLevel.INFO, 1));
    sink.close();

    assertThat(lines(directory.resolve(FileTraceSink.SUCCESS_LOG))).hasSize(1);
  }

  @Test
  void closeWritesEverythingOfferedBeforeItAndDropsWhatComesAfter() {
    FileTraceSink sink = sink(config(temp, 100_000_000, 5, 10_000));

    IntStream.range(0, 5000).forEach(seq -> sink.write(numbered(TraceLevel.INFO, seq)));
    sink.close();
    sink.write(numbered(TraceLevel.INFO, 5000));

    assertThat(seqs(temp.resolve(FileTraceSink.SUCCESS_LOG)))
        .containsExactlyElementsOf(IntStream.range(0, 5000).boxed().toList());
    assertThat(sink.dropped()).isEqualTo(1);
  }

  @Test
  void filesRotateAtTheSizeBoundWithoutSplittingOrLosingALine() throws IOException {
    long maxBytes = 2000;
    FileTraceSink sink = sink(config(temp, maxBytes, 100, 10_000));

    IntStream.range(0, 300).forEach(seq -> sink.write(numbered(TraceLevel.INFO, seq)));
    sink.close();

    Path current = temp.resolve(FileTraceSink.SUCCESS_LOG);
    List<Path> oldestFirst = generations(current);
    assertThat(oldestFirst).hasSizeGreaterThan(5);
    List<Integer> all = new ArrayList<>();
    for (Path file : oldestFirst) {
      assertThat(Files.size(file))
          .as("%s stays within the bound", file)
          .isLessThanOrEqualTo(maxBytes);
      assertThat(Files.readString(file)).endsWith("\n");
      all.addAll(seqs(file)); // every line parses: none was split across two files
    }
    assertThat(all).containsExactlyElementsOf(IntStream.range(0, 300).boxed().toList());
  }

  @Test
  void onlyMaxFilesRotatedFilesAreKeptAndTheOldestGo() {
    FileTraceSink sink = sink(config(temp, 2000, 3, 10_000));

    IntStream.range(0, 300).forEach(seq -> sink.write(numbered(TraceLevel.INFO, seq)));
    sink.close();

    Path current = temp.resolve(FileTraceSink.SUCCESS_LOG);
    assertThat(temp.resolve("success.log.3")).exists();
    assertThat(temp.resolve("success.log.4")).doesNotExist();
    List<Integer> kept = new ArrayList<>();
    generations(current).forEach(file -> kept.addAll(seqs(file)));
    // the newest events survive, in order and without a gap
    int first = kept.get(0);
    assertThat(first).isPositive();
    assertThat(kept).containsExactlyElementsOf(IntStream.range(first, 300).boxed().toList());
  }

  @Test
  void aRestartAppendsToTheFilesAndCountsTheirSizeTowardsRotation() {
    TracingConfig config = config(temp, 2000, 5, 100);
    FileTraceSink first = sink(config);
    IntStream.range(0, 10).forEach(seq -> first.write(numbered(TraceLevel.INFO, seq)));
    first.close();

    FileTraceSink second = sink(config);
    IntStream.range(10, 30).forEach(seq -> second.write(numbered(TraceLevel.INFO, seq)));
    second.close();

    List<Integer> all = new ArrayList<>();
    generations(temp.resolve(FileTraceSink.SUCCESS_LOG)).forEach(file -> all.addAll(seqs(file)));
    assertThat(all).containsExactlyElementsOf(IntStream.range(0, 30).boxed().toList());
    assertThat(temp.resolve("success.log.1")).exists();
  }

  @Test
  void aLineCutShortBeforeARestartDoesNotSwallowTheNextOne() throws IOException {
    Files.writeString(temp.resolve(FileTraceSink.SUCCESS_LOG), "{\"ts\":\"2025-03-01T09:1");
    FileTraceSink sink = sink(config(temp, 1_000_000, 5, 100));

    sink.write(numbered(TraceLevel.INFO, 1));
    sink.close();

    List<String> text = Files.readAllLines(temp.resolve(FileTraceSink.SUCCESS_LOG));
    assertThat(text).hasSize(2);
    assertThat(MAPPER.readTree(text.get(1)).get("seq").asInt()).isEqualTo(1);
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlocking() {
    CountDownLatch writerMayRun = new CountDownLatch(1);
    FileTraceSink sink = sink(config(temp, 1_000_000, 5, 5), heldBack(writerMayRun));

    IntStream.range(0, 12).forEach(seq -> sink.write(numbered(TraceLevel.INFO, seq)));

    assertThat(sink.dropped()).isEqualTo(7);
    assertThat(meters.get(FileTraceSink.DROPPED_METER).counter().count()).isEqualTo(7.0);
    writerMayRun.countDown();
    sink.close();
    assertThat(seqs(temp.resolve(FileTraceSink.SUCCESS_LOG))).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void anUnwritableDirectoryDropsAndWarnsOnceThenRecovers() throws IOException {
    Path directory = temp.resolve("traces");
    Files.writeString(directory, "a file where the directory should be");
    capture(RotatingFile.class);
    FileTraceSink sink = sink(config(directory, 1_000_000, 5, 100));

    IntStream.range(0, 3).forEach(seq -> sink.write(numbered(TraceLevel.INFO, seq)));
    await().until(() -> sink.dropped() == 3);
    sink.write(numbered(TraceLevel.ERROR, 3));
    await().until(() -> sink.dropped() == 4);

    assertThat(meters.get(FileTraceSink.DROPPED_METER).counter().count()).isEqualTo(4.0);
    assertThat(warnings()).as("one warning per failing file").hasSize(2);

    Files.delete(directory);
    IntStream.range(10, 13).forEach(seq -> sink.write(numbered(TraceLevel.INFO, seq)));
    sink.close();

    assertThat(seqs(directory.resolve(FileTraceSink.SUCCESS_LOG))).containsExactly(10, 11, 12);
    assertThat(sink.dropped()).isEqualTo(4);
    assertThat(warnings()).hasSize(2);
  }

  @Test
  void aDeletedDirectoryIsCreatedAgain() throws IOException {
    Path directory = temp.resolve("traces");
    FileTraceSink sink = sink(config(directory, 1_000_000, 5, 100));
    sink.write(numbered(TraceLevel.INFO, 1));
    Path log = directory.resolve(FileTraceSink.SUCCESS_LOG);
    await().until(() -> Files.exists(log) && Files.size(log) > 0);

    Files.delete(log);
    Files.delete(directory);
    sink.write(numbered(TraceLevel.INFO, 2));
    sink.close();

    assertThat(seqs(log)).containsExactly(2);
  }

  @Test
  void closeIsIdempotentAndAnUnusedSinkCreatesNothing() {
    Path directory = temp.resolve("never");
    FileTraceSink sink = sink(config(directory, 1_000_000, 5, 100));

    sink.close();
    sink.close();

    assertThat(directory).doesNotExist();
  }

  private FileTraceSink sink(TracingConfig config) {
    return sink(config, r -> new Thread(r, "athena-trace-writer-test"));
  }

  private FileTraceSink sink(TracingConfig config, ThreadFactory threads) {
    FileTraceSink sink =
        new FileTraceSink(config, meters, Duration.ZERO, InstantSource.system(), threads);
    sinks.add(sink);
    return sink;
  }

  private static TracingConfig config(Path directory, long maxBytes, int maxFiles, int capacity) {
    return new TracingConfig(true, directory, maxBytes, maxFiles, capacity);
  }

  /** A writer thread that waits for the latch before it takes its first event. */
  private static ThreadFactory heldBack(CountDownLatch go) {
    return task ->
        new Thread(
            () -> {
              try {
                go.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              task.run();
            },
            "athena-trace-writer-held");
  }

  /** {@code success.log.N} … {@code success.log.1}, {@code success.log}: oldest first. */
  private static List<Path> generations(Path current) {
    List<Path> files = new ArrayList<>();
    for (int n = 1; Files.exists(current.resolveSibling(current.getFileName() + "." + n)); n++) {
      files.add(0, current.resolveSibling(current.getFileName() + "." + n));
    }
    files.add(current);
    return files;
  }

  private static List<JsonNode> lines(Path file) {
    try {
      List<JsonNode> parsed = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        parsed.add(MAPPER.readTree(line));
      }
      return parsed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Integer> seqs(Path file) {
    return lines(file).stream().map(line -> line.get("seq").asInt()).toList();
  }

  private void capture(Class<?> type) {
    log.start();
    ((Logger) LoggerFactory.getLogger(type)).addAppender(log);
  }

  private List<ILoggingEvent> warnings() {
    return log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
  }
}
