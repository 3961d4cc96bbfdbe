package io.athena.core.clients;

import io.athena.core.clients.CatalogMerge.Diff;
import io.athena.core.clients.CatalogMerge.Plan;
import io.athena.core.clients.CatalogMerge.Wanted;
import io.athena.core.config.Uris;
import io.athena.spi.Backend;
import io.athena.spi.DynamicBackend;
import io.athena.spi.catalog.CatalogClient;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the backends in step with the catalog: remembers the last rows seen, registers and
 * unregisters catalog clients with the {@link DynamicBackend}s as they change, and builds the view
 * the registry routes by. One change at a time (reloads and admin writes both come here).
 */
final class CatalogSync {
  private static final Logger LOG = LoggerFactory.getLogger(ClientRegistry.class);

  /** A client as routed: its state and the backend that serves it (null when none does). */
  record Routed(ClientState state, Backend backend) {}

  /** The last registration tried for a catalog client; {@code backend} is null when it failed. */
  private record Attempt(String uri, DynamicBackend backend, String problem) {}

  private final Map<String, Backend> configured;
  private final List<DynamicBackend> dynamic;
  private final Function<String, String> environment;
  private final Map<String, CatalogClient> rows = new LinkedHashMap<>();
  private final Map<String, Attempt> attempts = new LinkedHashMap<>();
  private final Set<String> warnedShadowed = new HashSet<>();
  private final Map<String, String> loggedProblems = new HashMap<>();

  CatalogSync(
      Map<String, Backend> configured,
      List<DynamicBackend> dynamic,
      Function<String, String> environment) {
    this.configured = configured;
    this.dynamic = dynamic;
    this.environment = environment;
  }

  /** Every row of the catalog, as just read: replaces what was seen before. */
  synchronized Map<String, Routed> replaceAll(Collection<CatalogClient> all) {
    rows.clear();
    all.forEach(row -> rows.put(row.name(), row));
    return sync();
  }

  /** One row as just written through this node: applied at once, before the next reload. */
  synchronized Map<String, Routed> put(CatalogClient row) {
    rows.put(row.name(), row);
    return sync();
  }

  /** The view of the rows seen so far (none at first: configured clients only). */
  synchronized Map<String, Routed> view() {
    return sync();
  }

  private Map<String, Routed> sync() {
    Plan plan = CatalogMerge.plan(configured.keySet(), rows.values(), environment);
    warnShadowed(plan.shadowed());
    Map<String, String> attempted = new LinkedHashMap<>();
    attempts.forEach((name, attempt) -> attempted.put(name, attempt.uri()));
    Diff diff = CatalogMerge.diff(attempted, plan.catalog());
    diff.unregister().forEach(this::release);
    diff.register().forEach(this::register);
    Map<String, Routed> view = view(plan);
    logProblems(view);
    return view;
  }

  private void register(String name, String uri) {
    Attempt previous = attempts.get(name);
    DynamicBackend backend =
        dynamic.stream().filter(b -> supports(b, uri)).findFirst().orElse(null);
    if (previous != null && previous.backend() != null && previous.backend() != backend) {
      release(name);
    }
    if (backend == null) {
      attempts.put(name, new Attempt(uri, null, "no backend serves URIs like its pg_uri"));
      return;
    }
    try {
      backend.register(name, uri);
      attempts.put(name, new Attempt(uri, backend, null));
      LOG.info(
          "catalog client '{}' served by backend '{}' from {}",
          name,
          backend.kind(),
          Uris.maskPassword(uri));
    } catch (RuntimeException e) {
      String problem = "its pg_uri cannot be used: " + e.getMessage();
      if (previous != null && previous.backend() == backend) {
        release(name); // never keep serving the old database under a URI the row no longer names
      }
      attempts.put(name, new Attempt(uri, null, problem));
    }
  }

  private void release(String name) {
    Attempt attempt = attempts.remove(name);
    if (attempt == null || attempt.backend() == null) {
      return;
    }
    try {
      attempt.backend().unregister(name);
      LOG.info("catalog client '{}' no longer served on this node", name);
    } catch (RuntimeException e) {
      LOG.warn("unregistering catalog client '{}' failed", name, e);
    }
  }

  private static boolean supports(DynamicBackend backend, String uri) {
    try {
      return backend.supports(uri);
    } catch (RuntimeException e) {
      LOG.warn("backend '{}' failed to say whether it supports a URI", backend.kind(), e);
      return false;
    }
  }

  private Map<String, Routed> view(Plan plan) {
    Map<String, Routed> view = new LinkedHashMap<>();
    configured.forEach(
        (name, backend) -> {
          CatalogClient override = plan.overrides().get(name);
          ClientState state =
              new ClientState(
                  name,
                  ClientSource.CONFIG,
                  Optional.of(backend.kind()),
                  override == null || override.active(),
                  override != null && override.frozen(),
                  true,
                  Optional.empty());
          view.put(name, new Routed(state, backend));
        });
    plan.catalog().forEach((name, wanted) -> view.put(name, catalogClient(wanted)));
    return view;
  }

  private Routed catalogClient(Wanted wanted) {
    CatalogClient row = wanted.row();
    Attempt attempt = wanted.served() ? attempts.get(row.name()) : null;
    DynamicBackend backend = attempt == null ? null : attempt.backend();
    String problem = wanted.problem();
    if (problem == null && attempt != null) {
      problem = attempt.problem();
    }
    ClientState state =
        new ClientState(
            row.name(),
            ClientSource.CATALOG,
            Optional.ofNullable(backend).map(Backend::kind),
            row.active(),
            row.frozen(),
            backend != null,
            Optional.ofNullable(problem));
    return new Routed(state, backend);
  }

  private void warnShadowed(Set<String> shadowed) {
    for (String name : shadowed) {
      if (warnedShadowed.add(name)) {
        LOG.warn(
            "catalog row '{}' names a URI, but '{}' is a configured client on this node: the"
                + " configured connection is used, only the row's active and frozen flags apply",
            name,
            name);
      }
    }
    warnedShadowed.retainAll(shadowed);
  }

  /** Each problem once when it appears, not once per reload. */
  private void logProblems(Map<String, Routed> view) {
    Map<String, String> current = new HashMap<>();
    view.forEach((name, routed) -> routed.state().problem().ifPresent(p -> current.put(name, p)));
    current.forEach(
        (name, problem) -> {
          if (!problem.equals(loggedProblems.get(name))) {
            LOG.warn("catalog client '{}' cannot be served on this node: {}", name, problem);
          }
        });
    loggedProblems.clear();
    loggedProblems.putAll(current);
  }
}
