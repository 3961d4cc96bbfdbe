package io.athena.core.telemetry;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One append-only file of JSON lines ({@code success.log}) with size-based rotation: before a line
 * would take the file past {@code maxBytes}, the file becomes {@code success.log.1}, older ones
 * shift up to {@code .maxFiles}, and the oldest is deleted. A line never straddles two files.
 *
 * <p>Lines collect in a buffer written by {@link #flush()} (and whenever it fills). When the file
 * cannot be written (disk full, directory gone, path taken by a file) the lines are dropped and
 * reported to {@code onDropped}, one warning is logged for the whole failure streak, and the file
 * is reopened on the first line after {@code retryDelay}. A file deleted or moved away underneath
 * (by hand or by an external log rotator) is noticed at the next flush and created anew.
 *
 * <p>Not thread-safe: only the sink's writer thread uses it.
 */
final class RotatingFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RotatingFile.class);
  static final int BUFFER_BYTES = 64 * 1024;

  private final Path directory;
  private final Path path;
  private final long maxBytes;
  private final int maxFiles;
  private final Duration retryDelay;
  private final InstantSource clock;
  private final IntConsumer onDropped;

  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int buffered;
  private int bufferedLines;

  private RandomAccessFile file;
  private Object fileKey;
  private long size;

  private boolean failing;
  private Instant retryAt = Instant.MIN;
  private long droppedWhileFailing;

  RotatingFile(
      Path directory,
      String name,
      long maxBytes,
      int maxFiles,
      Duration retryDelay,
      InstantSource clock,
      IntConsumer onDropped) {
    this.directory = directory;
    this.path = directory.resolve(name);
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onDropped = onDropped;
  }

  /** Appends one line ({@code line[0, length)}, ending in a line break), or drops it. */
  void append(byte[] line, int length) {
    if (!ready()) {
      drop(1);
      return;
    }
    long pending = size + buffered;
    if (pending > 0 && pending + length > maxBytes && !(flush() && rotate())) {
      drop(1);
      return;
    }
    if (buffered + length > buffer.length && !flush()) {
      drop(1);
      return;
    }
    if (length > buffer.length) {
      writeAlone(line, length);
      return;
    }
    System.arraycopy(line, 0, buffer, buffered, length);
    buffered += length;
    bufferedLines++;
  }

  /**
   * Writes the buffered lines to the file; false (and those lines dropped) when that fails. Does
   * not force them to the disk: a process crash loses nothing written, a machine crash may.
   */
  boolean flush() {
    if (buffered == 0) {
      return true;
    }
    int lines = bufferedLines;
    try {
      reopenIfMovedAway();
      file.write(buffer, 0, buffered);
      size += buffered;
      recovered();
      return true;
    } catch (IOException e) {
      failed(e);
      drop(lines);
      return false;
    } finally {
      buffered = 0;
      bufferedLines = 0;
    }
  }

  /** Flushes and closes the file; a later {@link #append} opens it again. */
  @Override
  public void close() {
    flush();
    closeQuietly();
  }

  /** An open file to write to: opened now if needed, unless a failure streak waits to retry. */
  private boolean ready() {
    if (file != null) {
      return true;
    }
    if (failing && clock.instant().isBefore(retryAt)) {
      return false;
    }
    try {
      open();
      return true;
    } catch (IOException e) {
      failed(e);
      return false;
    }
  }

  private void open() throws IOException {
    Files.createDirectories(directory);
    RandomAccessFile opened = new RandomAccessFile(path.toFile(), "rw");
    try {
      long length = opened.length();
      opened.seek(length);
      if (length > 0 && endsTorn(opened, length)) {
        // a line cut short (a crash, a full disk) must not swallow the first line we write
        opened.write('\n');
        length++;
      }
      file = opened;
      fileKey = fileKey();
      size = length;
    } catch (IOException e) {
      opened.close();
      throw e;
    }
  }

  private static boolean endsTorn(RandomAccessFile opened, long length) throws IOException {
    opened.seek(length - 1);
    boolean torn = opened.read() != '\n';
    opened.seek(length);
    return torn;
  }

  /** The file we hold is not the one at {@code path} any more: start a new one there. */
  private void reopenIfMovedAway() throws IOException {
    if (file == null) {
      open();
      return;
    }
    Object current;
    try {
      current = fileKey();
    } catch (NoSuchFileException gone) {
      current = null;
    }
    if (current == null || !current.equals(fileKey)) {
      LOG.info("trace file {} was moved or deleted; starting a new one", path);
      closeQuietly();
      open();
    }
  }

  /** The file's identity (device and inode on Unix); the path itself where there is none. */
  private Object fileKey() throws IOException {
    Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    return key != null ? key : path;
  }

  private boolean rotate() {
    closeQuietly();
    try {
      Files.deleteIfExists(rotated(maxFiles));
      for (int i = maxFiles - 1; i >= 1; i--) {
        if (Files.exists(rotated(i))) {
          Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      if (Files.exists(path)) {
        Files.move(path, rotated(1), StandardCopyOption.REPLACE_EXISTING);
      }
      open();
      return true;
    } catch (IOException e) {
      failed(e);
      return false;
    }
  }

  private Path rotated(int generation) {
    return path.resolveSibling(path.getFileName() + "." + generation);
  }

  /** A line longer than the buffer goes straight to the file (the buffer was just flushed). */
  private void writeAlone(byte[] line, int length) {
    try {
      reopenIfMovedAway();
      file.write(line, 0, length);
      size += length;
      recovered();
    } catch (IOException e) {
      failed(e);
      drop(1);
    }
  }

  private void failed(IOException e) {
    if (!failing) {
      LOG.warn(
          "cannot write trace file {} ({}); dropping its trace events and retrying every {}",
          path,
          e.toString(),
          retryDelay);
    } else {
      LOG.debug("trace file {} still cannot be written", path, e);
    }
    failing = true;
    retryAt = clock.instant().plus(retryDelay);
    closeQuietly();
  }

  private void recovered() {
    if (failing) {
      LOG.info(
          "trace file {} is writable again; {} trace events were dropped meanwhile",
          path,
          droppedWhileFailing);
      failing = false;
      droppedWhileFailing = 0;
    }
  }

  private void drop(int lines) {
    if (lines > 0) {
      if (failing) {
        droppedWhileFailing += lines;
      }
      onDropped.accept(lines);
    }
  }

  private void closeQuietly() {
    if (file == null) {
      return;
    }
    try {
      file.close();
    } catch (IOException e) {
      LOG.debug("closing trace file {} failed", path, e);
    }
    file = null;
    fileKey = null;
  }
}
