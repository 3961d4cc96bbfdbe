package io.athena.core.auth;

import io.athena.spi.auth.EnforcementSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether gateway requests need an API key: globally, and per client where a client overrides it.
 * Changed at run time through {@code PUT /admin/api-key-config}.
 *
 * @param clients client name → its own setting
 */
public record Enforcement(boolean global, Map<String, Boolean> clients) {
  public Enforcement {
    clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
  }

  public boolean enforcedFor(String client) {
    return clients.getOrDefault(client, global);
  }

  /** As the key store persists it. */
  public EnforcementSettings toSettings() {
    return new EnforcementSettings(global, clients);
  }

  /** As read back from the key store. */
  public static Enforcement of(EnforcementSettings settings) {
    return new Enforcement(settings.enforceApiKeys(), settings.clients());
  }
}
