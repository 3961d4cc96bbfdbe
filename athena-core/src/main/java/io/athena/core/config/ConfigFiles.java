package io.athena.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the loader sees the file system; tests substitute an in-memory map. */
interface ConfigFiles {
  /** True when {@code path} names a regular file. */
  boolean isFile(Path path);

  /** The file's text, read as UTF-8. */
  String read(Path path) throws IOException;

  static ConfigFiles system() {
    return new ConfigFiles() {
      @Override
      public boolean isFile(Path path) {
        return Files.isRegularFile(path);
      }

      @Override
      public String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
      }
    };
  }
}
