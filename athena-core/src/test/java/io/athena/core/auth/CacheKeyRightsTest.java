package io.athena.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.cache.CacheKeys;
import io.athena.spi.FetchRequest;
import io.athena.spi.TableRef;
import io.athena.spi.auth.ApiKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cache keys are scoped by what the caller may see. */
class CacheKeyRightsTest {
  private static final FetchRequest USERS =
      new FetchRequest(
          new TableRef("public", "users"), List.of(), List.of(), List.of(), 10L, null, null);

  private static String keyFor(Principal principal) {
    return CacheKeys.key("app", principal, USERS);
  }

  private static Principal withRights(String id, String client, String... rights) {
    return Principal.of(
        new ApiKey(id, id, List.of(rights), client, null, true, Instant.EPOCH, null));
  }

  @Test
  void differentRightsGetDifferentKeys() {
    String reader = keyFor(withRights("k1", null, "users.read"));
    String wider = keyFor(withRights("k2", null, "users.read", "orders.read"));
    String anonymous = keyFor(Principal.anonymous());
    assertThat(reader).isNotEqualTo(wider).isNotEqualTo(anonymous);
    assertThat(wider).isNotEqualTo(anonymous);
  }

  @Test
  void sameRightsInAnyOrderShareAKey() {
    assertThat(keyFor(withRights("k1", null, "users.read", "orders.read")))
        .isEqualTo(keyFor(withRights("k2", null, "orders.read", "users.read")));
  }

  @Test
  void aKeyBoundToAClientIsItsOwnScope() {
    assertThat(keyFor(withRights("k1", "app", "users.read")))
        .isNotEqualTo(keyFor(withRights("k2", null, "users.read")));
  }

  @Test
  void theClientIsPartOfTheKey() {
    assertThat(CacheKeys.key("other", Principal.anonymous(), USERS))
        .isNotEqualTo(keyFor(Principal.anonymous()));
  }
}
