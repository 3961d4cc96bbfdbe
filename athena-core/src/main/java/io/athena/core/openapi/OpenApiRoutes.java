package io.athena.core.openapi;

import io.athena.core.http.HttpResponse;
import io.athena.core.router.Access;
import io.athena.core.router.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /openapi.yaml}: our own OpenAPI 3.1 document, served verbatim. It is read from the
 * classpath once, when the routes are built, so a broken build fails at start rather than on the
 * first request.
 */
public final class OpenApiRoutes {
  /** Where the document lives on the classpath. */
  static final String RESOURCE = "/io/athena/core/openapi/openapi.yaml";

  static final String CONTENT_TYPE = "application/yaml";
  private static final String MODULE = "athena-core";

  private final byte[] document;

  public OpenApiRoutes() {
    this.document = load();
  }

  public List<Route> routes() {
    return List.of(
        new Route(
            "GET",
            "/openapi.yaml",
            MODULE,
            Access.PUBLIC,
            "This server's OpenAPI 3.1 document",
            ex -> HttpResponse.bytes(200, CONTENT_TYPE, document)));
  }

  /** The document's bytes, as built (Maven filters in the version). */
  static byte[] load() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE + " failed", e);
    }
  }
}
