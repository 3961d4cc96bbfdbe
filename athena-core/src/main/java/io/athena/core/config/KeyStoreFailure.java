package io.athena.core.config;

/** What the gateway does with a request when the key store cannot answer. */
public enum KeyStoreFailure {
  /** Refuse: 503 {@code key_store_unavailable} with {@code Retry-After}. Safe, and the default. */
  FAIL_CLOSED,
  /** Let the request through as if keys were not enforced; logged at WARN. */
  FAIL_OPEN
}
