package io.athena.core.clients;

import java.util.Objects;
import java.util.Optional;

/**
 * A client as this node routes it right now.
 *
 * @param name the client name ({@code X-Athena-Client})
 * @param source where it comes from
 * @param backend the {@link io.athena.spi.Backend#kind()} serving it; empty when none does
 * @param active inactive clients answer 404 {@code client_not_found}
 * @param frozen frozen clients answer 403 {@code client_frozen}
 * @param poolConnected a backend holds a connection pool for it (not that the database answers:
 *     that is what health probes find out)
 * @param problem why an active client cannot be served on this node, such as an unset {@code
 *     pg_uri_env_var}; empty when it can
 */
public record ClientState(
    String name,
    ClientSource source,
    Optional<String> backend,
    boolean active,
    boolean frozen,
    boolean poolConnected,
    Optional<String> problem) {
  public ClientState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(problem, "problem");
  }

  /** Whether a gateway request for it reaches its backend: active, not frozen, served. */
  public boolean routable() {
    return active && !frozen && poolConnected;
  }
}
