package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.config.Secret;
import io.athena.core.http.HttpResponse;
import io.athena.core.router.Access;
import io.athena.core.router.AdminGuard;
import io.athena.core.router.Route;
import io.athena.core.router.Router;
import io.athena.servlet.Http.Reply;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin guard, through the servlet and real HTTP: core has no admin route yet, so this mounts a
 * router of its own with one {@link Access#ADMIN} route, once without and once with a key.
 */
class AdminGuardIT {
  private static final String KEY = "it-admin-key-1234";

  /** Gives access to the run's shared Jetty. */
  @RegisterExtension
  static final org.junit.jupiter.api.extension.BeforeAllCallback JETTY = AdminGuardIT::mountRouters;

  private static SharedJetty.Mount closed;
  private static SharedJetty.Mount guarded;

  private static void mountRouters(ExtensionContext context) throws Exception {
    SharedJetty jetty = AthenaStack.jetty(context);
    closed = jetty.mount("admin_guard_closed", "/*", router(Optional.empty()));
    guarded = jetty.mount("admin_guard_keyed", "/*", router(Optional.of(Secret.of(KEY))));
  }

  private static Router router(Optional<Secret> key) {
    Route secret =
        new Route(
            "GET",
            "/admin/secret",
            "it",
            Access.ADMIN,
            "An admin-only route",
            exchange -> HttpResponse.text(200, "the secret"));
    Route open =
        new Route(
            "GET",
            "/open",
            "it",
            Access.PUBLIC,
            "A public route",
            ex -> HttpResponse.text(200, "open"));
    return new Router(List.of(secret, open), new AdminGuard(key), 1024);
  }

  @BeforeAll
  static void mounted() {
    assertThat(closed).isNotNull();
  }

  @AfterAll
  static void unmount() {
    closed.close();
    guarded.close();
  }

  private static Http http(SharedJetty.Mount mount) {
    return new Http(mount.baseUri(), "none");
  }

  @Test
  void withoutAConfiguredKeyAdminRoutesAre403() {
    Reply reply = http(closed).get("/admin/secret").error(403, "admin_key_required");
    http(closed).get("/admin/secret", "X-Athena-Admin-Key", KEY).error(403, "admin_key_required");

    assertThat(reply.errorText()).contains("ATHENA_KEY_12");
    assertThat(http(closed).get("/open").expect(200).body()).isEqualTo("open");
  }

  @Test
  void missingOrWrongKeyIs401() {
    http(guarded).get("/admin/secret").error(401, "unauthorized");
    http(guarded).get("/admin/secret", "X-Athena-Admin-Key", "wrong").error(401, "unauthorized");
    http(guarded).get("/admin/secret", "X-Athena-Admin-Key", KEY + "x").error(401, "unauthorized");
  }

  @Test
  void rightKeyInAnyTransportPasses() {
    assertThat(http(guarded).get("/admin/secret", "X-Athena-Admin-Key", KEY).expect(200).body())
        .isEqualTo("the secret");
    assertThat(http(guarded).get("/admin/secret", "Authorization", "Bearer " + KEY).status())
        .isEqualTo(200);
    assertThat(http(guarded).get("/admin/secret", "apikey", KEY).status()).isEqualTo(200);
    assertThat(http(guarded).get("/admin/secret?api_key=" + KEY).status()).isEqualTo(200);
  }
}
