package io.athena.core.clients;

import io.athena.spi.Backend;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a client name to the backend that serves it. Names are unique across backends: two
 * backends claiming one name is a configuration error found at build time, not a coin toss later.
 */
public final class ClientRegistry {
  private final Map<String, Backend> byName;

  public ClientRegistry(List<Backend> backends) {
    Map<String, Backend> map = new LinkedHashMap<>();
    for (Backend backend : backends) {
      for (String client : backend.clients()) {
        Backend previous = map.putIfAbsent(client, backend);
        if (previous != null) {
          throw new IllegalStateException(
              "client '"
                  + client
                  + "' is served by two backends ("
                  + previous.kind()
                  + " and "
                  + backend.kind()
                  + ")");
        }
      }
    }
    this.byName = Collections.unmodifiableMap(map);
  }

  /**
   * The backend of a client.
   *
   * @throws GatewayException {@code client_not_found} (404) for an unknown name
   */
  public Backend resolve(String client) {
    Backend backend = byName.get(client);
    if (backend == null) {
      throw new GatewayException(
          ErrorCode.CLIENT_NOT_FOUND, "Client '" + printable(client) + "' is not configured");
    }
    return backend;
  }

  /** Every routable client name, in configuration order. */
  public Set<String> names() {
    return byName.keySet();
  }

  /** Caller text echoed in messages is cut short and stripped of control characters. */
  private static String printable(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
