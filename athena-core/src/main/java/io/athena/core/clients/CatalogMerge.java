package io.athena.core.clients;

import io.athena.spi.catalog.CatalogClient;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules that merge configured clients with catalog rows, kept free of backends and threads so
 * that they can be tested on their own:
 *
 * <ul>
 *   <li>a soft-deleted row counts for nothing;
 *   <li>a row named like a configured client overrides only its active and frozen flags (the
 *       configuration owns its connection: a URI on such a row is ignored, see {@link
 *       Plan#shadowed()});
 *   <li>any other row with a URI (or a URI variable) is a catalog client;
 *   <li>a row with neither and no configured client of its name overrides a client another node
 *       configures: this node ignores it.
 * </ul>
 */
final class CatalogMerge {
  private CatalogMerge() {}

  /**
   * One catalog client as this node wants it.
   *
   * @param uri where to serve it from (its variable resolved); null when {@code problem} says why
   *     it cannot be
   */
  record Wanted(CatalogClient row, String uri, String problem) {
    /** Whether a backend should hold it: active and with a URI. Frozen clients keep their pool. */
    boolean served() {
      return row.active() && uri != null;
    }
  }

  /**
   * @param overrides rows that set the flags of configured clients, by name
   * @param catalog catalog clients in row order
   * @param shadowed configured clients whose row also names a URI, which is ignored
   */
  record Plan(
      Map<String, CatalogClient> overrides, Map<String, Wanted> catalog, Set<String> shadowed) {}

  /**
   * @param environment looks up a {@code pg_uri_env_var}; null for an unset variable
   */
  static Plan plan(
      Set<String> configured,
      Collection<CatalogClient> rows,
      Function<String, String> environment) {
    Map<String, CatalogClient> overrides = new LinkedHashMap<>();
    Map<String, Wanted> catalog = new LinkedHashMap<>();
    Set<String> shadowed = new LinkedHashSet<>();
    for (CatalogClient row : rows) {
      if (row.deleted()) {
        continue;
      }
      boolean hasUri = row.pgUri() != null || row.pgUriEnvVar() != null;
      if (configured.contains(row.name())) {
        overrides.put(row.name(), row);
        if (hasUri) {
          shadowed.add(row.name());
        }
      } else if (hasUri) {
        catalog.put(row.name(), wanted(row, environment));
      }
    }
    return new Plan(overrides, catalog, shadowed);
  }

  private static Wanted wanted(CatalogClient row, Function<String, String> environment) {
    if (row.pgUri() != null) {
      return new Wanted(row, row.pgUri(), null);
    }
    String value = environment.apply(row.pgUriEnvVar());
    if (value == null || value.isBlank()) {
      return new Wanted(
          row,
          null,
          "its pg_uri_env_var " + row.pgUriEnvVar() + " is not set in this node's environment");
    }
    return new Wanted(row, value.strip(), null);
  }

  /**
   * What changes on the backends.
   *
   * @param register clients to register (or re-register) and their URI
   * @param unregister clients to let go
   */
  record Diff(Map<String, String> register, Set<String> unregister) {
    boolean isEmpty() {
      return register.isEmpty() && unregister.isEmpty();
    }
  }

  /**
   * @param attempted the URI each client was last registered with (or tried and failed with: it is
   *     not tried again until its URI changes)
   */
  static Diff diff(Map<String, String> attempted, Map<String, Wanted> wanted) {
    Map<String, String> register = new LinkedHashMap<>();
    Set<String> unregister = new LinkedHashSet<>();
    wanted.forEach(
        (name, w) -> {
          if (w.served()) {
            if (!w.uri().equals(attempted.get(name))) {
              register.put(name, w.uri());
            }
          } else if (attempted.containsKey(name)) {
            unregister.add(name);
          }
        });
    for (String name : attempted.keySet()) {
      if (!wanted.containsKey(name)) {
        unregister.add(name);
      }
    }
    return new Diff(register, unregister);
  }
}
