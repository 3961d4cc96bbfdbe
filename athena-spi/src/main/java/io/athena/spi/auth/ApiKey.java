package io.athena.spi.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is known about one API key, without its secret: safe to list, log and return to operators.
 *
 * @param id the public id, the {@code {public_id}} of {@code ath_{public_id}.{secret}}
 * @param name a label for people
 * @param rights the rights granted, such as {@code users.read} or {@code gateway.query}
 * @param client the one client the key may use, or {@code null} for any client
 * @param expiresAt when the key stops working, or {@code null} for never
 * @param active whether the key works at all; deactivated keys answer 401
 * @param createdAt when the key was created
 * @param lastUsedAt when a request last used the key (updated lazily), or {@code null}
 */
public record ApiKey(
    String id,
    String name,
    List<String> rights,
    String client,
    Instant expiresAt,
    boolean active,
    Instant createdAt,
    Instant lastUsedAt) {
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    rights = List.copyOf(rights);
  }

  /** This key with {@code lastUsedAt} replaced. */
  public ApiKey withLastUsedAt(Instant lastUsed) {
    return new ApiKey(id, name, rights, client, expiresAt, active, createdAt, lastUsed);
  }
}
