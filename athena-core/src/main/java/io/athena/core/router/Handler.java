package io.athena.core.router;

import io.athena.core.http.HttpResponse;

/** Answers one route. Throw {@link io.athena.spi.GatewayException} for failures callers see. */
@FunctionalInterface
public interface Handler {
  HttpResponse handle(Exchange exchange);
}
