package io.athena.core.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Database URIs as they may be shown: in logs, in {@link AthenaConfig#describe()}, in admin API
 * answers.
 */
public final class Uris {
  private static final Pattern KEYWORD_PASSWORD =
      Pattern.compile(
          "(?i)(\\b\\w*(?:pass|pwd|secret|token)\\w*\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\\S*)");

  private Uris() {}

  /**
   * The URI with every password replaced by {@code <masked>}: the one in the user info ({@code
   * postgres://app:<masked>@db:5432/reporting}) and query parameters whose name mentions a
   * password, secret or token ({@code ?user=app&password=<masked>}). A libpq keyword string ({@code
   * host=db password=x}) is masked the same way.
   *
   * <p>Passwords should be percent-encoded, as RFC 3986 and libpq require. For a malformed URI (a
   * raw {@code /} or {@code ?} inside the password) the masking is best effort and errs towards
   * hiding more than the password.
   *
   * @param uri a URI, possibly with credentials; null gives null
   */
  public static String maskPassword(String uri) {
    if (uri == null) {
      return null;
    }
    int schemeEnd = uri.indexOf("://");
    if (schemeEnd < 0) {
      return maskKeywordPasswords(uri);
    }
    int authorityStart = schemeEnd + 3;
    String rest = uri.substring(authorityStart);
    int at = userInfoEnd(rest);
    String head = uri.substring(0, authorityStart);
    if (at < 0) {
      return head + maskQuery(rest);
    }
    return head + maskUserInfo(rest.substring(0, at)) + "@" + maskQuery(rest.substring(at + 1));
  }

  /**
   * Where the user info ends (its {@code @}) in the text after {@code ://}, or -1 if it has none.
   */
  private static int userInfoEnd(String rest) {
    int authorityEnd = indexOfAny(rest, "/?#");
    int at = rest.lastIndexOf('@', authorityEnd - 1);
    if (at >= 0) {
      return at;
    }
    // Not well-formed: a raw '/', '?' or '#' in the password ends the authority early. An '@'
    // further on still closes the user info unless it sits in a query parameter (user=a@b).
    int firstAt = rest.indexOf('@');
    if (firstAt < 0) {
      return -1;
    }
    String before = rest.substring(0, firstAt);
    return before.indexOf(':') >= 0 && before.indexOf('=') < 0 ? firstAt : -1;
  }

  private static String maskUserInfo(String userInfo) {
    int colon = userInfo.indexOf(':');
    return colon < 0 ? userInfo : userInfo.substring(0, colon + 1) + Secret.MASK;
  }

  private static String maskQuery(String rest) {
    int question = rest.indexOf('?');
    if (question < 0) {
      return rest;
    }
    StringBuilder out = new StringBuilder(rest.substring(0, question + 1));
    String[] parameters = rest.substring(question + 1).split("&", -1);
    for (int i = 0; i < parameters.length; i++) {
      out.append(i == 0 ? "" : "&").append(maskParameter(parameters[i]));
    }
    return out.toString();
  }

  private static String maskParameter(String parameter) {
    int equals = parameter.indexOf('=');
    if (equals < 0 || !isSecretName(parameter.substring(0, equals))) {
      return parameter;
    }
    return parameter.substring(0, equals + 1) + Secret.MASK;
  }

  private static boolean isSecretName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("pass")
        || lower.contains("pwd")
        || lower.contains("secret")
        || lower.contains("token")
        || lower.contains("%"); // an encoded name may hide "password"; hide its value too
  }

  private static String maskKeywordPasswords(String text) {
    Matcher matcher = KEYWORD_PASSWORD.matcher(text);
    return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + Secret.MASK));
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }
}
