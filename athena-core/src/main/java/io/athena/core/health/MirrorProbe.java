package io.athena.core.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * {@code GET {url}/ping} against another Athena, asynchronously, bounded by the probe timeout
 * (connecting and waiting for the answer). Only a 200 counts as online; the body is discarded.
 */
final class MirrorProbe {
  private final HttpClient http;
  private final Duration timeout;
  private final InstantSource clock;

  MirrorProbe(Duration timeout, Executor executor, InstantSource clock) {
    this.timeout = timeout;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
  }

  /** The mirror's health once it answered, failed or timed out; never completes exceptionally. */
  CompletableFuture<MirrorHealth> probe(URI base) {
    HttpRequest request =
        HttpRequest.newBuilder(ping(base))
            .timeout(timeout)
            .header("User-Agent", "athena-health-prober")
            .GET()
            .build();
    long started = System.nanoTime();
    return http.sendAsync(request, BodyHandlers.discarding())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                return MirrorHealth.offline(base, describe(failure), clock.instant());
              }
              if (response.statusCode() != 200) {
                return MirrorHealth.offline(
                    base, "answered HTTP " + response.statusCode(), clock.instant());
              }
              return MirrorHealth.online(
                  base, Duration.ofNanos(System.nanoTime() - started), clock.instant());
            });
  }

  /** {@code http://host/athena} → {@code http://host/athena/ping}. */
  static URI ping(URI base) {
    String text = base.toString();
    return URI.create((text.endsWith("/") ? text : text + "/") + "ping");
  }

  /** Words for operators: the kind of failure, never a stack trace. */
  String describe(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof HttpConnectTimeoutException) {
      return "could not connect within " + timeout.toMillis() + "ms";
    }
    if (cause instanceof HttpTimeoutException) {
      return "no answer within " + timeout.toMillis() + "ms";
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof IOException) {
      return "request failed (" + cause.getClass().getSimpleName() + ")";
    }
    return "probe failed (" + cause.getClass().getSimpleName() + ")";
  }
}
