package io.athena.core.gateway;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.TableRef;
import java.util.Optional;

/**
 * Reads the target of a request: {@code table_name} (or {@code view_name} for reads), which may be
 * qualified as {@code schema.table}, and {@code schema_name}, which defaults to the configured
 * schema. The names are checked for shape only; the backend checks them against its catalog.
 */
final class TableParser {
  private TableParser() {}

  /** The table of a write: only {@code table_name}. */
  static TableRef table(Fields body, String defaultSchema) {
    return resolve(body, body.requiredString("table_name"), "table_name", defaultSchema);
  }

  /** The target of a read: {@code table_name} or else {@code view_name}. */
  static TableRef tableOrView(Fields body, String defaultSchema) {
    Optional<String> table = body.string("table_name");
    if (table.isPresent()) {
      return resolve(body, table.get(), "table_name", defaultSchema);
    }
    Optional<String> view = body.string("view_name");
    if (view.isPresent()) {
      return resolve(body, view.get(), "view_name", defaultSchema);
    }
    throw Fields.invalid("table_name (or view_name) is required");
  }

  private static TableRef resolve(Fields body, String name, String field, String defaultSchema) {
    Optional<String> schema = body.string("schema_name");
    int dot = name.indexOf('.');
    if (dot < 0) {
      return new TableRef(schema.orElse(defaultSchema), name);
    }
    String qualifier = name.substring(0, dot).trim();
    String table = name.substring(dot + 1).trim();
    if (qualifier.isEmpty() || table.isEmpty()) {
      throw new GatewayException(
          ErrorCode.INVALID_IDENTIFIER,
          field + " '" + name + "' is not a valid name; use table or schema.table");
    }
    if (schema.isPresent() && !schema.get().equals(qualifier)) {
      throw Fields.invalid(
          field
              + " '"
              + name
              + "' names schema '"
              + qualifier
              + "' but schema_name is '"
              + schema.get()
              + "'");
    }
    return new TableRef(qualifier, table);
  }
}
