package io.athena.core.daemon;

import io.athena.core.jobs.Jobs;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/** The daemon builder's argument checks and defaults, each with a message naming the setting. */
final class Checks {
  private Checks() {}

  static String defaultId(String hostName) {
    String random = UUID.randomUUID().toString().substring(0, 6);
    return hostName + "-" + ProcessHandle.current().pid() + "-" + random;
  }

  static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  static String requireFamily(String family) {
    if (family == null || !Jobs.FAMILY.matcher(family).matches()) {
      throw new IllegalArgumentException(
          "family was '" + family + "' but must match " + Jobs.FAMILY.pattern());
    }
    return family;
  }

  static String requireText(String value, String name) {
    if (value == null || value.isBlank() || value.length() > 200) {
      throw new IllegalArgumentException(
          name + " was '" + value + "' but must be 1..200 characters and not blank");
    }
    return value;
  }

  static int range(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " was " + value + " but must be " + min + ".." + max);
    }
    return value;
  }

  static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " was " + value + " but must be positive");
    }
    return value;
  }

  static Duration notNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " was " + value + " but must be >= 0");
    }
    return value;
  }
}
