package io.athena.core.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a response body. Called by the hosting adapter after status and headers are sent, so a
 * large result can stream straight from the database to the socket.
 */
@FunctionalInterface
public interface ResponseBody {
  void writeTo(OutputStream out) throws IOException;

  /** Frees what the body holds when it is never written (the client went away, say). */
  default void discard() {}
}
