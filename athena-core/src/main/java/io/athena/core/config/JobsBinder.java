package io.athena.core.config;

import static io.athena.core.config.ConfigKeys.ADMISSION;
import static io.athena.core.config.ConfigKeys.CLAIM_BATCH_SIZE;
import static io.athena.core.config.ConfigKeys.CONCURRENCY;
import static io.athena.core.config.ConfigKeys.DAEMON;
import static io.athena.core.config.ConfigKeys.DEFERRED_RESULT_TTL;
import static io.athena.core.config.ConfigKeys.DRAIN_TIMEOUT;
import static io.athena.core.config.ConfigKeys.ENABLED;
import static io.athena.core.config.ConfigKeys.HEARTBEAT_INTERVAL;
import static io.athena.core.config.ConfigKeys.ID;
import static io.athena.core.config.ConfigKeys.LEASE;
import static io.athena.core.config.ConfigKeys.MAX_CONCURRENT;
import static io.athena.core.config.ConfigKeys.MAX_CONCURRENT_PER_CLIENT;
import static io.athena.core.config.ConfigKeys.MAX_DEFERRED_RESULT_TTL;
import static io.athena.core.config.ConfigKeys.MAX_DURATION;
import static io.athena.core.config.ConfigKeys.OVERLOAD;
import static io.athena.core.config.ConfigKeys.POLL_INTERVAL;
import static io.athena.core.config.ConfigKeys.ROLE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athena.core.daemon.DaemonRole;
import io.athena.core.jobs.Jobs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code daemon} and {@code admission} sections. */
final class JobsBinder {
  /** Daemon ids end up in logs, the registry and lease columns: keep them plain. */
  static final Pattern DAEMON_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private static final Duration MIN_INTERVAL = Duration.ofMillis(10);
  private static final int MAX_CONCURRENCY = 1000;

  private final ConfigReader reader;

  JobsBinder(ConfigReader reader) {
    this.reader = reader;
  }

  DaemonConfig daemon(ObjectNode section) {
    DaemonConfig d = DaemonConfig.defaults();
    Duration lease =
        reader.duration(section, DAEMON, LEASE, d.lease(), Duration.ofSeconds(1), MAX_DURATION);
    Duration heartbeat =
        reader.duration(
            section,
            DAEMON,
            HEARTBEAT_INTERVAL,
            d.heartbeatInterval(),
            Duration.ZERO,
            MAX_DURATION);
    if (!heartbeat.isZero() && heartbeat.compareTo(lease) >= 0) {
      reader.problem(
          DAEMON + "." + HEARTBEAT_INTERVAL,
          Durations.format(heartbeat),
          "must be shorter than daemon.lease (" + Durations.format(lease) + ")");
      heartbeat = Duration.ZERO;
    }
    return new DaemonConfig(
        bool(section, DAEMON, ENABLED).orElse(d.enabled()),
        role(section).orElse(d.role()),
        daemonId(section),
        lease,
        heartbeat,
        reader.duration(
            section, DAEMON, POLL_INTERVAL, d.pollInterval(), MIN_INTERVAL, MAX_DURATION),
        reader.duration(
            section, DAEMON, DRAIN_TIMEOUT, d.drainTimeout(), Duration.ZERO, MAX_DURATION),
        (int) reader.integer(section, DAEMON, CLAIM_BATCH_SIZE, d.claimBatchSize(), 1, 1000),
        concurrency(section));
  }

  AdmissionConfig admission(ObjectNode section) {
    AdmissionConfig d = AdmissionConfig.defaults();
    return new AdmissionConfig(
        (int) reader.integer(section, ADMISSION, MAX_CONCURRENT, d.maxConcurrent(), 0, 1_000_000),
        (int)
            reader.integer(
                section,
                ADMISSION,
                MAX_CONCURRENT_PER_CLIENT,
                d.maxConcurrentPerClient(),
                0,
                1_000_000),
        reader.choice(section, ADMISSION, OVERLOAD, OverloadAction.class).orElse(d.overload()),
        reader.duration(
            section,
            ADMISSION,
            DEFERRED_RESULT_TTL,
            d.deferredResultTtl(),
            Duration.ofSeconds(1),
            MAX_DEFERRED_RESULT_TTL),
        reader.bool(section, ADMISSION, ConfigKeys.SHARED).orElse(d.shared()),
        reader.duration(
            section,
            ADMISSION,
            ConfigKeys.SHARED_SLOT_LEASE,
            d.sharedSlotLease(),
            Duration.ofMillis(300),
            Duration.ofMinutes(10)));
  }

  private Optional<DaemonRole> role(ObjectNode section) {
    Optional<ConfigReader.Setting> setting = reader.setting(section, DAEMON, ROLE, false);
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    Optional<DaemonRole> role = DaemonRole.fromWireName(setting.get().text());
    if (role.isEmpty()) {
      reader.problem(setting.get(), "must be one of api, daemon, clone-worker, all");
    }
    return role;
  }

  private String daemonId(ObjectNode section) {
    return reader.text(
        section,
        DAEMON,
        ID,
        null,
        id ->
            DAEMON_ID.matcher(id).matches()
                ? Optional.empty()
                : Optional.of("must match " + DAEMON_ID.pattern()));
  }

  /** {@code daemon.concurrency.<family>: n}. */
  private Map<String, Integer> concurrency(ObjectNode section) {
    String path = DAEMON + "." + CONCURRENCY;
    Map<String, Integer> bound = new LinkedHashMap<>();
    ObjectNode families =
        reader.namedMapping(section, CONCURRENCY, path, "a mapping of job family to a number");
    families
        .fieldNames()
        .forEachRemaining(
            family -> {
              if (!Jobs.FAMILY.matcher(family).matches()) {
                reader.problem(
                    path + "." + family, family, "is not a job family " + Jobs.FAMILY.pattern());
                return;
              }
              long n = reader.integer(families, path, family, -1, 1, MAX_CONCURRENCY);
              if (n > 0) {
                bound.put(family, (int) n);
              }
            });
    return bound;
  }

  private Optional<Boolean> bool(ObjectNode section, String path, String key) {
    Optional<ConfigReader.Setting> setting = reader.setting(section, path, key, false);
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    String text = setting.get().text().strip().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Optional.of(Boolean.parseBoolean(text));
    }
    reader.problem(setting.get(), "must be true or false");
    return Optional.empty();
  }
}
