package io.athena.testkit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.auth.ApiKey;
import io.athena.spi.auth.EnforcementSettings;
import io.athena.spi.auth.KeyStore;
import io.athena.spi.auth.StoredKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyStore} must do. Extend it and return a store from {@link #store()}; each
 * test uses fresh ids, so a store may be shared between tests.
 */
public abstract class KeyStoreContract {
  private static final Instant CREATED = Instant.parse("2030-01-01T00:00:00Z");

  private KeyStore store;

  /** The store under test. */
  protected abstract KeyStore store();

  @BeforeEach
  void setUpStore() {
    store = store();
  }

  private static String freshId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private static StoredKey key(String id, String client, Instant expires) {
    ApiKey key =
        new ApiKey(
            id,
            "key " + id,
            List.of("users.read", "gateway.query"),
            client,
            expires,
            true,
            CREATED,
            null);
    return new StoredKey(key, new byte[] {1, 2, 3}, new byte[] {9, 8, 7, 6});
  }

  @Test
  void createdKeysAreFoundWithTheirSaltAndHash() {
    String id = freshId();
    StoredKey created = key(id, "app", Instant.parse("2031-05-06T07:08:09Z"));
    store.create(created);

    assertThat(store.find(id)).contains(created);
  }

  @Test
  void unknownIdsAreEmpty() {
    assertThat(store.find(freshId())).isEmpty();
  }

  @Test
  void aSecondKeyWithTheSameIdIsRefused() {
    String id = freshId();
    store.create(key(id, null, null));

    assertThatThrownBy(() -> store.create(key(id, "other", null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(id);
    assertThat(store.find(id).orElseThrow().key().client()).isNull();
  }

  @Test
  void listHoldsEveryKeyWithoutSecrets() {
    String a = freshId();
    String b = freshId();
    store.create(key(a, null, null));
    store.create(key(b, "app", null));

    assertThat(store.list()).extracting(ApiKey::id).contains(a, b);
  }

  @Test
  void updateReplacesMetadataButKeepsTheCredential() {
    String id = freshId();
    StoredKey original = key(id, "app", null);
    store.create(original);
    ApiKey changed =
        new ApiKey(
            id, "renamed", List.of("*"), null, CREATED.plusSeconds(60), false, CREATED, null);

    assertThat(store.update(changed)).isTrue();
    StoredKey found = store.find(id).orElseThrow();
    assertThat(found.key()).isEqualTo(changed);
    assertThat(found.salt()).isEqualTo(original.salt());
    assertThat(found.hash()).isEqualTo(original.hash());
  }

  @Test
  void updateOfAnUnknownKeyIsFalse() {
    ApiKey ghost = key(freshId(), null, null).key();

    assertThat(store.update(ghost)).isFalse();
    assertThat(store.find(ghost.id())).isEmpty();
  }

  @Test
  void deleteRemovesOnce() {
    String id = freshId();
    store.create(key(id, null, null));

    assertThat(store.delete(id)).isTrue();
    assertThat(store.delete(id)).isFalse();
    assertThat(store.find(id)).isEmpty();
  }

  @Test
  void touchRecordsTheLatestUseAndIgnoresUnknownKeys() {
    String id = freshId();
    store.create(key(id, null, null));
    Instant used = CREATED.plusSeconds(3600);

    store.touch(Map.of(id, used, freshId(), used));
    store.touch(Map.of(id, used.minusSeconds(60)));

    assertThat(store.find(id).orElseThrow().key().lastUsedAt()).isEqualTo(used);
  }

  @Test
  void theEnforcementSwitchIsSavedAndReadBack() {
    EnforcementSettings first = new EnforcementSettings(true, Map.of("legacy", false));
    store.saveEnforcement(first);
    assertThat(store.loadEnforcement()).contains(first);

    EnforcementSettings second = new EnforcementSettings(false, Map.of("strict", true));
    store.saveEnforcement(second);
    assertThat(store.loadEnforcement()).contains(second);
  }
}
