package io.athena.benchmarks;

/** One job queue under test: it submits {@code n} no-op jobs and returns once all completed. */
interface Contender extends AutoCloseable {

  /** The row label in the result table. */
  String name();

  /**
   * Starts the workers, then submits {@code n} no-op jobs and waits until every one of them has
   * completed, as the database records it.
   *
   * @return nanoseconds from the first submit to the last recorded completion
   */
  long run(int n) throws Exception;

  /** Empties the contender's tables between rounds, so every round starts alike. */
  void reset() throws Exception;

  /** Releases what the contender holds beyond its pool. */
  @Override
  default void close() {}
}
