package io.athena.core.admission;

import io.athena.core.http.HttpResponse;
import io.athena.core.http.ResponseBody;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's admission: its decision and, when admitted, the slots it holds. Releasing is
 * idempotent, so every exit path may release without counting twice.
 */
public final class Admission {
  private final AdmissionDecision decision;
  private final Runnable releaser;
  private final AtomicBoolean released = new AtomicBoolean();

  Admission(AdmissionDecision decision, Runnable releaser) {
    this.decision = decision;
    this.releaser = releaser;
  }

  public AdmissionDecision decision() {
    return decision;
  }

  /** Gives the slots back; safe to call more than once. */
  public void release() {
    if (released.compareAndSet(false, true)) {
      releaser.run();
    }
  }

  /**
   * {@code response} with a body that releases the slots once written or discarded: a streamed read
   * still holds its database connection while rows go out, so it still counts as running.
   */
  public HttpResponse holdUntilWritten(HttpResponse response) {
    ResponseBody body = response.body();
    ResponseBody releasing =
        new ResponseBody() {
          @Override
          public void writeTo(OutputStream out) throws IOException {
            try {
              body.writeTo(out);
            } finally {
              release();
            }
          }

          @Override
          public void discard() {
            try {
              body.discard();
            } finally {
              release();
            }
          }
        };
    return new HttpResponse(response.status(), response.headers(), releasing);
  }
}
