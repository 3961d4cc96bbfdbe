package io.athena.spi;

import java.util.Objects;

/**
 * A table or view named by a request. The names are as the caller sent them; a backend validates
 * them against its catalog before use.
 *
 * @param schema the schema, never null (the gateway fills in the default)
 * @param name the table or view name
 */
public record TableRef(String schema, String name) {
  public TableRef {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
  }

  /** {@code schema.name}, for messages and metrics. */
  public String qualifiedName() {
    return schema + "." + name;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
