package io.athena.servlet;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages as Athena's JSON envelope, so that what Jetty refuses itself (an ambiguous
 * encoded path, an unmapped context) answers like everything Athena refuses.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonErrorPages.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(JsonErrorPages.envelope(code, message)), callback);
  }
}
