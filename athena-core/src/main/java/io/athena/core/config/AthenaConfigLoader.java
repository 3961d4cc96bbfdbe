package io.athena.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, reads and validates the configuration. The environment and the file system come in as
 * parameters so that tests never depend on the real ones.
 */
final class AthenaConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(AthenaConfig.LOGGER_NAME);
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final int MAX_PARSE_REASON_CHARS = 100;

  private final Map<String, String> env;
  private final ConfigFiles files;
  private final Path workingDir;
  private final Path homeDir;

  /**
   * @param env the environment variables
   * @param workingDir what {@code ./} and relative paths resolve against
   * @param homeDir what {@code ~/} resolves against
   */
  AthenaConfigLoader(Map<String, String> env, ConfigFiles files, Path workingDir, Path homeDir) {
    this.env = Map.copyOf(env);
    this.files = files;
    this.workingDir = workingDir;
    this.homeDir = homeDir;
  }

  /** The loader over the real environment, working directory and home directory. */
  static AthenaConfigLoader system() {
    return new AthenaConfigLoader(
        System.getenv(),
        ConfigFiles.system(),
        Path.of("").toAbsolutePath(),
        Path.of(System.getProperty("user.home")));
  }

  /** {@link AthenaConfig#SEARCH_LIST}, resolved. */
  List<Path> searchList() {
    return AthenaConfig.SEARCH_LIST.stream().map(this::resolve).toList();
  }

  /** The file named by ATHENA_CONFIG_PATH, else the first of the search list, else defaults. */
  AthenaConfig load() {
    String named = env.get(AthenaConfig.CONFIG_PATH_ENV);
    if (named != null && !named.isBlank()) {
      return loadFile(named, AthenaConfig.CONFIG_PATH_ENV);
    }
    for (Path candidate : searchList()) {
      if (files.isFile(candidate)) {
        return loadFile(candidate.toString(), "config file");
      }
    }
    return fromYaml("", "built-in defaults (no file at any of " + searchList() + ")");
  }

  AthenaConfig load(Path file) {
    return loadFile(file.toString(), "config file");
  }

  /** Validates {@code yaml} with the environment; {@code source} names it in messages. */
  AthenaConfig fromYaml(String yaml, String source) {
    JsonNode root = parse(yaml, source);
    Problems problems = new Problems();
    EnvOverrides overrides = new EnvOverrides(env);
    ConfigReader reader = new ConfigReader(problems, new EnvExpander(env), overrides);
    AthenaConfig config = new ConfigBinder(reader, env.get(AthenaConfig.ADMIN_KEY_ENV)).bind(root);
    overrides
        .nearMisses()
        .forEach(
            miss ->
                LOG.warn(
                    "Ignoring environment variable {}: it is not a known override (did you mean {}?)",
                    miss.variable(),
                    miss.meant()));
    problems.throwIfAny(source);
    List<String> fromEnv = reader.environmentSources();
    LOG.info(
        "Athena configuration from {}{}:\n{}",
        source,
        fromEnv.isEmpty() ? "" : " with " + String.join(", ", fromEnv) + " from the environment",
        config.describe());
    return config;
  }

  /**
   * @param setting what names the file, for the message when it is missing
   */
  private AthenaConfig loadFile(String name, String setting) {
    Path file;
    try {
      file = resolve(name);
    } catch (InvalidPathException e) {
      throw single(name, setting, name, "is not a valid path: " + e.getReason(), e);
    }
    if (!files.isFile(file)) {
      throw single(name, setting, name, "no such file exists (looked for " + file + ")", null);
    }
    String text;
    try {
      text = files.read(file);
    } catch (IOException e) {
      throw single(file.toString(), setting, name, "the file cannot be read: " + e, e);
    }
    return fromYaml(text, file.toString());
  }

  private static ConfigException single(
      String source, String setting, String value, String reason, Throwable cause) {
    return new ConfigException(
        source, List.of(setting + " was '" + value + "' but " + reason), cause);
  }

  private static JsonNode parse(String yaml, String source) {
    try {
      return YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      // The parser's own message quotes the offending line, which may hold a secret: keep only
      // its first line (the kind of error) and the position, and do not chain the exception.
      String reason = e.getOriginalMessage().lines().findFirst().orElse("").strip();
      if (reason.length() > MAX_PARSE_REASON_CHARS) {
        reason = reason.substring(0, MAX_PARSE_REASON_CHARS) + "...";
      }
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new ConfigException(
          source,
          List.of("(document) was '" + Secret.MASK + "' but is not valid YAML: " + reason + where));
    }
  }

  private Path resolve(String name) {
    if (name.equals("~")) {
      return homeDir;
    }
    if (name.startsWith("~/")) {
      return homeDir.resolve(name.substring(2)).normalize();
    }
    return workingDir.resolve(name).normalize();
  }
}
