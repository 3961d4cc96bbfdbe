package io.athena.core.config;

import static io.athena.core.config.InMemoryFiles.loadYaml;
import static io.athena.core.config.InMemoryFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("No secret reaches a log line, describe() or an error message")
class SecretLeakTest {
  private static final List<String> SECRETS =
      List.of(
          "leak-admin-key",
          "leak-userinfo-pw",
          "leak-query-pw",
          "leak%40encoded%2Fpw",
          "leak@encoded/pw",
          "leak-env-uri-pw",
          "leak-key12",
          "leak-override-key",
          "leak-typo-secret",
          "leak-mysql-pw",
          "leak-yaml-error",
          "leak-redis-url-pw",
          "leak-redis-pw",
          "leak-redis-bad-pw");

  private static final Map<String, String> ENV =
      Map.of(
          "LEAK_ADMIN_KEY", "leak-admin-key",
          "LEAK_CLIENT_URI", "postgres://app:leak-env-uri-pw@db/env");

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level rootLevel;

  @BeforeEach
  void captureEveryLogEvent() {
    rootLevel = root.getLevel();
    root.setLevel(Level.TRACE);
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void stopCapturing() {
    root.detachAppender(appender);
    root.setLevel(rootLevel);
  }

  @Test
  void secretsStayMaskedThroughLoadDescribeAndErrors() {
    List<String> seen = new ArrayList<>();

    AthenaConfig config = loadYaml(resource("config/secrets.yaml"), ENV);
    seen.add(config.describe());
    seen.add(config.toString());
    AthenaConfig fromKey12 =
        new InMemoryFiles()
            .loader(Map.of("ATHENA_KEY_12", "leak-key12", "ATHENA_SERVER_PROT", "leak-key12"))
            .load();
    seen.add(fromKey12.describe());
    seen.add(errorOf(invalidWithSecrets(), Map.of()));
    seen.add(errorOf(resource("config/secrets.yaml"), Map.of()));
    seen.add(errorOf("gateway:\n  admin_key: \"leak-yaml-error\n", Map.of()));
    seen.add(errorOf("", Map.of("ATHENA_GATEWAY_ADMIN_KEY", " leak-override-key")));
    appender.list.forEach(event -> seen.add(rendered(event)));

    assertThat(config.gateway().adminKey()).contains(Secret.of("leak-admin-key"));
    assertThat(appender.list)
        .as("load() must log the effective configuration, or this test proves nothing")
        .anySatisfy(
            event -> {
              assertThat(event.getLoggerName()).isEqualTo("io.athena.core.config");
              assertThat(event.getLevel()).isEqualTo(Level.INFO);
              assertThat(event.getFormattedMessage())
                  .contains("postgres_clients.reporting.uri = postgres://app:<masked>@db");
            });
    assertThat(appender.list)
        .anySatisfy(
            event -> assertThat(event.getFormattedMessage()).contains("ATHENA_SERVER_PROT"));
    for (String text : seen) {
      for (String secret : SECRETS) {
        assertThat(text).as("a secret leaked into:%n%s", text).doesNotContain(secret);
      }
    }
  }

  /** Every place a secret can sit in a file that fails validation. */
  private static String invalidWithSecrets() {
    return """
        gateway:
          admin_key: " leak-admin-key "
          admn_key: leak-typo-secret
        postgres_clients:
          mysql: mysql://app:leak-mysql-pw@db/x
          "postgres://app:leak-userinfo-pw@db/x": postgres://db/x
          billing:
            uri: jdbc:postgresql://db/b?password=leak-query-pw
            url: postgres://app:leak-userinfo-pw@db/b
          unset: postgres://app:leak-userinfo-pw@${NOT_SET}/x
          malformed: postgres://app:leak-userinfo-pw@${db/x
        cache:
          redis:
            address: http://:leak-redis-bad-pw@redis:6379
            password: 42
        """;
  }

  private static String errorOf(String yaml, Map<String, String> env) {
    Map<String, String> withEnv = new HashMap<>(env);
    ConfigException[] thrown = new ConfigException[1];
    assertThatThrownBy(() -> loadYaml(yaml, withEnv))
        .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
    StringBuilder text = new StringBuilder();
    for (Throwable t = thrown[0]; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }

  private static String rendered(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append('\n').append(t.getMessage());
    }
    return text.toString();
  }
}
