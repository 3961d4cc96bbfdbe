package io.athena.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.athena.core.BackendProvider;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.Secret;
import io.athena.core.config.ServerConfig;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.QueryRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

class PostgresBackendTest {
  private static final String PASSWORD = "Sup3r-S3cret-Pw";

  private static AthenaConfig configWith(PostgresClientConfig... clients) {
    Map<String, PostgresClientConfig> map = new java.util.LinkedHashMap<>();
    for (PostgresClientConfig c : clients) {
      map.put(c.name(), c);
    }
    return new AthenaConfig(ServerConfig.defaults(), GatewayConfig.defaults(), map);
  }

  private static PostgresClientConfig unreachable(String name) {
    return new PostgresClientConfig(
        name,
        Secret.of("postgres://app:" + PASSWORD + "@127.0.0.1:1/db"),
        2,
        Duration.ofMillis(300),
        Duration.ofSeconds(1));
  }

  @Test
  void fromConfigToleratesADownDatabaseAndAnswers503() {
    try (PostgresBackend backend = PostgresBackend.from(configWith(unreachable("down")))) {
      assertThat(backend.kind()).isEqualTo("postgres");
      assertThat(backend.clients()).containsExactly("down");
      assertThatThrownBy(
              () -> backend.execute("down", new QueryRequest("SELECT 1", null, List.of())))
          .isInstanceOf(GatewayException.class)
          .satisfies(
              e -> {
                GatewayException g = (GatewayException) e;
                assertThat(g.errorCode()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
                assertThat(g.errorCode().httpStatus()).isEqualTo(503);
                assertThat(g.retryAfterSeconds()).isEqualTo(5);
              });
    }
  }

  @Test
  void noPasswordReachesTheLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
    try (PostgresBackend backend = PostgresBackend.from(configWith(unreachable("logged")))) {
      assertThatThrownBy(
              () -> backend.execute("logged", new QueryRequest("SELECT 1", null, List.of())))
          .isInstanceOf(GatewayException.class);
    } finally {
      root.setLevel(before);
      root.detachAppender(appender);
    }

    assertThat(appender.list).isNotEmpty();
    assertThat(appender.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.contains("postgres client 'logged'") && m.contains("<masked>"))
        .noneMatch(m -> m.contains(PASSWORD));
    assertThat(appender.list)
        .filteredOn(e -> e.getThrowableProxy() != null)
        .extracting(e -> e.getThrowableProxy().getMessage())
        .noneMatch(m -> m != null && m.contains(PASSWORD));
  }

  @Test
  void badUrisFailWithTheClientNameButNotTheUri() {
    PostgresClientConfig bad = PostgresClientConfig.of("broken", "mysql://u:" + PASSWORD + "@h/db");

    assertThatThrownBy(() -> PostgresBackend.from(configWith(bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgres client 'broken'")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void unknownClientsAreNotFound() {
    try (PostgresBackend backend = PostgresBackend.builder().build()) {
      assertThatThrownBy(
              () -> backend.execute("ghost", new QueryRequest("SELECT 1", null, List.of())))
          .isInstanceOf(GatewayException.class)
          .extracting(e -> ((GatewayException) e).errorCode())
          .isEqualTo(ErrorCode.CLIENT_NOT_FOUND);
    }
  }

  @Test
  void closeIsIdempotentAndFurtherUseIsRefused() {
    PostgresBackend backend = PostgresBackend.from(configWith(unreachable("x")));
    backend.close();
    backend.close();

    assertThatThrownBy(() -> backend.execute("x", new QueryRequest("SELECT 1", null, List.of())))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builderValidatesItsInput() {
    PostgresBackend.Builder builder =
        PostgresBackend.builder().client("a", new PGSimpleDataSource());

    assertThatThrownBy(() -> builder.client("a", new PGSimpleDataSource()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'a' was added twice");
    assertThatThrownBy(() -> builder.client(" ", new PGSimpleDataSource()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.catalogCacheTtl(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(builder.build().clients()).containsExactly("a");
  }

  @Test
  void providerIsFoundByServiceLoaderAndSkipsConfigsWithoutClients() {
    BackendProvider provider =
        ServiceLoader.load(BackendProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("postgres"))
            .findFirst()
            .orElseThrow();

    assertThat(provider).isInstanceOf(PostgresBackendProvider.class);
    assertThat(provider.create(AthenaConfig.defaults())).isEmpty();
    try (var backend = provider.create(configWith(unreachable("p"))).orElseThrow()) {
      assertThat(backend.clients()).containsExactly("p");
    }
  }
}
