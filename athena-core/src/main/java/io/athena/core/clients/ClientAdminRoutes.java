package io.athena.core.clients;

import io.athena.core.clients.ClientRequests.Connection;
import io.athena.core.clients.ClientRequests.NewClient;
import io.athena.core.clients.ClientRequests.Patch;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Envelope;
import io.athena.core.router.Access;
import io.athena.core.router.Exchange;
import io.athena.core.router.Handler;
import io.athena.core.router.Route;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.catalog.CatalogClient;
import io.athena.spi.catalog.CatalogConflictException;
import io.athena.spi.catalog.CatalogUnavailableException;
import io.athena.spi.catalog.ClientCatalog;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin routes of clients: list (catalog rows and what this node routes), create, change, soft
 * delete, freeze. Every write goes to the catalog first, then applies on this node at once; other
 * nodes see it at their next reload. Configured clients keep their connection (only their flags and
 * description can be overridden, through a catalog row without a URI) and cannot be deleted.
 */
public final class ClientAdminRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ClientAdminRoutes.class);
  private static final String MODULE = "athena-core";

  /** What a 503 {@code catalog_unavailable} asks callers to wait. */
  public static final int CATALOG_RETRY_AFTER_SECONDS = 5;

  private final ClientRegistry registry;
  private final ClientCatalog catalog;
  private final InstantSource clock;

  /**
   * @throws IllegalArgumentException when the registry merges no catalog
   */
  public ClientAdminRoutes(ClientRegistry registry, InstantSource clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.catalog =
        registry
            .catalog()
            .orElseThrow(() -> new IllegalArgumentException("the registry has no client catalog"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public List<Route> routes() {
    return List.of(
        route("GET", "/admin/clients", "List catalog clients and routed clients", this::list),
        route("POST", "/admin/clients", "Add a client to the catalog", this::create),
        route("PATCH", "/admin/clients/{name}", "Change a client", this::patch),
        route("DELETE", "/admin/clients/{name}", "Soft-delete a catalog client", this::delete),
        route("PUT", "/admin/clients/{name}/freeze", "Freeze or thaw a client", this::freeze));
  }

  private static Route route(String method, String path, String summary, Handler handler) {
    return new Route(method, path, MODULE, Access.ADMIN, summary, catalogGuarded(handler));
  }

  /** The catalog's failures as callers see them: 503 when it is down, 409 on a lost race. */
  private static Handler catalogGuarded(Handler handler) {
    return exchange -> {
      try {
        return handler.handle(exchange);
      } catch (CatalogUnavailableException e) {
        LOG.warn(
            "client admin request {} failed: the catalog is unavailable", exchange.requestId(), e);
        throw new GatewayException(
            ErrorCode.CATALOG_UNAVAILABLE,
            "The client catalog is unavailable; retry shortly",
            null,
            CATALOG_RETRY_AFTER_SECONDS,
            Map.of());
      } catch (CatalogConflictException e) {
        throw new GatewayException(
            ErrorCode.CLIENT_EXISTS, "The client was changed at the same time; retry", e);
      }
    };
  }

  private HttpResponse list(Exchange exchange) {
    registry.start();
    boolean withDeleted =
        exchange
            .request()
            .queryParam("include_deleted")
            .filter("true"::equalsIgnoreCase)
            .isPresent();
    List<Map<String, Object>> rows =
        catalog.list().stream()
            .filter(row -> withDeleted || !row.deleted())
            .map(ClientRequests::json)
            .toList();
    List<Map<String, Object>> runtime =
        registry.states().stream().map(ClientRequests::json).toList();
    return Envelope.success(
        "Listed " + rows.size() + " catalog clients and " + runtime.size() + " routed clients",
        Map.of("clients", rows, "runtime", runtime));
  }

  private HttpResponse create(Exchange exchange) {
    NewClient request = ClientRequests.create(exchange.json());
    String name = request.name();
    if (registry.isConfigured(name)) {
      throw new GatewayException(
          ErrorCode.CLIENT_EXISTS, "Client '" + name + "' is configured on this node");
    }
    checkConnection(request.connection());
    Optional<CatalogClient> existing = catalog.get(name);
    if (existing.isPresent() && !existing.get().deleted()) {
      throw new GatewayException(ErrorCode.CLIENT_EXISTS, "Client '" + name + "' exists");
    }
    CatalogClient row = request.row(now());
    CatalogClient saved =
        existing.isPresent() // a soft-deleted client of that name comes back as new
            ? catalog.update(row).orElseThrow(() -> raced(name))
            : catalog.create(row);
    registry.apply(saved);
    LOG.info("client '{}' added to the catalog", name);
    return Envelope.success(
        201, "Client created", Map.of("client", ClientRequests.json(saved)), Map.of());
  }

  private HttpResponse patch(Exchange exchange) {
    String name = name(exchange);
    Patch patch = ClientRequests.patch(exchange.json());
    boolean configured = registry.isConfigured(name);
    if (patch.connection() != null) {
      if (configured) {
        throw inConfig(
            name, "its connection is changed there; PATCH only is_active or description");
      }
      checkConnection(patch.connection());
    }
    Optional<CatalogClient> row = live(name);
    if (row.isEmpty() && !configured) {
      throw notFound(name);
    }
    CatalogClient saved =
        row.isPresent()
            ? save(patch.applyTo(row.get(), now()))
            : saveOverride(name, base -> patch.applyTo(base, base.updatedAt()));
    registry.apply(saved);
    LOG.info("client '{}' changed", name);
    return Envelope.success("Client updated", Map.of("client", ClientRequests.json(saved)));
  }

  private HttpResponse delete(Exchange exchange) {
    String name = name(exchange);
    if (registry.isConfigured(name)) {
      throw inConfig(name, "remove it there, or deactivate it with PATCH {\"is_active\":false}");
    }
    CatalogClient row = live(name).orElseThrow(() -> notFound(name));
    CatalogClient saved = save(flags(row, row.frozen(), true, now()));
    registry.apply(saved);
    LOG.info("client '{}' soft-deleted from the catalog", name);
    return Envelope.success("Client deleted", Map.of("client", ClientRequests.json(saved)));
  }

  private HttpResponse freeze(Exchange exchange) {
    String name = name(exchange);
    boolean frozen = ClientRequests.frozen(exchange.json());
    Optional<CatalogClient> row = live(name);
    if (row.isEmpty() && !registry.isConfigured(name)) {
      throw notFound(name);
    }
    CatalogClient saved =
        row.isPresent()
            ? save(flags(row.get(), frozen, false, now()))
            : saveOverride(name, base -> flags(base, frozen, false, base.updatedAt()));
    registry.apply(saved);
    LOG.info("client '{}' {}", name, frozen ? "frozen" : "thawed");
    return Envelope.success(
        frozen ? "Client frozen" : "Client thawed", Map.of("client", ClientRequests.json(saved)));
  }

  /** A row that only overrides the flags of a configured client (no URI: the config owns it). */
  private CatalogClient saveOverride(String name, UnaryOperator<CatalogClient> change) {
    Instant now = now();
    CatalogClient row =
        change.apply(new CatalogClient(name, null, null, null, true, false, false, now, now));
    return catalog.get(name).isPresent() // a soft-deleted override comes back
        ? save(row)
        : catalog.create(row);
  }

  private CatalogClient save(CatalogClient row) {
    return catalog.update(row).orElseThrow(() -> raced(row.name()));
  }

  /**
   * Checks a connection as far as this node can: a URI must suit one of its backends; a variable is
   * checked only where it is set (other nodes may have it when this one has not).
   */
  private void checkConnection(Connection connection) {
    String field =
        connection.pgUri() != null
            ? ClientRequests.URI_FIELD
            : "the value of " + connection.pgUriEnvVar();
    Optional<String> uri =
        connection.pgUri() != null
            ? Optional.of(connection.pgUri())
            : registry.environment(connection.pgUriEnvVar());
    try {
      uri.ifPresent(registry::validateUri);
    } catch (IllegalArgumentException e) {
      throw ClientRequests.invalid(field + ": " + e.getMessage());
    }
  }

  /** The row of a client that is not soft-deleted. */
  private Optional<CatalogClient> live(String name) {
    return catalog.get(name).filter(row -> !row.deleted());
  }

  private Instant now() {
    // the precision a database keeps, so that the answer matches what is read back later
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static CatalogClient flags(
      CatalogClient row, boolean frozen, boolean deleted, Instant now) {
    return new CatalogClient(
        row.name(),
        row.pgUri(),
        row.pgUriEnvVar(),
        row.description(),
        row.active(),
        frozen,
        deleted,
        row.createdAt(),
        now);
  }

  /** A path name that could not be a client is simply not found. */
  private static String name(Exchange exchange) {
    String name = exchange.pathParam("name").orElse("");
    if (!ClientRequests.NAME.matcher(name).matches()) {
      throw new GatewayException(ErrorCode.CLIENT_NOT_FOUND, "No client of that name");
    }
    return name;
  }

  private static GatewayException notFound(String name) {
    return new GatewayException(ErrorCode.CLIENT_NOT_FOUND, "No client '" + name + "'");
  }

  private static GatewayException inConfig(String name, String hint) {
    return new GatewayException(
        ErrorCode.CLIENT_IN_CONFIG,
        "Client '" + name + "' comes from this node's configuration: " + hint);
  }

  private static GatewayException raced(String name) {
    return new GatewayException(
        ErrorCode.CLIENT_NOT_FOUND, "Client '" + name + "' was removed at the same time");
  }
}
