package io.athena.postgres.auth;

import java.util.List;

/** Every statement of the PostgreSQL key store, in one place. */
final class KeyStoreSql {
  /** Serialises migrations across nodes: an arbitrary constant, "athauth1" in ASCII. */
  static final long MIGRATION_LOCK = 0x6174686175746831L;

  static final String LOCK = "SELECT pg_advisory_xact_lock(?)";

  static final String MIGRATIONS_TABLE =
      "CREATE TABLE IF NOT EXISTS athena_auth_migrations ("
          + " version integer PRIMARY KEY,"
          + " applied_at timestamptz NOT NULL DEFAULT now())";

  static final String CURRENT_VERSION =
      "SELECT coalesce(max(version), 0) FROM athena_auth_migrations";

  static final String RECORD_VERSION = "INSERT INTO athena_auth_migrations (version) VALUES (?)";

  /** Migration {@code n} is element {@code n - 1}; append only, never edit a released one. */
  static final List<String> MIGRATIONS =
      List.of(
          "CREATE TABLE athena_api_keys ("
              + " id text PRIMARY KEY,"
              + " name text NOT NULL,"
              + " rights text[] NOT NULL,"
              + " client_name text,"
              + " expires_at timestamptz,"
              + " is_active boolean NOT NULL,"
              + " salt bytea NOT NULL,"
              + " key_hash bytea NOT NULL,"
              + " created_at timestamptz NOT NULL,"
              + " last_used_at timestamptz)",
          // one row (id is always true): the enforcement switch every node reads back
          "CREATE TABLE athena_api_key_config ("
              + " id boolean PRIMARY KEY DEFAULT true CHECK (id),"
              + " enforce_api_keys boolean NOT NULL,"
              + " enforced_clients text[] NOT NULL,"
              + " exempt_clients text[] NOT NULL,"
              + " updated_at timestamptz NOT NULL DEFAULT now())");

  private static final String COLUMNS =
      "id, name, rights, client_name, expires_at, is_active, created_at, last_used_at";

  static final String FIND =
      "SELECT " + COLUMNS + ", salt, key_hash FROM athena_api_keys WHERE id = ?";

  static final String LIST = "SELECT " + COLUMNS + " FROM athena_api_keys ORDER BY created_at, id";

  static final String INSERT =
      "INSERT INTO athena_api_keys ("
          + COLUMNS
          + ", salt, key_hash)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  static final String UPDATE =
      "UPDATE athena_api_keys SET name = ?, rights = ?, client_name = ?, expires_at = ?,"
          + " is_active = ? WHERE id = ?";

  static final String DELETE = "DELETE FROM athena_api_keys WHERE id = ?";

  static final String TOUCH =
      "UPDATE athena_api_keys SET last_used_at = greatest(last_used_at, ?) WHERE id = ?";

  static final String LOAD_ENFORCEMENT =
      "SELECT enforce_api_keys, enforced_clients, exempt_clients FROM athena_api_key_config";

  static final String SAVE_ENFORCEMENT =
      "INSERT INTO athena_api_key_config (id, enforce_api_keys, enforced_clients, exempt_clients)"
          + " VALUES (true, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
          + " enforce_api_keys = excluded.enforce_api_keys,"
          + " enforced_clients = excluded.enforced_clients,"
          + " exempt_clients = excluded.exempt_clients, updated_at = now()";

  private KeyStoreSql() {}
}
