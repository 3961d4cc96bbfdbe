package io.athena.core.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.clients.CatalogMerge.Diff;
import io.athena.core.clients.CatalogMerge.Plan;
import io.athena.core.clients.CatalogMerge.Wanted;
import io.athena.spi.catalog.CatalogClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CatalogMergeTest {
  private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
  private static final Function<String, String> NO_ENV = name -> null;

  private static CatalogClient row(
      String name, String uri, String env, boolean active, boolean frozen, boolean deleted) {
    return new CatalogClient(name, uri, env, null, active, frozen, deleted, T, T);
  }

  private static CatalogClient live(String name, String uri) {
    return row(name, uri, null, true, false, false);
  }

  @Test
  void softDeletedRowsCountForNothing() {
    Plan plan =
        CatalogMerge.plan(
            Set.of("cfg"),
            List.of(
                row("gone", "fake://db/gone", null, true, false, true),
                row("cfg", null, null, false, true, true)),
            NO_ENV);

    assertThat(plan.catalog()).isEmpty();
    assertThat(plan.overrides()).isEmpty();
  }

  @Test
  void aRowNamedLikeAConfiguredClientOnlyOverridesItsFlags() {
    CatalogClient override = row("cfg", null, null, true, true, false);
    CatalogClient withUri = row("cfg2", "fake://elsewhere", null, false, false, false);

    Plan plan = CatalogMerge.plan(Set.of("cfg", "cfg2"), List.of(override, withUri), NO_ENV);

    assertThat(plan.overrides()).containsOnlyKeys("cfg", "cfg2");
    assertThat(plan.catalog()).isEmpty();
    assertThat(plan.shadowed()).containsExactly("cfg2");
  }

  @Test
  void aRowWithoutAConnectionOverridesAnotherNodesConfiguredClientAndIsIgnoredHere() {
    Plan plan =
        CatalogMerge.plan(Set.of(), List.of(row("theirs", null, null, true, true, false)), NO_ENV);

    assertThat(plan.catalog()).isEmpty();
    assertThat(plan.overrides()).isEmpty();
  }

  @Test
  void catalogClientsKeepRowOrderAndTheirFlags() {
    Plan plan =
        CatalogMerge.plan(
            Set.of(),
            List.of(
                live("b", "fake://b"),
                row("a", "fake://a", null, false, false, false),
                row("c", "fake://c", null, true, true, false)),
            NO_ENV);

    assertThat(plan.catalog().keySet()).containsExactly("b", "a", "c");
    assertThat(plan.catalog().get("b").served()).isTrue();
    assertThat(plan.catalog().get("a").served()).as("inactive: no pool").isFalse();
    assertThat(plan.catalog().get("c").served()).as("frozen clients keep their pool").isTrue();
  }

  @Test
  void aUriVariableIsResolvedFromTheEnvironment() {
    Map<String, String> env = Map.of("ORDERS_URI", "  fake://orders  ");

    Plan plan =
        CatalogMerge.plan(
            Set.of(),
            List.of(
                row("orders", null, "ORDERS_URI", true, false, false),
                row("unset", null, "MISSING_URI", true, false, false)),
            env::get);

    assertThat(plan.catalog().get("orders").uri()).isEqualTo("fake://orders");
    Wanted unset = plan.catalog().get("unset");
    assertThat(unset.uri()).isNull();
    assertThat(unset.served()).isFalse();
    assertThat(unset.problem()).contains("MISSING_URI").contains("not set");
  }

  private static Map<String, Wanted> wanted(CatalogClient... rows) {
    return CatalogMerge.plan(Set.of(), List.of(rows), NO_ENV).catalog();
  }

  @Test
  void newClientsAreRegisteredAndUnchangedOnesLeftAlone() {
    Diff diff =
        CatalogMerge.diff(
            Map.of("same", "fake://same"),
            wanted(live("same", "fake://same"), live("new", "fake://new")));

    assertThat(diff.register()).containsExactly(Map.entry("new", "fake://new"));
    assertThat(diff.unregister()).isEmpty();
  }

  @Test
  void aChangedUriIsRegisteredAgain() {
    Diff diff = CatalogMerge.diff(Map.of("c", "fake://old"), wanted(live("c", "fake://new")));

    assertThat(diff.register()).containsExactly(Map.entry("c", "fake://new"));
    assertThat(diff.unregister()).isEmpty();
  }

  @Test
  void deactivatedVanishedAndUnresolvableClientsAreLetGo() {
    Map<String, String> attempted = new LinkedHashMap<>();
    attempted.put("inactive", "fake://i");
    attempted.put("vanished", "fake://v");
    attempted.put("frozen", "fake://f");

    Diff diff =
        CatalogMerge.diff(
            attempted,
            wanted(
                row("inactive", "fake://i", null, false, false, false),
                row("frozen", "fake://f", null, true, true, false)));

    assertThat(diff.register()).isEmpty();
    assertThat(diff.unregister()).containsExactlyInAnyOrder("inactive", "vanished");
  }

  @Test
  void nothingChangesWhenTheCatalogDoesNot() {
    assertThat(CatalogMerge.diff(Map.of("c", "fake://c"), wanted(live("c", "fake://c"))).isEmpty())
        .isTrue();
  }
}
