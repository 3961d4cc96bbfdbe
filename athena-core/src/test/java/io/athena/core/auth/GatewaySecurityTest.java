package io.athena.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.core.config.ClientSecurity;
import io.athena.core.config.KeyStoreFailure;
import io.athena.core.config.RawSqlMode;
import io.athena.core.config.SecurityConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.spi.ErrorCode;
import io.athena.spi.FetchRequest;
import io.athena.spi.GatewayException;
import io.athena.spi.InsertRequest;
import io.athena.spi.QueryRequest;
import io.athena.spi.TableRef;
import io.athena.spi.auth.ApiKey;
import io.athena.spi.auth.KeyStore;
import io.athena.spi.auth.KeyStoreUnavailableException;
import io.athena.spi.auth.StoredKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatewaySecurityTest {
  private static final TableRef USERS = new TableRef("public", "users");

  private final TestClock clock = new TestClock();
  private final CountingStore store = new CountingStore();

  private GatewaySecurity security(SecurityConfig config) {
    return GatewaySecurity.of(config, store, clock);
  }

  private static SecurityConfig enforced() {
    return SecurityConfig.defaults().withEnforceApiKeys(true);
  }

  /** Creates a key the way the admin route does and returns its plaintext. */
  private String issue(String client, Instant expires, boolean active, String... rights) {
    String id = KeyMaterial.newId();
    String secret = KeyMaterial.newSecret();
    byte[] salt = KeyMaterial.newSalt();
    ApiKey key =
        new ApiKey(id, "t", List.of(rights), client, expires, active, clock.instant(), null);
    store.create(new StoredKey(key, salt, KeyMaterial.hash(salt, secret)));
    return KeyMaterial.format(id, secret);
  }

  private static HttpRequest request(String... headers) {
    Headers h = new Headers();
    for (int i = 0; i < headers.length; i += 2) {
      h.set(headers[i], headers[i + 1]);
    }
    return HttpRequest.of("POST", "/gateway/fetch", h, new byte[0]);
  }

  private static FetchRequest fetch(Long limit) {
    return new FetchRequest(USERS, List.of(), List.of(), List.of(), limit, null, null);
  }

  private static void assertCode(Runnable call, ErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
  }

  @Test
  void withoutEnforcementARequestWithoutKeyMayDoAnything() {
    GatewaySecurity security = security(SecurityConfig.defaults());
    Principal p = security.authenticate(request(), "app");

    assertThat(p.key()).isEmpty();
    security.check(p, "app", new QueryRequest("DELETE FROM users", null, List.of()));
  }

  @Test
  void withEnforcementAMissingKeyIs401() {
    assertCode(() -> security(enforced()).authenticate(request(), "app"), ErrorCode.UNAUTHORIZED);
  }

  @Test
  void enforcementPerClientOverridesTheGlobalSwitch() {
    SecurityConfig config =
        SecurityConfig.defaults()
            .withClients(Map.of("locked", new ClientSecurity(Optional.of(true), Optional.empty())));
    GatewaySecurity security = security(config);

    assertThat(security.authenticate(request(), "open").key()).isEmpty();
    assertCode(() -> security.authenticate(request(), "locked"), ErrorCode.UNAUTHORIZED);
    security.enforcement(new Enforcement(true, Map.of("locked", false)));
    assertThat(security.authenticate(request(), "locked").key()).isEmpty();
    assertCode(() -> security.authenticate(request(), "open"), ErrorCode.UNAUTHORIZED);
  }

  @Test
  void aPresentedKeyIsCheckedEvenWhenNotEnforced() {
    String key = issue(null, null, true, "users.read");
    GatewaySecurity security = security(SecurityConfig.defaults());

    assertCode(
        () -> security.authenticate(request("X-Athena-Key", key + "x"), "app"),
        ErrorCode.UNAUTHORIZED);
    assertCode(
        () -> security.authenticate(request("apikey", "not-a-key"), "app"), ErrorCode.UNAUTHORIZED);
    assertThat(security.authenticate(request("apikey", key), "app").key()).isPresent();
  }

  @Test
  void everyTransportCarriesTheKey() {
    String key = issue(null, null, true, "users.read");
    GatewaySecurity security = security(enforced());

    for (String header : List.of("X-Athena-Key", "apikey", "X-API-Key")) {
      assertThat(security.authenticate(request(header, key), "app").key()).as(header).isPresent();
    }
    assertThat(security.authenticate(request("Authorization", "Bearer " + key), "app").key())
        .isPresent();
  }

  @Test
  void aWrongSecretForARealIdIs401() {
    String key = issue(null, null, true, "*");
    String forged = key.substring(0, key.indexOf('.') + 1) + KeyMaterial.newSecret();

    assertCode(
        () -> security(enforced()).authenticate(request("apikey", forged), "app"),
        ErrorCode.UNAUTHORIZED);
  }

  @Test
  void inactiveExpiredAndForeignKeysAreRefused() {
    GatewaySecurity security = security(enforced());
    String inactive = issue(null, null, false, "*");
    String expiring = issue(null, clock.instant().plusSeconds(60), true, "*");
    String bound = issue("billing", null, true, "*");

    assertCode(
        () -> security.authenticate(request("apikey", inactive), "app"), ErrorCode.KEY_INACTIVE);
    assertThat(security.authenticate(request("apikey", expiring), "app").key()).isPresent();
    clock.advance(Duration.ofSeconds(60));
    assertCode(
        () -> security.authenticate(request("apikey", expiring), "app"), ErrorCode.KEY_EXPIRED);
    assertThat(security.authenticate(request("apikey", bound), "billing").key()).isPresent();
    assertCode(
        () -> security.authenticate(request("apikey", bound), "app"), ErrorCode.CLIENT_MISMATCH);
  }

  @Test
  void aMissingRightIs403NamingTheRight() {
    GatewaySecurity security = security(enforced());
    Principal reader =
        security.authenticate(request("apikey", issue(null, null, true, "users.read")), "app");

    security.check(reader, "app", fetch(1L));
    assertThatThrownBy(
            () -> security.check(reader, "app", new QueryRequest("SELECT 1", null, List.of())))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN);
              assertThat(e.getMessage()).contains("gateway.query");
            });
  }

  @Test
  void lookupsAreCachedBrieflyThenAskedAgain() {
    GatewaySecurity security = security(enforced());
    String key = issue(null, null, true, "*");

    security.authenticate(request("apikey", key), "app");
    security.authenticate(request("apikey", key), "app");
    assertThat(store.finds.get()).isEqualTo(1);
    clock.advance(SecurityConfig.DEFAULT_KEY_CACHE_TTL.plusMillis(1));
    security.authenticate(request("apikey", key), "app");
    assertThat(store.finds.get()).isEqualTo(2);
  }

  @Test
  void aDownStoreIs503WhenFailingClosedAndLetsThroughWhenFailingOpen() {
    String key = issue(null, null, true, "users.read");
    store.down.set(true);

    assertThatThrownBy(() -> security(enforced()).authenticate(request("apikey", key), "app"))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.KEY_STORE_UNAVAILABLE);
              assertThat(e.retryAfterSeconds()).isPositive();
            });
    GatewaySecurity open = security(enforced().withKeyStoreFailure(KeyStoreFailure.FAIL_OPEN));
    assertThat(open.authenticate(request("apikey", key), "app").key()).isEmpty();
  }

  @Test
  void lastUseIsWrittenInBatchesOffTheRequestPath() {
    GatewaySecurity security = security(enforced());
    String key = issue(null, null, true, "*");
    String id = KeyMaterial.parse(key).orElseThrow().id();

    security.authenticate(request("apikey", key), "app");
    assertThat(store.find(id).orElseThrow().key().lastUsedAt()).isNull();
    security.flushLastUsed();
    assertThat(store.find(id).orElseThrow().key().lastUsedAt()).isEqualTo(clock.instant());
    security.close();
  }

  @Test
  void theRateLimitRefillsWithTheClock() {
    GatewaySecurity security = security(SecurityConfig.defaults().withRateLimit(1, 2));
    security.authenticate(request(), "app");
    security.authenticate(request(), "app");

    assertThatThrownBy(() -> security.authenticate(request(), "app"))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.RATE_LIMITED);
              assertThat(e.retryAfterSeconds()).isEqualTo(1);
            });
    security.authenticate(request(), "other"); // buckets are per client without a key
    clock.advance(Duration.ofSeconds(1));
    security.authenticate(request(), "app");
  }

  @Test
  void fetchLimitsAreCappedOrRefused() {
    GatewaySecurity security = security(SecurityConfig.defaults().withLimits(100, 2));
    Principal anyone = Principal.anonymous();

    assertThat(((FetchRequest) security.check(anyone, "app", fetch(null))).limit()).isEqualTo(100L);
    assertThat(((FetchRequest) security.check(anyone, "app", fetch(100L))).limit()).isEqualTo(100L);
    assertCode(() -> security.check(anyone, "app", fetch(101L)), ErrorCode.INVALID_REQUEST);
    InsertRequest three =
        new InsertRequest(
            USERS,
            Collections.nCopies(3, Map.<String, Object>of("a", 1)),
            List.of(),
            null,
            List.of());
    assertCode(() -> security.check(anyone, "app", three), ErrorCode.INVALID_REQUEST);
  }

  @Test
  void rawSqlFollowsTheClientsMode() {
    SecurityConfig config =
        SecurityConfig.defaults()
            .withClients(
                Map.of(
                    "ro", new ClientSecurity(Optional.empty(), Optional.of(RawSqlMode.READ_ONLY)),
                    "off", new ClientSecurity(Optional.empty(), Optional.of(RawSqlMode.DISABLED))));
    GatewaySecurity security = security(config);
    QueryRequest query = new QueryRequest("SELECT 1", null, List.of());

    assertThat(((QueryRequest) security.check(Principal.anonymous(), "app", query)).readOnly())
        .isFalse();
    assertThat(((QueryRequest) security.check(Principal.anonymous(), "ro", query)).readOnly())
        .isTrue();
    assertCode(() -> security.check(Principal.anonymous(), "off", query), ErrorCode.FORBIDDEN);
  }

  /** An in-memory store that counts lookups and can be switched off. */
  private static final class CountingStore implements KeyStore {
    final InMemoryKeyStore delegate = new InMemoryKeyStore();
    final AtomicInteger finds = new AtomicInteger();
    final AtomicBoolean down = new AtomicBoolean();

    @Override
    public Optional<StoredKey> find(String id) {
      if (down.get()) {
        throw new KeyStoreUnavailableException("down", new RuntimeException("down"));
      }
      finds.incrementAndGet();
      return delegate.find(id);
    }

    @Override
    public List<ApiKey> list() {
      return delegate.list();
    }

    @Override
    public void create(StoredKey key) {
      delegate.create(key);
    }

    @Override
    public boolean update(ApiKey key) {
      return delegate.update(key);
    }

    @Override
    public boolean delete(String id) {
      return delegate.delete(id);
    }

    @Override
    public void touch(Map<String, Instant> lastUsed) {
      delegate.touch(lastUsed);
    }
  }
}
