package io.athena.spi.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Counters every node of a cluster shares, so that the gateway's limits hold across nodes: a token
 * bucket per rate-limited subject, and pools of leased slots for concurrency limits.
 *
 * <p>Slots are leases: one that is neither released nor renewed lapses at its expiry and stops
 * counting, so a node that dies does not keep its slots. Times are the gateway's ({@code now} and
 * expiries come from its clock), so every node must keep its clock in sync (NTP is enough).
 *
 * <p>Implementations are thread-safe. A store that cannot answer throws {@link
 * LimitsUnavailableException} (or any runtime exception): the gateway then limits by the counts of
 * the node alone, and never fails a request because the store is down.
 */
public interface SharedLimits extends AutoCloseable {
  /** A short name for logs, such as {@code redis} or {@code memory}. */
  String name();

  /**
   * Takes one token from {@code bucket}, which holds at most {@code burst} tokens (a new bucket is
   * full) and refills at {@code perSecond}.
   *
   * @return {@link Duration#ZERO} when a token was taken, else how long until one will be there
   */
  Duration takeToken(String bucket, int perSecond, int burst, Instant now);

  /**
   * Takes {@code slot} in every pool of {@code limits} (pool name → the most slots it may hold),
   * all or none. Slots whose expiry is at or before {@code now} no longer count.
   *
   * @param expiresAt when the slot lapses unless renewed or released
   */
  SlotGrant takeSlots(String slot, Map<String, Integer> limits, Instant now, Instant expiresAt);

  /**
   * Moves the expiry of held slots (slot → its pools) to {@code expiresAt}; a slot that lapsed or
   * was released meanwhile stays gone.
   */
  void renewSlots(Map<String, ? extends Collection<String>> slots, Instant expiresAt);

  /** Gives {@code slot} back in each of {@code pools}; releasing twice is harmless. */
  void releaseSlots(String slot, Collection<String> pools);

  /** Frees connections; the default does nothing. */
  @Override
  default void close() {}
}
