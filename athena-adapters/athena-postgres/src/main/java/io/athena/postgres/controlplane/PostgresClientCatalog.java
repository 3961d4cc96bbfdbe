package io.athena.postgres.controlplane;

import io.athena.postgres.internal.SqlExceptions;
import io.athena.spi.catalog.CatalogClient;
import io.athena.spi.catalog.CatalogConflictException;
import io.athena.spi.catalog.CatalogUnavailableException;
import io.athena.spi.catalog.ClientCatalog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The client catalog in the control-plane table {@code athena_clients}: one row per runtime-managed
 * client, shared by every node. Each call is one statement; every failure to reach or use the
 * database is a {@link CatalogUnavailableException} (the caller keeps its last view).
 *
 * <p>Obtained from {@link PostgresControlPlane#catalog()}.
 */
public final class PostgresClientCatalog implements ClientCatalog {
  private final ControlPlaneStore store;

  PostgresClientCatalog(ControlPlaneStore store) {
    this.store = store;
  }

  @Override
  public List<CatalogClient> list() {
    try {
      return store.query(store.sql().listClients(), ps -> {}, PostgresClientCatalog::client);
    } catch (SQLException e) {
      throw unavailable("list the clients", e);
    }
  }

  @Override
  public Optional<CatalogClient> get(String name) {
    Objects.requireNonNull(name, "name");
    try {
      return first(
          store.query(
              store.sql().getClient(), ps -> ps.setString(1, name), PostgresClientCatalog::client));
    } catch (SQLException e) {
      throw unavailable("read client '" + name + "'", e);
    }
  }

  /**
   * @throws CatalogConflictException when a row of that name exists, soft-deleted or not
   */
  @Override
  public CatalogClient create(CatalogClient client) {
    Objects.requireNonNull(client, "client");
    List<CatalogClient> created;
    try {
      created =
          store.query(
              store.sql().createClient(),
              ps -> bindCreate(ps, client),
              PostgresClientCatalog::client);
    } catch (SQLException e) {
      throw unavailable("create client '" + client.name() + "'", e);
    }
    if (created.isEmpty()) {
      throw new CatalogConflictException("client '" + client.name() + "' exists already");
    }
    return created.get(0);
  }

  /**
   * Replaces the row's fields; its creation time stays, a soft deletion keeps its first time. Times
   * are stored to the microsecond, so the row answered may be finer than PostgreSQL keeps.
   */
  @Override
  public Optional<CatalogClient> update(CatalogClient client) {
    Objects.requireNonNull(client, "client");
    try {
      return first(
          store.query(
              store.sql().updateClient(),
              ps -> bindUpdate(ps, client),
              PostgresClientCatalog::client));
    } catch (SQLException e) {
      throw unavailable("update client '" + client.name() + "'", e);
    }
  }

  private static void bindCreate(PreparedStatement ps, CatalogClient c) throws SQLException {
    ps.setString(1, c.name());
    ps.setString(2, c.pgUri());
    ps.setString(3, c.pgUriEnvVar());
    ps.setString(4, c.description());
    ps.setBoolean(5, c.active());
    ps.setBoolean(6, c.frozen());
    ps.setBoolean(7, c.deleted());
    ps.setObject(8, ControlPlaneStore.timestamp(c.createdAt()));
    ps.setObject(9, ControlPlaneStore.timestamp(c.updatedAt()));
    ps.setObject(10, c.deleted() ? ControlPlaneStore.timestamp(c.updatedAt()) : null);
  }

  private static void bindUpdate(PreparedStatement ps, CatalogClient c) throws SQLException {
    ps.setString(1, c.pgUri());
    ps.setString(2, c.pgUriEnvVar());
    ps.setString(3, c.description());
    ps.setBoolean(4, c.active());
    ps.setBoolean(5, c.frozen());
    ps.setBoolean(6, c.deleted());
    ps.setBoolean(7, c.deleted());
    ps.setObject(8, ControlPlaneStore.timestamp(c.updatedAt()));
    ps.setObject(9, ControlPlaneStore.timestamp(c.updatedAt()));
    ps.setString(10, c.name());
  }

  private static CatalogClient client(ResultSet rs) throws SQLException {
    return new CatalogClient(
        rs.getString("name"),
        rs.getString("pg_uri"),
        rs.getString("pg_uri_env_var"),
        rs.getString("description"),
        rs.getBoolean("is_active"),
        rs.getBoolean("is_frozen"),
        rs.getBoolean("is_deleted"),
        ControlPlaneStore.instant(rs, "created_at"),
        ControlPlaneStore.instant(rs, "updated_at"));
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** The message holds PostgreSQL's primary message, never a URI or a row's values. */
  private CatalogUnavailableException unavailable(String action, SQLException e) {
    return new CatalogUnavailableException(
        "Client catalog could not "
            + action
            + " in schema '"
            + store.schema().name()
            + "': "
            + SqlExceptions.summary(e),
        e);
  }
}
