package io.athena.core.auth;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.GatewayOperation;
import io.athena.spi.auth.ApiKey;
import java.util.Map;
import java.util.Optional;

/**
 * Who a gateway request acts as: a verified API key with its rights, or nobody in particular when
 * keys are not enforced and none was sent (then every right holds, as before keys existed).
 */
public final class Principal {
  private static final Principal ANONYMOUS = new Principal(null);

  private final ApiKey key;

  private Principal(ApiKey key) {
    this.key = key;
  }

  /** A request without a key, where none is needed. */
  public static Principal anonymous() {
    return ANONYMOUS;
  }

  static Principal of(ApiKey key) {
    return new Principal(key);
  }

  /** The verified key, or empty for an anonymous request. */
  public Optional<ApiKey> key() {
    return Optional.ofNullable(key);
  }

  /**
   * Checks the right {@code op} needs.
   *
   * @throws GatewayException 403 {@code forbidden} naming the missing right
   */
  public void authorize(GatewayOperation op) {
    if (key == null) {
      return;
    }
    String needed = Rights.needed(op);
    if (!Rights.grants(key.rights(), needed)) {
      throw new GatewayException(
          ErrorCode.FORBIDDEN,
          "API key " + key.id() + " lacks the right " + needed,
          null,
          null,
          Map.of("required_right", needed));
    }
  }

  /** Never shows more than the public id. */
  @Override
  public String toString() {
    return key == null ? "Principal[anonymous]" : "Principal[" + key.id() + "]";
  }
}
