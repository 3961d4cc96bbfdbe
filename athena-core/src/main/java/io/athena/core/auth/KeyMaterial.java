package io.athena.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key format {@code ath_{public_id}.{secret}} and its hashing. The public id names the key (it
 * may be logged); the secret proves possession and is only ever hashed: {@code SHA-256(salt ||
 * secret)} with a random per-key salt, compared in constant time.
 */
final class KeyMaterial {
  static final String PREFIX = "ath_";

  /** Public ids we issue are 16 hex digits; accept what a store may hold, but nothing odd. */
  static final Pattern ID = Pattern.compile("[a-z0-9]{8,32}");

  private static final Pattern KEY =
      Pattern.compile("ath_([a-z0-9]{8,32})\\.([A-Za-z0-9_-]{16,128})");
  private static final int SECRET_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A presented key split into its parts. */
  record Parsed(String id, String secret) {
    /** Never shows the secret. */
    @Override
    public String toString() {
      return "Parsed[" + id + "]";
    }
  }

  private KeyMaterial() {}

  static Optional<Parsed> parse(String presented) {
    Matcher m = KEY.matcher(presented);
    return m.matches() ? Optional.of(new Parsed(m.group(1), m.group(2))) : Optional.empty();
  }

  static String newId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] newSalt() {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return salt;
  }

  static String format(String id, String secret) {
    return PREFIX + id + "." + secret;
  }

  static byte[] hash(byte[] salt, String secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether {@code secret} hashes to {@code expected} with {@code salt}, in constant time. */
  static boolean matches(byte[] salt, byte[] expected, String secret) {
    return MessageDigest.isEqual(hash(salt, secret), expected);
  }
}
