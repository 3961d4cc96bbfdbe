package io.athena.core;

import io.athena.core.clients.ClientRegistry;
import io.athena.core.config.AthenaConfig;
import io.athena.core.gateway.GatewayRoutes;
import io.athena.core.router.AdminGuard;
import io.athena.core.router.Route;
import io.athena.core.router.Router;
import io.athena.core.system.SystemRoutes;
import io.athena.spi.AthenaException;
import io.athena.spi.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Athena: configuration, backends and the router that serves them.
 *
 * <pre>{@code
 * Athena athena = Athena.builder()
 *     .config(config)
 *     .backend(PostgresBackend.from(config))
 *     .build();
 * servletContext.addServlet("athena", new AthenaServlet(athena.router()));
 * }</pre>
 */
public final class Athena implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Athena.class);

  private final AthenaConfig config;
  private final List<Backend> backends;
  private final ClientRegistry clients;
  private final Router router;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Athena(Builder builder) {
    this.config = builder.config;
    this.backends = List.copyOf(builder.backends);
    this.clients = new ClientRegistry(backends);
    List<Route> routes = new ArrayList<>();
    routes.addAll(new SystemRoutes(this::routes).routes());
    routes.addAll(new GatewayRoutes(clients, config.gateway()).routes());
    this.router =
        new Router(
            routes, new AdminGuard(config.gateway().adminKey()), config.server().maxBodyBytes());
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an Athena whose backends are found through {@link BackendProvider} services: every
   * provider that recognises clients in the config contributes one backend.
   *
   * @throws AthenaException when the config names clients but no provider serves them
   */
  public static Athena fromConfig(AthenaConfig config) {
    Builder builder = builder().config(config);
    for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
      provider
          .create(config)
          .ifPresent(
              backend -> {
                LOG.info("backend '{}' serves clients {}", provider.name(), backend.clients());
                builder.backend(backend);
              });
    }
    if (!config.postgresClients().isEmpty() && builder.backends.isEmpty()) {
      throw new AthenaException(
          "postgres_clients are configured but no backend provider is on the classpath; add"
              + " io.athena:athena-postgres");
    }
    return builder.build();
  }

  public AthenaConfig config() {
    return config;
  }

  public ClientRegistry clients() {
    return clients;
  }

  /** The router to mount in a hosting adapter. */
  public Router router() {
    return router;
  }

  private List<Route> routes() {
    return router.routes();
  }

  /** Closes every backend (and so its pools). Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Backend backend : backends) {
      try {
        backend.close();
      } catch (RuntimeException e) {
        LOG.warn("closing backend '{}' failed", backend.kind(), e);
      }
    }
  }

  /** Wires an Athena; {@link #build()} has no side effects. */
  public static final class Builder {
    private AthenaConfig config = AthenaConfig.defaults();
    private final List<Backend> backends = new ArrayList<>();

    private Builder() {}

    public Builder config(AthenaConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Adds a backend; its clients become routable. */
    public Builder backend(Backend backend) {
      backends.add(Objects.requireNonNull(backend, "backend"));
      return this;
    }

    public Athena build() {
      return new Athena(this);
    }
  }
}
