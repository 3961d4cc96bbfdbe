package io.athena.servlet;

import io.athena.core.Athena;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.PostgresClientConfig;
import io.athena.core.config.ServerConfig;
import io.athena.postgres.PostgresBackend;
import io.athena.testkit.EmbeddedPostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real stack for one test class: a fresh database on the run's one embedded PostgreSQL, an
 * {@link Athena} with a Postgres backend for it, served by {@link AthenaServlet} on the run's one
 * Jetty, reached over real HTTP.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final AthenaStack stack = AthenaStack.builder().schema("CREATE TABLE ...").build();
 * ...
 * Reply reply = stack.http().post("/gateway/fetch", "{\"table_name\":\"t\"}");
 * }</pre>
 */
final class AthenaStack implements BeforeAllCallback, AfterAllCallback {
  /** The client name the stack's Athena routes ({@code X-Athena-Client}). */
  static final String CLIENT = "it";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AthenaStack.class);

  private final String schemaSql;
  private final long maxBodyBytes;
  private final String mapping;
  private final UnaryOperator<AthenaConfig> configure;
  private final Consumer<Athena.Builder> customize;
  private final AthenaStack sharing;

  private Class<?> owner;
  private String database;
  private String uri;
  private Athena athena;
  private SharedJetty.Mount mount;
  private Http http;

  private AthenaStack(Builder builder) {
    this.schemaSql = builder.schemaSql;
    this.maxBodyBytes = builder.maxBodyBytes;
    this.mapping = builder.mapping;
    this.configure = builder.configure;
    this.customize = builder.customize;
    this.sharing = builder.sharing;
  }

  static Builder builder() {
    return new Builder();
  }

  /** The run's one Jetty, started on first use and stopped when every test has run. */
  static SharedJetty jetty(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(SharedJetty.class, k -> startJetty(), SharedJetty.class);
  }

  private static SharedJetty startJetty() {
    try {
      return new SharedJetty();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not start", e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (owner != null) {
      return; // a @Nested class of the owner: it shares the owner's stack
    }
    owner = context.getRequiredTestClass();
    String name = snakeCase(owner.getSimpleName());
    if (sharing != null) {
      // a second node: the same database, its own Athena and context
      database = sharing.database;
      uri = sharing.uri;
      name = name + "_2";
    } else {
      EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.shared();
      database = name;
      pg.dropDatabase(database);
      uri = pg.createDatabase(database);
      if (!schemaSql.isBlank()) {
        execute(pg.dataSource(database), schemaSql);
      }
    }
    AthenaConfig config =
        new AthenaConfig(
            new ServerConfig("127.0.0.1", 0, maxBodyBytes),
            GatewayConfig.defaults(),
            Map.of(CLIENT, PostgresClientConfig.of(CLIENT, uri)));
    config = configure.apply(config);
    Athena.Builder builder = Athena.builder().config(config).backend(PostgresBackend.from(config));
    customize.accept(builder);
    athena = builder.build();
    mount = jetty(context).mount(name, mapping, athena.router());
    http = new Http(mount.baseUri(), CLIENT);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (context.getRequiredTestClass() != owner) {
      return;
    }
    try {
      if (mount != null) {
        mount.close();
      }
    } finally {
      if (athena != null) {
        athena.close();
      }
    }
  }

  /** An HTTP client for this class's Athena, sending {@code X-Athena-Client: it} by default. */
  Http http() {
    return http;
  }

  /** This class's Athena, for tests that look at its key store or security settings. */
  Athena athena() {
    return athena;
  }

  /** A superuser data source on this class's database, for setup and for checking writes. */
  DataSource database() {
    return EmbeddedPostgresFixture.shared().dataSource(database);
  }

  private static void execute(DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("setup SQL failed: " + e.getMessage(), e);
    }
  }

  /** {@code FetchFiltersIT} → {@code fetch_filters_it}. */
  static String snakeCase(String className) {
    return className.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  static final class Builder {
    private String schemaSql = "";
    private long maxBodyBytes = ServerConfig.DEFAULT_MAX_BODY_BYTES;
    private String mapping = "/*";
    private UnaryOperator<AthenaConfig> configure = UnaryOperator.identity();
    private Consumer<Athena.Builder> customize = b -> {};
    private AthenaStack sharing;

    private Builder() {}

    /** Changes the stack's config (admin key, security) before Athena is built. */
    Builder configure(UnaryOperator<AthenaConfig> configure) {
      this.configure = configure;
      return this;
    }

    /** Adds to the Athena builder (key store, clock) before it builds. */
    Builder customize(Consumer<Athena.Builder> customize) {
      this.customize = customize;
      return this;
    }

    /**
     * A second node on {@code first}'s database (register it after {@code first}, with
     * {@code @Order}): its own Athena and servlet context.
     */
    Builder sharingDatabaseWith(AthenaStack first) {
      this.sharing = first;
      return this;
    }

    /** SQL that creates and fills the class's tables. */
    Builder schema(String sql) {
      this.schemaSql = sql;
      return this;
    }

    Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The servlet mapping inside the class's context; {@code /*} unless set. */
    Builder mapping(String mapping) {
      this.mapping = mapping;
      return this;
    }

    AthenaStack build() {
      return new AthenaStack(this);
    }
  }
}
