package io.athena.postgres.internal;

import io.athena.core.config.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A client URI taken apart for JDBC. Accepts libpq's {@code postgres://} and {@code postgresql://}
 * URIs and pgjdbc's {@code jdbc:postgresql://} URLs; credentials are percent-decoded and moved out
 * of the URL, and query parameters become driver properties. Parsed by hand rather than with {@link
 * java.net.URI}, which rejects libpq's multi-host form {@code host1:5432,host2:5432}.
 *
 * @param jdbcUrl {@code jdbc:postgresql://hosts/database}, without credentials or parameters
 * @param user the user, or {@code null} to let the driver decide
 * @param password the password, or {@code null}
 * @param properties driver properties from the query string
 */
record ConnectionUri(String jdbcUrl, String user, Secret password, Map<String, String> properties) {

  private static final String JDBC_PREFIX = "jdbc:postgresql:";

  // libpq spellings of the parameters whose pgjdbc names differ
  private static final Map<String, String> LIBPQ_NAMES =
      Map.of("application_name", "ApplicationName", "connect_timeout", "connectTimeout");

  ConnectionUri {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /**
   * Parses {@code uri}.
   *
   * @throws IllegalArgumentException naming the problem but never the URI, which holds a password
   */
  static ConnectionUri parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    String rest = stripScheme(uri.trim());
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : rest.substring(slash + 1);
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? null : authority.substring(0, at);
    String hosts = at < 0 ? authority : authority.substring(at + 1);
    return build(hosts, database, userInfo, query);
  }

  private static ConnectionUri build(String hosts, String database, String userInfo, String query) {
    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      switch (key) {
        case "user" -> user = value;
        case "password" -> password = value;
        default -> properties.put(LIBPQ_NAMES.getOrDefault(key, key), value);
      }
    }
    String host = hosts.isEmpty() ? "localhost" : hosts;
    String url = "jdbc:postgresql://" + host + "/" + database;
    return new ConnectionUri(
        url, emptyToNull(user), password == null ? null : Secret.of(password), properties);
  }

  private static String stripScheme(String uri) {
    for (String scheme : new String[] {"postgres://", "postgresql://", JDBC_PREFIX + "//"}) {
      if (uri.regionMatches(true, 0, scheme, 0, scheme.length())) {
        return uri.substring(scheme.length());
      }
    }
    if (uri.startsWith(JDBC_PREFIX)) {
      return "/" + uri.substring(JDBC_PREFIX.length()); // jdbc:postgresql:database
    }
    throw new IllegalArgumentException(
        "uri was '"
            + Secret.MASK
            + "' but must start with postgres://, postgresql:// or jdbc:postgresql://");
  }

  // Percent-decoding as in URIs: unlike form encoding, '+' is a plus sign.
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "uri was '" + Secret.MASK + "' but holds a malformed percent-escape");
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The URL and user, with the password masked: safe to log. */
  @Override
  public String toString() {
    return jdbcUrl
        + " (user "
        + user
        + ", password "
        + (password == null ? "none" : Secret.MASK)
        + ")";
  }
}
