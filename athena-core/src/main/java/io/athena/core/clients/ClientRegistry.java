package io.athena.core.clients;

import io.athena.core.clients.CatalogSync.Routed;
import io.athena.spi.Backend;
import io.athena.spi.DynamicBackend;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.catalog.CatalogClient;
import io.athena.spi.catalog.ClientCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Resolves a client name to the backend that serves it: the clients of the backends (source {@code
 * config}) merged with the rows of the client catalog (source {@code catalog}), re-read every
 * reload interval. Catalog clients are registered with the first {@link DynamicBackend} that
 * supports their URI, and unregistered when they are deleted or deactivated.
 *
 * <p>Configured names are unique across backends: two backends claiming one name is a configuration
 * error found at build time. A catalog row named like a configured client only overrides its active
 * and frozen flags.
 *
 * <p>The catalog is first read by {@link #start()} or, for hosts that never call it, on first use;
 * building a registry reads nothing. Thread-safe: lookups read an immutable view that changes
 * reload by reload.
 */
public final class ClientRegistry implements AutoCloseable {
  /** How often the catalog is re-read unless set: {@code control_plane.catalog_reload_interval}. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

  private final Map<String, Backend> configured;
  private final List<DynamicBackend> dynamic;
  private final ClientCatalog catalog;
  private final Function<String, String> environment;
  private final CatalogSync sync;
  private final CatalogReloader reloader;
  private volatile Map<String, Routed> view;
  private final AtomicLong localWrites = new AtomicLong();
  private volatile boolean started;
  private boolean closed;

  /** Configured clients only: no catalog. */
  public ClientRegistry(List<Backend> backends) {
    this(backends, null, DEFAULT_RELOAD_INTERVAL, System::getenv);
  }

  /**
   * @param catalog the catalog to merge in; null for configured clients only
   * @param reloadInterval how often the catalog is re-read
   * @param environment resolves {@code pg_uri_env_var}s ({@code System::getenv}); null for unset
   */
  public ClientRegistry(
      List<Backend> backends,
      ClientCatalog catalog,
      Duration reloadInterval,
      Function<String, String> environment) {
    Objects.requireNonNull(reloadInterval, "reloadInterval");
    Objects.requireNonNull(environment, "environment");
    this.configured = configured(backends);
    List<DynamicBackend> dynamicBackends = new ArrayList<>();
    backends.stream()
        .filter(DynamicBackend.class::isInstance)
        .forEach(b -> dynamicBackends.add((DynamicBackend) b));
    this.dynamic = List.copyOf(dynamicBackends);
    this.catalog = catalog;
    this.environment = environment;
    this.sync = new CatalogSync(configured, dynamic, environment);
    this.reloader = new CatalogReloader(this::reload, reloadInterval);
    this.view = sync.view();
  }

  private static Map<String, Backend> configured(List<Backend> backends) {
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
    return Collections.unmodifiableMap(map);
  }

  /**
   * Reads the catalog now and re-reads it every reload interval. Idempotent; nothing to do without
   * a catalog. A catalog that cannot be read now leaves the configured clients routable, and the
   * reloads go on trying.
   */
  public void start() {
    if (started || catalog == null) {
      return;
    }
    synchronized (this) {
      if (started || closed) {
        return;
      }
      reloader.reloadOnce();
      reloader.start();
      started = true;
    }
  }

  /**
   * Reads the catalog and applies it at once.
   *
   * @throws io.athena.spi.catalog.CatalogUnavailableException when it cannot be read (the view
   *     stays as it was)
   */
  public void reload() {
    if (catalog == null) {
      return;
    }
    long writesBefore = localWrites.get();
    List<CatalogClient> rows = catalog.list();
    synchronized (sync) {
      // a read that raced a write through this node may predate it: the next reload sees both
      if (localWrites.get() == writesBefore) {
        view = sync.replaceAll(rows);
      }
    }
  }

  /** Applies one row just written to the catalog, without waiting for the next reload. */
  public void apply(CatalogClient row) {
    Objects.requireNonNull(row, "row");
    synchronized (sync) {
      localWrites.incrementAndGet();
      view = sync.put(row);
    }
  }

  /**
   * The backend of a client, for a gateway request.
   *
   * @throws GatewayException {@code client_not_found} (404) for an unknown, inactive or unservable
   *     client, {@code client_frozen} (403) for a frozen one
   */
  public Backend resolve(String client) {
    start();
    Routed routed = view.get(client);
    if (routed == null) {
      throw notFound("Client '" + printable(client) + "' is not configured");
    }
    ClientState state = routed.state();
    if (!state.active()) {
      throw notFound("Client '" + state.name() + "' is deactivated");
    }
    if (state.frozen()) {
      throw new GatewayException(
          ErrorCode.CLIENT_FROZEN,
          "Client '" + state.name() + "' is frozen: its requests are refused until it is thawed");
    }
    if (routed.backend() == null) {
      throw notFound(
          "Client '"
              + state.name()
              + "' cannot be served on this node: "
              + state.problem().orElse("no backend serves it"));
    }
    return routed.backend();
  }

  /** Every active client name (frozen ones included), configured ones first. */
  public Set<String> names() {
    start();
    Set<String> names = new LinkedHashSet<>();
    view.forEach(
        (name, routed) -> {
          if (routed.state().active()) {
            names.add(name);
          }
        });
    return Collections.unmodifiableSet(names);
  }

  /** Every known client, inactive ones included (soft-deleted ones never), configured first. */
  public List<ClientState> states() {
    start();
    return view.values().stream().map(Routed::state).toList();
  }

  /** One client's state; empty for a name this node does not know. */
  public Optional<ClientState> state(String client) {
    start();
    return Optional.ofNullable(view.get(client)).map(Routed::state);
  }

  /** Whether a known client is frozen (its gateway requests answer 403 {@code client_frozen}). */
  public boolean isFrozen(String client) {
    return state(client).map(ClientState::frozen).orElse(false);
  }

  /**
   * The backend serving a client whatever its flags (for health probes, which also watch frozen
   * clients); empty when none does.
   */
  public Optional<Backend> backend(String client) {
    start();
    return Optional.ofNullable(view.get(client)).map(Routed::backend);
  }

  /** Whether {@code client} comes from the configuration (its connection is not the catalog's). */
  public boolean isConfigured(String client) {
    return configured.containsKey(client);
  }

  /** The catalog merged in, if any. */
  public Optional<ClientCatalog> catalog() {
    return Optional.ofNullable(catalog);
  }

  /**
   * Checks that some backend of this node can serve {@code uri}, without connecting.
   *
   * @throws IllegalArgumentException saying why not; the message never holds the URI
   */
  public void validateUri(String uri) {
    DynamicBackend backend =
        dynamic.stream()
            .filter(b -> b.supports(uri))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        dynamic.isEmpty()
                            ? "no backend of this node takes clients at runtime"
                            : "no backend of this node serves URIs like it"));
    backend.validate(uri);
  }

  /** The value of an environment variable as this node resolves {@code pg_uri_env_var}s. */
  Optional<String> environment(String variable) {
    return Optional.ofNullable(environment.apply(variable)).filter(v -> !v.isBlank());
  }

  /** Stops the reloads. The catalog and the backends belong to whoever built the registry. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    reloader.close();
  }

  private static GatewayException notFound(String message) {
    return new GatewayException(ErrorCode.CLIENT_NOT_FOUND, message);
  }

  /** Caller text echoed in messages is cut short and stripped of control characters. */
  private static String printable(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
