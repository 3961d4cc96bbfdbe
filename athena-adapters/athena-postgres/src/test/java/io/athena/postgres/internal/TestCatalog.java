package io.athena.postgres.internal;

import io.athena.postgres.internal.ColumnType.Kind;
import io.athena.spi.TableRef;
import java.util.List;

/** An in-memory catalog with a few tables covering every kind of column the compiler handles. */
final class TestCatalog {
  static final TableRef ITEMS = new TableRef("public", "items");
  static final TableRef NO_ID = new TableRef("public", "no_id");

  private TestCatalog() {}

  static CatalogSnapshot catalog() {
    TableInfo items =
        new TableInfo(
            "public",
            "items",
            List.of(
                column("id", "integer", Kind.OTHER),
                column("name", "text", Kind.TEXT),
                new ColumnInfo(
                    "code",
                    new ColumnType("character varying", "character varying(20)", Kind.TEXT)),
                new ColumnInfo("price", new ColumnType("numeric", "numeric(10,2)", Kind.OTHER)),
                column("tags", "text[]", Kind.ARRAY),
                column("scores", "integer[]", Kind.ARRAY),
                column("meta", "jsonb", Kind.JSONB),
                column("doc", "json", Kind.JSON),
                column("created_at", "timestamp with time zone", Kind.OTHER),
                column("uid", "uuid", Kind.OTHER),
                column("active", "boolean", Kind.OTHER),
                column("during", "tstzrange", Kind.RANGE),
                column("Order", "integer", Kind.OTHER)));
    TableInfo noId =
        new TableInfo(
            "public",
            "no_id",
            List.of(column("code", "text", Kind.TEXT), column("value", "integer", Kind.OTHER)));
    return CatalogSnapshot.of(List.of(items, noId));
  }

  static SqlCompiler compiler() {
    return new SqlCompiler(catalog());
  }

  private static ColumnInfo column(String name, String type, Kind kind) {
    return new ColumnInfo(name, ColumnType.of(type, kind));
  }
}
