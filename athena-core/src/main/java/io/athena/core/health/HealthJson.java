package io.athena.core.health;

import io.athena.spi.health.PoolSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of {@code /health/cluster} and {@code /admin/pools}, as plain maps. */
final class HealthJson {
  private HealthJson() {}

  /**
   * {@code {status, version, clients:[...], mirrors:[...]}}: {@code latency_ms} and {@code
   * checked_at} are null when unknown, {@code error} appears only when there is one.
   */
  static Map<String, Object> cluster(ClusterHealth cluster, String version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", cluster.status().wireName());
    body.put("version", version);
    body.put("clients", cluster.clients().stream().map(HealthJson::client).toList());
    body.put("mirrors", cluster.mirrors().stream().map(HealthJson::mirror).toList());
    return body;
  }

  static Map<String, Object> client(ClientHealth client) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("client_name", client.client());
    json.put("status", client.status().wireName());
    json.put("latency_ms", millis(client.latency()));
    json.put("pool", client.pool().map(HealthJson::pool).orElse(null));
    client.error().ifPresent(error -> json.put("error", error));
    json.put("checked_at", client.checkedAt().map(Object::toString).orElse(null));
    return json;
  }

  static Map<String, Object> mirror(MirrorHealth mirror) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("url", mirror.url().toString());
    json.put("status", mirror.status().wireName());
    json.put("latency_ms", millis(mirror.latency()));
    mirror.error().ifPresent(error -> json.put("error", error));
    json.put("checked_at", mirror.checkedAt().map(Object::toString).orElse(null));
    return json;
  }

  /** {@code {pools:[{client_name, active, idle, max, pending}]}}; nulls where a pool is unknown. */
  static Map<String, Object> pools(Map<String, Optional<PoolSnapshot>> pools) {
    List<Map<String, Object>> rows =
        pools.entrySet().stream().map(e -> poolRow(e.getKey(), e.getValue())).toList();
    return Map.of("pools", rows);
  }

  private static Map<String, Object> poolRow(String client, Optional<PoolSnapshot> pool) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("client_name", client);
    row.put("active", pool.map(PoolSnapshot::active).orElse(null));
    row.put("idle", pool.map(PoolSnapshot::idle).orElse(null));
    row.put("max", pool.map(PoolSnapshot::max).orElse(null));
    row.put(
        "pending",
        pool.filter(p -> p.pending().isPresent()).map(p -> p.pending().getAsInt()).orElse(null));
    return row;
  }

  private static Map<String, Object> pool(PoolSnapshot pool) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("active", pool.active());
    json.put("idle", pool.idle());
    json.put("max", pool.max());
    return json;
  }

  /** Milliseconds with microsecond precision: a local probe often takes well under one. */
  static Double millis(Optional<Duration> latency) {
    return latency.map(d -> Math.round(d.toNanos() / 1_000.0) / 1_000.0).orElse(null);
  }
}
