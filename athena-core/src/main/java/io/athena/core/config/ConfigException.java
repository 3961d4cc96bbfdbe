package io.athena.core.config;

import io.athena.spi.AthenaException;
import java.util.List;

/**
 * The configuration cannot be used. It lists every problem found, not only the first, each as
 * {@code <path> was '<value>' but <reason>}; secret values appear as {@code <masked>}. The caller
 * fixes the file or the environment and starts again.
 */
public final class ConfigException extends AthenaException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final List<String> problems;

  /**
   * @param source where the configuration came from (a file path, or a description such as
   *     "built-in defaults")
   * @param problems one line per problem, in the order found; at least one
   */
  public ConfigException(String source, List<String> problems) {
    this(source, problems, null);
  }

  public ConfigException(String source, List<String> problems, Throwable cause) {
    super(message(source, problems), cause);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** Where the configuration came from. */
  public String source() {
    return source;
  }

  /** Every problem, each as {@code <path> was '<value>' but <reason>}. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    StringBuilder text =
        new StringBuilder("Invalid Athena configuration from ")
            .append(source)
            .append(" (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem):" : " problems):");
    problems.forEach(problem -> text.append("\n  - ").append(problem));
    return text.toString();
  }
}
