package io.athena.postgres.internal;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.TableRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable view of a catalog at one moment. Also the in-memory catalog of the compiler's unit
 * tests.
 */
final class CatalogSnapshot implements Catalog {
  private final Map<String, TableInfo> tables;

  private CatalogSnapshot(Map<String, TableInfo> tables) {
    this.tables = tables;
  }

  static CatalogSnapshot of(Collection<TableInfo> tables) {
    Map<String, TableInfo> byName = new HashMap<>();
    for (TableInfo t : tables) {
      byName.put(key(t.schema(), t.name()), t);
    }
    return new CatalogSnapshot(Map.copyOf(byName));
  }

  /** The table, or {@code null}; names are compared exactly. */
  TableInfo find(String schema, String name) {
    return tables.get(key(schema, name));
  }

  int size() {
    return tables.size();
  }

  @Override
  public TableInfo table(TableRef ref) {
    validate(ref);
    TableInfo table = find(ref.schema(), ref.name());
    if (table == null) {
      throw unknownTable(ref);
    }
    return table;
  }

  static void validate(TableRef ref) {
    SqlIdentifier.of("schema", ref.schema());
    SqlIdentifier.of("table", ref.name());
  }

  static GatewayException unknownTable(TableRef ref) {
    return new GatewayException(
        ErrorCode.UNKNOWN_TABLE, "Table '" + ref.qualifiedName() + "' does not exist");
  }

  // NUL cannot occur in a PostgreSQL identifier, so it separates unambiguously.
  private static String key(String schema, String name) {
    return schema + '\0' + name;
  }
}
