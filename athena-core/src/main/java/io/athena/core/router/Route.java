package io.athena.core.router;

import java.util.Objects;

/**
 * One mounted route.
 *
 * @param method the HTTP method, upper case
 * @param path the path template; {@code {name}} segments capture path parameters
 * @param module the module that owns the route, for the registry
 * @param summary one line for {@code GET /}
 */
public record Route(
    String method, String path, String module, Access access, String summary, Handler handler) {
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(handler, "handler");
  }
}
