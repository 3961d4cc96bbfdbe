package io.athena.core.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;
import io.athena.spi.telemetry.TraceEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Encodes trace events as UTF-8 JSON lines into one reused buffer, through one long-lived
 * generator: the file writer thread encodes every event with no per-event generator or buffer. Not
 * thread-safe; one per writer thread.
 */
final class LineEncoder {
  /** A buffer grown past this by one huge event is let go afterwards, not kept for good. */
  static final int RETAINED_BYTES = 64 * 1024;

  private ExposedBuffer bytes = new ExposedBuffer();
  private JsonGenerator generator;

  /**
   * Encodes {@code event} followed by a line break; the line is {@link #bytes()} up to {@link
   * #length()} until the next call.
   *
   * @throws IOException or a runtime exception when the event cannot be written (a broken {@code
   *     fields()}); the encoder stays usable
   */
  void encode(TraceEvent event) throws IOException {
    if (bytes.capacity() > RETAINED_BYTES) {
      bytes = new ExposedBuffer();
      generator = null;
    }
    bytes.reset();
    JsonGenerator out = generator();
    try {
      TraceJson.write(event, out);
      out.flush();
    } catch (IOException | RuntimeException e) {
      generator = null; // left inside an unfinished object: start over with a fresh one
      bytes.reset();
      throw e;
    }
    bytes.write('\n');
  }

  byte[] bytes() {
    return bytes.array();
  }

  int length() {
    return bytes.size();
  }

  private JsonGenerator generator() throws IOException {
    if (generator == null) {
      generator = TraceJson.factory().createGenerator(bytes);
      // each event is a new root value: no separator before it, the line break is ours
      generator.setRootValueSeparator(null);
    }
    return generator;
  }

  /** A byte buffer whose array can be read without a copy. */
  private static final class ExposedBuffer extends ByteArrayOutputStream {
    ExposedBuffer() {
      super(1024);
    }

    byte[] array() {
      return buf;
    }

    int capacity() {
      return buf.length;
    }
  }
}
