package io.athena.postgres.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.postgres.internal.jobs.CompletionCombiner.Completion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompletionCombinerTest {

  @Test
  void aLoneCallerWritesItsOwnCompletion() {
    List<List<Completion>> batches = new ArrayList<>();
    CompletionCombiner combiner =
        new CompletionCombiner(
            10,
            batch -> {
              batches.add(List.copyOf(batch));
              return Set.of(batch.get(0).id());
            });
    Completion c = new Completion(UUID.randomUUID(), "d1", null);
    assertThat(combiner.complete(c)).isTrue();
    assertThat(batches).containsExactly(List.of(c));
  }

  @Test
  void answersFalseForJobsTheWriterDidNotComplete() {
    CompletionCombiner combiner = new CompletionCombiner(10, batch -> Set.of());
    assertThat(combiner.complete(new Completion(UUID.randomUUID(), "d1", null))).isFalse();
  }

  @Test
  void concurrentCallersShareStatementsAndEachGetsItsOwnAnswer() throws Exception {
    int callers = 8;
    int perCaller = 200;
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    Set<UUID> refused = Collections.synchronizedSet(new HashSet<>());
    CompletionCombiner combiner =
        new CompletionCombiner(
            64,
            batch -> {
              sizes.add(batch.size());
              sleep(); // a round trip, during which the others queue up
              Set<UUID> done = new HashSet<>();
              batch.stream()
                  .map(Completion::id)
                  .filter(id -> !refused.contains(id))
                  .forEach(done::add);
              return done;
            });
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<int[]>> results = new ArrayList<>();
      for (int t = 0; t < callers; t++) {
        results.add(pool.submit(() -> completeMany(combiner, refused, perCaller, go)));
      }
      go.countDown();
      for (Future<int[]> f : results) {
        int[] answer = f.get(30, TimeUnit.SECONDS);
        assertThat(answer[0]).as("wrong answers").isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(callers * perCaller);
    assertThat(sizes.size())
        .as("statements for %d completions", callers * perCaller)
        .isLessThan(callers * perCaller / 2);
  }

  private static int[] completeMany(
      CompletionCombiner combiner, Set<UUID> refused, int n, CountDownLatch go)
      throws InterruptedException {
    go.await();
    int wrong = 0;
    for (int i = 0; i < n; i++) {
      UUID id = UUID.randomUUID();
      boolean refuse = i % 7 == 0;
      if (refuse) {
        refused.add(id);
      }
      if (combiner.complete(new Completion(id, "d", null)) == refuse) {
        wrong++;
      }
    }
    return new int[] {wrong};
  }

  @Test
  void aRepeatedIdGoesIntoTheNextStatement() throws Exception {
    UUID id = UUID.randomUUID();
    List<List<UUID>> batches = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletionCombiner combiner =
        new CompletionCombiner(
            10,
            batch -> {
              batches.add(batch.stream().map(Completion::id).toList());
              firstRunning.countDown();
              await(release);
              return Set.of(id);
            });
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Boolean> first = pool.submit(() -> combiner.complete(new Completion(id, "d", null)));
      firstRunning.await(5, TimeUnit.SECONDS);
      Future<Boolean> second = pool.submit(() -> combiner.complete(new Completion(id, "d", null)));
      Future<Boolean> third = pool.submit(() -> combiner.complete(new Completion(id, "d", null)));
      Thread.sleep(50); // both queue behind the running statement
      release.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
      second.get(5, TimeUnit.SECONDS);
      third.get(5, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(batches).allSatisfy(b -> assertThat(b).doesNotHaveDuplicates());
    assertThat(batches).hasSize(3);
  }

  @Test
  void aFailedStatementFailsEveryCallerInIt() {
    CompletionCombiner combiner =
        new CompletionCombiner(
            10,
            batch -> {
              throw new IllegalStateException("database down");
            });
    assertThatThrownBy(() -> combiner.complete(new Completion(UUID.randomUUID(), "d", null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database down");
  }

  private static void sleep() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
