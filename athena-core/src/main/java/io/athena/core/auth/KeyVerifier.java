package io.athena.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.auth.ApiKey;
import io.athena.spi.auth.KeyStore;
import io.athena.spi.auth.StoredKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a presented key: its format, its secret against the stored salted hash, then whether it is
 * active, unexpired and allowed on the client. Store lookups (misses included) are cached for a few
 * seconds, so a burst of requests costs one lookup; expiry is checked on every request against the
 * clock, never cached.
 */
final class KeyVerifier {
  private final KeyStore store;
  private final InstantSource clock;
  private final Cache<String, Optional<StoredKey>> cache;

  KeyVerifier(KeyStore store, InstantSource clock, Duration ttl) {
    this.store = store;
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(ttl)
            .maximumSize(10_000)
            .ticker(() -> nanos(clock.instant()))
            .build();
  }

  /**
   * The key {@code presented} proves, if it may be used on {@code client}.
   *
   * @throws GatewayException 401 {@code unauthorized}, {@code key_inactive} or {@code key_expired};
   *     403 {@code client_mismatch}
   * @throws io.athena.spi.auth.KeyStoreUnavailableException when the store cannot answer
   */
  ApiKey verify(String presented, String client) {
    KeyMaterial.Parsed parsed = KeyMaterial.parse(presented).orElseThrow(KeyVerifier::invalid);
    // a failed lookup is not cached: Caffeine does not store a value whose loader threw
    StoredKey stored = cache.get(parsed.id(), store::find).orElseThrow(KeyVerifier::invalid);
    if (!KeyMaterial.matches(stored.salt(), stored.hash(), parsed.secret())) {
      throw invalid();
    }
    return usable(stored.key(), client);
  }

  /**
   * The key with id {@code id}, if it may still be used on {@code client}: for work that was
   * authenticated earlier and runs later (a deferred request), which never holds the secret.
   *
   * @throws GatewayException as {@link #verify}
   */
  ApiKey recheck(String id, String client) {
    StoredKey stored = cache.get(id, store::find).orElseThrow(KeyVerifier::invalid);
    return usable(stored.key(), client);
  }

  private ApiKey usable(ApiKey key, String client) {
    if (!key.active()) {
      throw new GatewayException(
          ErrorCode.KEY_INACTIVE, "API key " + key.id() + " has been deactivated");
    }
    Instant now = clock.instant();
    if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
      throw new GatewayException(
          ErrorCode.KEY_EXPIRED, "API key " + key.id() + " expired at " + key.expiresAt());
    }
    if (key.client() != null && !key.client().equals(client)) {
      throw new GatewayException(
          ErrorCode.CLIENT_MISMATCH,
          "API key " + key.id() + " is bound to another client than '" + client + "'",
          null,
          null,
          Map.of());
    }
    return key;
  }

  /** Forgets a key at once, after an admin changed or deleted it on this node. */
  void invalidate(String id) {
    cache.invalidate(id);
  }

  /** The same answer for a malformed key, an unknown id and a wrong secret: no oracle. */
  private static GatewayException invalid() {
    return new GatewayException(ErrorCode.UNAUTHORIZED, "The API key is not valid");
  }

  private static long nanos(Instant now) {
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
