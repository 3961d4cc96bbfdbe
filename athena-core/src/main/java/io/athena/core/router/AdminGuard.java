package io.athena.core.router;

import io.athena.core.config.Secret;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.util.Optional;

/**
 * Lets a request onto an admin route only with the admin key. Without a configured admin key, admin
 * routes are closed (403) rather than open: an operator must opt in.
 */
public final class AdminGuard {
  private final Optional<Secret> adminKey;

  public AdminGuard(Optional<Secret> adminKey) {
    this.adminKey = adminKey.filter(k -> !k.isEmpty());
  }

  void check(Exchange exchange) {
    if (adminKey.isEmpty()) {
      throw new GatewayException(
          ErrorCode.ADMIN_KEY_REQUIRED,
          "Admin routes are disabled: no admin key is configured (set ATHENA_KEY_12)");
    }
    Optional<String> presented = KeyTransport.adminKey(exchange.request());
    if (presented.isEmpty()) {
      throw new GatewayException(
          ErrorCode.UNAUTHORIZED, "This route needs the admin key in X-Athena-Admin-Key");
    }
    if (!adminKey.get().matches(presented.get())) {
      throw new GatewayException(ErrorCode.UNAUTHORIZED, "The admin key is not valid");
    }
  }
}
