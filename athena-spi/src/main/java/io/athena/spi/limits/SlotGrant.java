package io.athena.spi.limits;

/** What {@link SharedLimits#takeSlots} decided. */
public enum SlotGrant {
  /** The slot was taken in every pool. */
  TAKEN,
  /** A pool was full: the slot was taken in none. */
  FULL
}
