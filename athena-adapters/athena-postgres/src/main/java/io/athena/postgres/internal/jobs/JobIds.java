package io.athena.postgres.internal.jobs;

import io.athena.spi.jobs.JobId;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Job ids: UUIDs in canonical text form. */
public final class JobIds {
  private JobIds() {}

  /**
   * A new id in the UUID version 7 layout: 48 bits of Unix milliseconds, then 74 random bits.
   * Time-ordered ids make inserts append to the right edge of the primary-key index instead of
   * touching a random page per job; the random bits keep ids from colliding across processes.
   */
  static UUID newId(long epochMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  /**
   * The UUID of {@code id}, or null when it is not a canonical UUID: such an id cannot name a job
   * of this store, so lookups answer "not found" rather than fail.
   */
  public static UUID parse(JobId id) {
    String value = id.value();
    if (value.length() != 36) {
      return null;
    }
    try {
      UUID uuid = UUID.fromString(value);
      return uuid.toString().equals(value.toLowerCase(Locale.ROOT)) ? uuid : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
