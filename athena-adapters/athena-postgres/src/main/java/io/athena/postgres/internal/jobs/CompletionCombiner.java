package io.athena.postgres.internal.jobs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit for {@code complete}: concurrent callers are folded into one batched statement.
 *
 * <p>Each caller queues its completion. Whoever gets the flush lock becomes the leader: it drains
 * everything queued so far (its own and its neighbours') and writes it in one statement, then wakes
 * each caller of the batch and the owner of the next queued completion, who leads the next
 * statement. Callers that are not leading wait on their own completion, not on the lock, so a
 * finished caller returns at once while the next statement is already being written. With one
 * caller this is a plain single-row write; with eight busy workers it turns eight round trips and
 * commits into one or two, which is where a no-op job spends most of its time.
 */
public final class CompletionCombiner {

  /** A safety net only: waiters are woken explicitly, this bounds the cost of a lost wake-up. */
  private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /**
   * One job to complete.
   *
   * @param result the JSON result, or null
   */
  public record Completion(UUID id, String daemonId, String result) {}

  private static final class Pending {
    final Completion completion;
    final Thread owner = Thread.currentThread();
    boolean completed;
    RuntimeException failure;
    // written last by the leader, so it publishes the two fields above
    volatile boolean done;

    Pending(Completion completion) {
      this.completion = completion;
    }
  }

  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock flushLock = new ReentrantLock();
  private final int maxBatch;
  private final Function<List<Completion>, Set<UUID>> writer;

  /**
   * @param maxBatch the most completions written by one statement
   * @param writer writes a batch (distinct ids) and answers the ids it completed
   */
  public CompletionCombiner(int maxBatch, Function<List<Completion>, Set<UUID>> writer) {
    this.maxBatch = maxBatch;
    this.writer = writer;
  }

  /** Completes one job, possibly together with others; true when the daemon still held it. */
  public boolean complete(Completion completion) {
    Pending mine = new Pending(completion);
    queue.add(mine);
    boolean interrupted = false;
    while (!mine.done) {
      if (flushLock.tryLock()) {
        try {
          if (!mine.done) {
            flushOnce();
          }
        } finally {
          flushLock.unlock();
        }
        wakeNextLeader();
      } else {
        LockSupport.parkNanos(this, PARK_NANOS);
        // the write cannot be withdrawn once queued: wait it out, keep the interrupt for later
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.completed;
  }

  private void wakeNextLeader() {
    Pending next = queue.peek();
    if (next != null) {
      LockSupport.unpark(next.owner);
    }
  }

  // Runs under flushLock: one statement at a time.
  private void flushOnce() {
    List<Pending> batch = new ArrayList<>();
    List<Pending> repeats = new ArrayList<>();
    Set<UUID> ids = new HashSet<>();
    Pending next;
    while (batch.size() < maxBatch && (next = queue.poll()) != null) {
      // one statement cannot update a row twice; a repeated id waits for the next statement
      (ids.add(next.completion.id()) ? batch : repeats).add(next);
    }
    queue.addAll(repeats);
    List<Completion> completions = new ArrayList<>(batch.size());
    batch.forEach(p -> completions.add(p.completion));
    try {
      Set<UUID> completed = writer.apply(completions);
      batch.forEach(p -> p.completed = completed.contains(p.completion.id()));
    } catch (RuntimeException e) {
      batch.forEach(p -> p.failure = e);
    }
    for (Pending p : batch) {
      p.done = true;
      LockSupport.unpark(p.owner);
    }
  }
}
