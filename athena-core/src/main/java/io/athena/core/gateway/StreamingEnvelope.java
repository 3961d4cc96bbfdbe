package io.athena.core.gateway;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.athena.core.http.HttpResponse;
import io.athena.core.http.ResponseBody;
import io.athena.core.json.Envelope;
import io.athena.core.json.Json;
import io.athena.spi.OperationResult;
import io.athena.spi.RowStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A success envelope whose {@code data} streams from a {@link RowStream} to the socket, one row at
 * a time, so a 10 000-row result never sits in memory as 10 000 maps.
 *
 * <p>Wire order: {@code status}, then {@code data}, then {@code message} and the extras. The Rust
 * server writes {@code message} before {@code data}, but the message holds the row count, known
 * only once the rows are written; JSON key order means nothing to clients, so we stream rather than
 * buffer.
 *
 * <p>The backend already ran the statement when this body is built, so failures before the first
 * row became an error status. A failure while rows stream, after the headers left, is logged at
 * WARN and the body ends where it is: unclosed, so that no client mistakes a cut-short answer for a
 * complete one. The result is closed when the body is written or discarded, whichever comes first,
 * and only once.
 */
final class StreamingEnvelope implements ResponseBody {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingEnvelope.class);

  /** Writes what follows {@code data}: the message and the extras. */
  @FunctionalInterface
  interface Trailer {
    void write(JsonGenerator out, long rowsWritten) throws IOException;
  }

  private final OperationResult result;
  private final boolean singleRow;
  private final RowWriter rowWriter;
  private final Trailer trailer;
  private final GatewayCall call;
  private final AtomicBoolean closed = new AtomicBoolean();

  private StreamingEnvelope(
      OperationResult result,
      boolean singleRow,
      RowWriter rowWriter,
      Trailer trailer,
      GatewayCall call) {
    this.result = result;
    this.singleRow = singleRow;
    this.rowWriter = rowWriter;
    this.trailer = trailer;
    this.call = call;
  }

  /** A 200 answer whose {@code data} is the array of rows. */
  static HttpResponse rows(OperationResult result, GatewayCall call, Trailer trailer) {
    return response(new StreamingEnvelope(result, false, call.rowWriter(), trailer, call));
  }

  /** A 200 answer whose {@code data} is the first row, or null when there is none. */
  static HttpResponse firstRow(OperationResult result, GatewayCall call, Trailer trailer) {
    return response(new StreamingEnvelope(result, true, call.rowWriter(), trailer, call));
  }

  private static HttpResponse response(StreamingEnvelope body) {
    return new HttpResponse(200, Envelope.jsonHeaders(), body);
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    try {
      JsonGenerator json = Json.mapper().createGenerator(out, JsonEncoding.UTF8);
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
      // Closing the generator must not flush the container's stream: left unflushed, a small
      // body stays in the container's buffer and goes out with the response's end, in one write
      // and with a Content-Length, instead of a chunk now and the terminating chunk later.
      json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
      json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
      json.writeStartObject();
      json.writeStringField("status", "success");
      json.writeFieldName("data");
      long written;
      try {
        written = singleRow ? writeFirstRow(json) : writeAllRows(json);
      } catch (RuntimeException e) {
        call.trace().streamFailed();
        LOG.warn(
            "{} {} for client '{}' failed while its rows streamed; the response is cut short",
            call.operation(),
            call.requestId(),
            call.client(),
            e);
        json.close();
        return;
      }
      call.trace().rowsReturned(written);
      trailer.write(json, written);
      json.writeEndObject();
      json.close();
    } finally {
      discard();
    }
  }

  private long writeAllRows(JsonGenerator json) throws IOException {
    RowStream rows = result.rows();
    IntFunction<Object> values = rows::value;
    List<String> columns = null;
    long written = 0;
    json.writeStartArray();
    while (rows.next()) {
      if (columns == null) {
        columns = rows.columns();
      }
      rowWriter.writeRow(json, columns, values);
      written++;
    }
    json.writeEndArray();
    return written;
  }

  private long writeFirstRow(JsonGenerator json) throws IOException {
    RowStream rows = result.rows();
    if (!rows.next()) {
      json.writeNull();
      return 0;
    }
    rowWriter.writeRow(json, rows.columns(), rows::value);
    return 1;
  }

  /** Closes the result; safe to call more than once. */
  @Override
  public void discard() {
    if (closed.compareAndSet(false, true)) {
      try {
        result.close();
      } catch (RuntimeException e) {
        LOG.warn("{} {}: closing the result failed", call.operation(), call.requestId(), e);
      }
    }
  }
}
