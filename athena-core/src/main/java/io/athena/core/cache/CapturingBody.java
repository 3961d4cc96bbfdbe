package io.athena.core.cache;

import io.athena.core.http.ResponseBody;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Streams a body to the client while keeping a copy, up to {@code limit} bytes; past that the copy
 * is dropped and the body just streams. {@code onComplete} gets the copy after a write that
 * returned normally.
 */
final class CapturingBody implements ResponseBody {
  private final ResponseBody body;
  private final long limit;
  private final Consumer<byte[]> onComplete;

  CapturingBody(ResponseBody body, long limit, Consumer<byte[]> onComplete) {
    this.body = body;
    this.limit = limit;
    this.onComplete = onComplete;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    Tee tee = new Tee(out);
    body.writeTo(tee);
    if (tee.copy != null) {
      onComplete.accept(tee.copy.toByteArray());
    }
  }

  @Override
  public void discard() {
    body.discard();
  }

  /** Writes through to the client, copying while the copy fits. */
  private final class Tee extends FilterOutputStream {
    private ByteArrayOutputStream copy = new ByteArrayOutputStream();

    Tee(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      if (fits(1)) {
        copy.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      if (fits(len)) {
        copy.write(b, off, len);
      }
    }

    private boolean fits(int more) {
      if (copy != null && copy.size() + (long) more > limit) {
        copy = null;
      }
      return copy != null;
    }
  }
}
