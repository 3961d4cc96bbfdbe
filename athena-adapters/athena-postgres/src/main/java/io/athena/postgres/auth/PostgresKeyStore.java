package io.athena.postgres.auth;

import io.athena.spi.auth.ApiKey;
import io.athena.spi.auth.EnforcementSettings;
import io.athena.spi.auth.KeyStore;
import io.athena.spi.auth.KeyStoreUnavailableException;
import io.athena.spi.auth.StoredKey;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys in a PostgreSQL table ({@code athena_api_keys}), over the host's data source. Only each
 * key's salt and salted SHA-256 hash are stored. The table is created on first use (or by {@link
 * #migrate()}, to fail fast at start); construction touches nothing.
 *
 * <pre>{@code
 * Athena athena = Athena.builder().config(config).keyStore(new PostgresKeyStore(dataSource)).build();
 * }</pre>
 *
 * <p>Thread-safe. A database that cannot answer surfaces as {@link KeyStoreUnavailableException}.
 */
public final class PostgresKeyStore implements KeyStore {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresKeyStore.class);
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private volatile boolean migrated;

  public PostgresKeyStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Creates or upgrades the key table now. Idempotent, and safe when several nodes call it at once.
   *
   * @throws KeyStoreUnavailableException when the database cannot be reached
   */
  public void migrate() {
    if (!migrated) {
      migrateOnce();
    }
  }

  private synchronized void migrateOnce() {
    if (migrated) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      int applied = KeyStoreMigrations.migrate(c);
      if (applied > 0) {
        LOG.info("API key store: applied {} migration(s)", applied);
      }
      migrated = true;
    } catch (SQLException e) {
      throw unavailable("migrating the API key table", e);
    }
  }

  @Override
  public Optional<StoredKey> find(String id) {
    return query(
            "finding an API key",
            KeyStoreSql.FIND,
            ps -> ps.setString(1, id),
            rs -> new StoredKey(key(rs), rs.getBytes("salt"), rs.getBytes("key_hash")))
        .stream()
        .findFirst();
  }

  @Override
  public List<ApiKey> list() {
    return query("listing API keys", KeyStoreSql.LIST, ps -> {}, PostgresKeyStore::key);
  }

  @Override
  public void create(StoredKey stored) {
    ApiKey key = stored.key();
    try {
      update(
          "creating an API key",
          KeyStoreSql.INSERT,
          (c, ps) -> {
            ps.setString(1, key.id());
            ps.setString(2, key.name());
            ps.setArray(3, rights(c, key));
            ps.setString(4, key.client());
            ps.setObject(5, time(key.expiresAt()));
            ps.setBoolean(6, key.active());
            ps.setObject(7, time(key.createdAt()));
            ps.setObject(8, time(key.lastUsedAt()));
            ps.setBytes(9, stored.salt());
            ps.setBytes(10, stored.hash());
          });
    } catch (DuplicateKeyException e) {
      throw new IllegalStateException("a key with id " + key.id() + " exists", e);
    }
  }

  @Override
  public boolean update(ApiKey key) {
    return update(
            "updating an API key",
            KeyStoreSql.UPDATE,
            (c, ps) -> {
              ps.setString(1, key.name());
              ps.setArray(2, rights(c, key));
              ps.setString(3, key.client());
              ps.setObject(4, time(key.expiresAt()));
              ps.setBoolean(5, key.active());
              ps.setString(6, key.id());
            })
        > 0;
  }

  @Override
  public boolean delete(String id) {
    return update("deleting an API key", KeyStoreSql.DELETE, (c, ps) -> ps.setString(1, id)) > 0;
  }

  @Override
  public void touch(Map<String, Instant> lastUsed) {
    if (lastUsed.isEmpty()) {
      return;
    }
    migrate();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(KeyStoreSql.TOUCH)) {
      for (var entry : lastUsed.entrySet()) {
        ps.setObject(1, time(entry.getValue()));
        ps.setString(2, entry.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw unavailable("recording when API keys were last used", e);
    }
  }

  @Override
  public Optional<EnforcementSettings> loadEnforcement() {
    return query(
            "reading the API key enforcement switch",
            KeyStoreSql.LOAD_ENFORCEMENT,
            ps -> {},
            PostgresKeyStore::enforcement)
        .stream()
        .findFirst();
  }

  @Override
  public void saveEnforcement(EnforcementSettings settings) {
    Objects.requireNonNull(settings, "settings");
    update(
        "saving the API key enforcement switch",
        KeyStoreSql.SAVE_ENFORCEMENT,
        (c, ps) -> {
          ps.setBoolean(1, settings.enforceApiKeys());
          ps.setArray(2, c.createArrayOf("text", clientsSetTo(settings, true)));
          ps.setArray(3, c.createArrayOf("text", clientsSetTo(settings, false)));
        });
  }

  /** The per-client settings are two name lists, so no JSON mapping is needed to store them. */
  private static Object[] clientsSetTo(EnforcementSettings settings, boolean enforced) {
    return settings.clients().entrySet().stream()
        .filter(e -> e.getValue() == enforced)
        .map(Map.Entry::getKey)
        .toArray();
  }

  private static EnforcementSettings enforcement(ResultSet rs) throws SQLException {
    Map<String, Boolean> clients = new LinkedHashMap<>();
    for (String name : (String[]) rs.getArray("enforced_clients").getArray()) {
      clients.put(name, true);
    }
    for (String name : (String[]) rs.getArray("exempt_clients").getArray()) {
      clients.put(name, false);
    }
    return new EnforcementSettings(rs.getBoolean("enforce_api_keys"), clients);
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface WriteBinder {
    void bind(Connection c, PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String what, String sql, Binder binder, RowMapper<T> mapper) {
    migrate();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw unavailable(what, e);
    }
  }

  private int update(String what, String sql, WriteBinder binder) {
    migrate();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(c, ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new DuplicateKeyException(e);
      }
      throw unavailable(what, e);
    }
  }

  private static ApiKey key(ResultSet rs) throws SQLException {
    String[] rights = (String[]) rs.getArray("rights").getArray();
    return new ApiKey(
        rs.getString("id"),
        rs.getString("name"),
        Arrays.asList(rights),
        rs.getString("client_name"),
        instant(rs, "expires_at"),
        rs.getBoolean("is_active"),
        instant(rs, "created_at"),
        instant(rs, "last_used_at"));
  }

  private static Array rights(Connection c, ApiKey key) throws SQLException {
    return c.createArrayOf("text", key.rights().toArray());
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  /** The cause keeps the SQLSTATE for the log; the message names what failed, never a key. */
  private static KeyStoreUnavailableException unavailable(String what, SQLException e) {
    return new KeyStoreUnavailableException(what + " failed (SQLSTATE " + e.getSQLState() + ")", e);
  }

  /** A create that hit an existing id: not an outage. */
  private static final class DuplicateKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateKeyException(SQLException cause) {
      super(cause);
    }
  }
}
