package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolFactoryTest {

  private static PostgresClientConfig client(String uri, Duration connect, Duration statement) {
    return new PostgresClientConfig("app", Secret.of(uri), 7, connect, statement);
  }

  @Test
  void configuresALazyPoolNamedForTheClient() {
    PostgresClientConfig c =
        client("postgres://u:pw@h:5/db", Duration.ofSeconds(2), Duration.ofSeconds(30));

    HikariConfig config = PoolFactory.hikariConfig(c, ConnectionUri.parse(c.uri().reveal()));

    assertThat(config.getPoolName()).isEqualTo("athena-app");
    assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://h:5/db");
    assertThat(config.getUsername()).isEqualTo("u");
    assertThat(config.getPassword()).isEqualTo("pw");
    assertThat(config.getMaximumPoolSize()).isEqualTo(7);
    assertThat(config.getConnectionTimeout()).isEqualTo(2000);
    assertThat(config.getInitializationFailTimeout()).isEqualTo(-1);
    assertThat(config.getDataSourceProperties())
        .containsEntry("options", "-c statement_timeout=30000")
        .containsEntry("logServerErrorDetail", "false");
  }

  @Test
  void appendsTheStatementTimeoutToGivenOptions() {
    assertThat(PoolFactory.startupOptions("-c search_path=app", Duration.ofMillis(200)))
        .isEqualTo("-c search_path=app -c statement_timeout=200");
    assertThat(PoolFactory.startupOptions("-c x=y", Duration.ZERO)).isEqualTo("-c x=y");
  }

  @Test
  void raisesConnectionTimeoutsBelowHikarisFloor() {
    PostgresClientConfig c = client("postgres://h/db", Duration.ofMillis(10), Duration.ZERO);

    HikariConfig config = PoolFactory.hikariConfig(c, ConnectionUri.parse(c.uri().reveal()));

    assertThat(config.getConnectionTimeout()).isEqualTo(250);
    assertThat(config.getValidationTimeout()).isLessThanOrEqualTo(250);
  }
}
