package io.athena.core.router;

/** Who may call a route. */
public enum Access {
  /** Anyone: health, ping, route listing. */
  PUBLIC,
  /** Gateway callers: needs {@code X-Athena-Client}; API keys apply when enforced. */
  GATEWAY,
  /** Operators: needs the admin key. */
  ADMIN
}
