package io.athena.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A file system of a few text files, which also records the order in which paths were probed. */
final class InMemoryFiles implements ConfigFiles {
  static final Path WORK = Path.of("/srv/app");
  static final Path HOME = Path.of("/home/ann");

  private final Map<Path, String> files = new HashMap<>();
  private final List<Path> probed = new ArrayList<>();

  InMemoryFiles with(String path, String text) {
    files.put(Path.of(path), text);
    return this;
  }

  List<Path> probed() {
    return List.copyOf(probed);
  }

  @Override
  public boolean isFile(Path path) {
    probed.add(path);
    return files.containsKey(path);
  }

  @Override
  public String read(Path path) throws IOException {
    String text = files.get(path);
    if (text == null) {
      throw new NoSuchFileException(path.toString());
    }
    return text;
  }

  AthenaConfigLoader loader(Map<String, String> env) {
    return new AthenaConfigLoader(env, this, WORK, HOME);
  }

  /** A test resource under {@code src/test/resources}, as text. */
  static String resource(String name) {
    try (InputStream in = InMemoryFiles.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code yaml} as the file named by ATHENA_CONFIG_PATH, with {@code env} besides. */
  static AthenaConfig loadYaml(String yaml, Map<String, String> env) {
    Map<String, String> withPath = new HashMap<>(env);
    withPath.put(AthenaConfig.CONFIG_PATH_ENV, "/etc/athena/athena.yaml");
    return new InMemoryFiles().with("/etc/athena/athena.yaml", yaml).loader(withPath).load();
  }
}
