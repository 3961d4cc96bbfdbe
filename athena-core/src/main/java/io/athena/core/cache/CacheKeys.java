package io.athena.core.cache;

import io.athena.core.auth.Principal;
import io.athena.spi.Condition;
import io.athena.spi.FetchRequest;
import io.athena.spi.SortKey;
import io.athena.spi.auth.ApiKey;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Cache keys of fetches: a SHA-256 over a canonical form of the typed request ({@link KeyForm}), so
 * two bodies that parse to the same request (fields in another order, {@code sortBy} for {@code
 * sort_by}) share a key. The form is written field by field, never from {@code toString()}, so that
 * no two different requests can print the same; every condition names its kind for the same reason.
 */
public final class CacheKeys {
  /**
   * Bumped whenever the canonical form changes, so old entries are never read by new code (v2: a
   * tagged binary form instead of JSON, about twice as fast to build).
   */
  private static final String FORMAT = "athena-fetch-v2";

  private CacheKeys() {}

  /**
   * The hex SHA-256 of {@code request}'s canonical form for {@code client} and the caller's rights
   * scope, followed by what {@code extras} adds (the parts of the answer the request record does
   * not hold): the {@code cache_key}.
   */
  public static String key(
      String client, Principal principal, FetchRequest request, Consumer<KeyForm> extras) {
    KeyForm form = new KeyForm();
    form.text(FORMAT).text(client);
    rightsScope(form, principal);
    form.text(request.table().schema()).text(request.table().name());
    form.count(request.columns().size());
    request.columns().forEach(form::text);
    conditions(form, request.conditions());
    form.count(request.orderBy().size());
    for (SortKey key : request.orderBy()) {
      form.text(key.column()).bool(key.descending());
    }
    form.value(request.limit()).value(request.offset());
    form.text(request.count() == null ? null : request.count().name());
    extras.accept(form);
    return form.sha256Hex();
  }

  /** A key with nothing beyond the request. */
  public static String key(String client, Principal principal, FetchRequest request) {
    return key(client, principal, request, form -> {});
  }

  /**
   * What the caller may see: anonymous callers share one scope; a key's scope is its sorted set of
   * rights (and the one client it is bound to), so keys with the same rights share entries and keys
   * with different rights never do.
   */
  private static void rightsScope(KeyForm form, Principal principal) {
    if (principal.key().isEmpty()) {
      form.text("anonymous");
      return;
    }
    ApiKey key = principal.key().get();
    TreeSet<String> rights = new TreeSet<>(key.rights());
    form.text("rights").count(rights.size());
    rights.forEach(form::text);
    form.text(key.client());
  }

  private static void conditions(KeyForm form, List<Condition> conditions) {
    form.count(conditions.size());
    conditions.forEach(c -> condition(form, c));
  }

  private static void condition(KeyForm form, Condition condition) {
    if (condition instanceof Condition.Comparison c) {
      form.text("comparison").text(c.column()).text(c.operator().name()).value(c.value());
      form.text(c.columnCast()).text(c.valueCast());
    } else if (condition instanceof Condition.AnyOf any) {
      form.text("any_of");
      conditions(form, any.conditions());
    } else if (condition instanceof Condition.AllOf all) {
      form.text("all_of");
      conditions(form, all.conditions());
    } else if (condition instanceof Condition.Not not) {
      form.text("not");
      condition(form, not.condition());
    } else {
      throw new IllegalArgumentException("no cache key form for " + condition.getClass());
    }
  }
}
