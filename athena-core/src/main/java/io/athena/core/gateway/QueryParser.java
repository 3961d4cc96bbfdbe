package io.athena.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.spi.QueryRequest;
import java.util.List;

/**
 * Reads a {@code /gateway/query} body: {@code query} (raw SQL), {@code schema_name} (first on the
 * search path; the configured default when absent) and {@code params}, bound as {@code $1..$n}.
 */
final class QueryParser {
  private QueryParser() {}

  static QueryRequest parse(Fields body, String defaultSchema) {
    String sql = body.requiredString("query");
    JsonNode params = body.get("params");
    if (params != null && !params.isArray()) {
      throw Fields.invalid("params must be an array");
    }
    return new QueryRequest(
        sql,
        body.string("schema_name").orElse(defaultSchema),
        params == null ? List.of() : JsonValues.toList(params));
  }
}
