package io.athena.spi.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The API key enforcement switch as an operator last set it ({@code PUT /admin/api-key-config}),
 * persisted by the {@link KeyStore} so that it survives restarts and reaches every node.
 *
 * @param enforceApiKeys whether gateway requests need a key, for clients without their own setting
 * @param clients client name → its own setting
 */
public record EnforcementSettings(boolean enforceApiKeys, Map<String, Boolean> clients) {
  public EnforcementSettings {
    Objects.requireNonNull(clients, "clients");
    clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
  }
}
