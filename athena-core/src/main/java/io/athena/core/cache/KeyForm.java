package io.athena.core.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.athena.core.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form a cache key hashes: a byte string in which every item starts with a tag byte
 * and every variable-length item with its length, so that no two different sequences of items can
 * produce the same bytes (no escaping rules to get right, no separator a value could contain).
 *
 * <p>Runs on every fetch (the key is answered even with the cache off): items go into one growing
 * byte array and the digest runs once, with no JSON tree or generator in between.
 */
public final class KeyForm {
  private static final byte NULL = 'n';
  private static final byte TEXT = 's';
  private static final byte INTEGER = 'i';
  private static final byte DECIMAL = 'd';
  private static final byte FLOAT = 'f';
  private static final byte TRUE = 't';
  private static final byte FALSE = 'x';
  private static final byte LIST = 'a';
  private static final byte MAP = 'm';
  private static final byte OTHER = 'j';

  /** For values of unusual types only: JSON with sorted map keys. */
  private static final ObjectMapper OTHER_VALUES =
      Json.mapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private static final MessageDigest SHA_256 = sha256();

  private byte[] bytes = new byte[256];
  private int size;

  KeyForm() {}

  /** A name, a piece of text or a null. */
  public KeyForm text(String text) {
    if (text == null) {
      return tag(NULL);
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    tag(TEXT).int32(utf8.length);
    return raw(utf8);
  }

  public KeyForm number(long value) {
    tag(INTEGER);
    for (int shift = 56; shift >= 0; shift -= 8) {
      raw((byte) (value >>> shift));
    }
    return this;
  }

  public KeyForm bool(boolean value) {
    return tag(value ? TRUE : FALSE);
  }

  /** A count that announces the items that follow (a list's length). */
  public KeyForm count(int n) {
    return tag(LIST).int32(n);
  }

  /**
   * A JSON value as the gateway parsed it: null, text, numbers, booleans, lists and maps (whose
   * keys are sorted, so an object sent in another key order is the same value).
   */
  public KeyForm value(Object value) {
    if (value == null || value instanceof String) {
      return text((String) value);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return number(((Number) value).longValue());
    }
    if (value instanceof Boolean bool) {
      return bool(bool);
    }
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      return tag(DECIMAL).text(value.toString());
    }
    if (value instanceof Double || value instanceof Float) {
      return tag(FLOAT).number(Double.doubleToLongBits(((Number) value).doubleValue()));
    }
    if (value instanceof List<?> list) {
      count(list.size());
      list.forEach(this::value);
      return this;
    }
    if (value instanceof Map<?, ?> map) {
      return map(map);
    }
    return other(value);
  }

  private KeyForm map(Map<?, ?> map) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    tag(MAP).int32(sorted.size());
    sorted.forEach(
        (k, v) -> {
          text(k);
          value(v);
        });
    return this;
  }

  private KeyForm other(Object value) {
    try {
      tag(OTHER).text(value.getClass().getName());
      byte[] json = OTHER_VALUES.writeValueAsBytes(value);
      int32(json.length);
      return raw(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot key a value of " + value.getClass(), e);
    }
  }

  /** The hex SHA-256 of everything written. */
  String sha256Hex() {
    MessageDigest digest = digest();
    digest.update(bytes, 0, size);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The bytes written so far, for tests. */
  byte[] bytes() {
    return Arrays.copyOf(bytes, size);
  }

  private KeyForm tag(byte tag) {
    return raw(tag);
  }

  private KeyForm int32(int value) {
    raw((byte) (value >>> 24));
    raw((byte) (value >>> 16));
    raw((byte) (value >>> 8));
    return raw((byte) value);
  }

  private KeyForm raw(byte b) {
    if (size == bytes.length) {
      bytes = Arrays.copyOf(bytes, size * 2);
    }
    bytes[size++] = b;
    return this;
  }

  private KeyForm raw(byte[] more) {
    if (size + more.length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more.length));
    }
    System.arraycopy(more, 0, bytes, size, more.length);
    size += more.length;
    return this;
  }

  /** A fresh SHA-256: cloning a prototype skips the provider lookup of {@code getInstance}. */
  private static MessageDigest digest() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return sha256();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
