package io.athena.postgres.internal.migrations;

import java.util.Objects;

/**
 * One versioned migration script of a component. Released scripts are never edited: a change is a
 * new version.
 *
 * @param version 1, 2, ... in the order they apply
 * @param description a few words, recorded with the version
 * @param resource the script's file name in the component's resource directory
 */
public record Migration(int version, String description, String resource) {
  public Migration {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(resource, "resource");
    if (version < 1) {
      throw new IllegalArgumentException("version was " + version + " but must be at least 1");
    }
  }
}
