package io.athena.spi.auth;

import java.util.Arrays;
import java.util.Objects;

/**
 * A key as a store keeps it: its metadata, a per-key random salt and {@code SHA-256(salt ||
 * secret)}. The secret itself is never stored.
 */
public final class StoredKey {
  private final ApiKey key;
  private final byte[] salt;
  private final byte[] hash;

  public StoredKey(ApiKey key, byte[] salt, byte[] hash) {
    this.key = Objects.requireNonNull(key, "key");
    this.salt = Objects.requireNonNull(salt, "salt").clone();
    this.hash = Objects.requireNonNull(hash, "hash").clone();
  }

  public ApiKey key() {
    return key;
  }

  public byte[] salt() {
    return salt.clone();
  }

  public byte[] hash() {
    return hash.clone();
  }

  /** The same credential with new metadata; salt and hash are never edited. */
  public StoredKey withKey(ApiKey newKey) {
    return new StoredKey(newKey, salt, hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredKey other
        && other.key.equals(key)
        && Arrays.equals(other.salt, salt)
        && Arrays.equals(other.hash, hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(salt), Arrays.hashCode(hash));
  }

  /** Never shows the salt or hash. */
  @Override
  public String toString() {
    return "StoredKey[" + key.id() + "]";
  }
}
