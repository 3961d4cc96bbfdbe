package io.athena.core.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import io.athena.core.gateway.FetchParser.FetchCall;
import io.athena.core.gateway.GroupAggregator.Group;
import io.athena.core.http.HttpResponse;
import io.athena.spi.OperationResult;
import io.athena.spi.RowStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers {@code /gateway/fetch}: {@code {"status":"success","data":[rows],"message":"Fetched N
 * rows","count":?,"post_processing":?}}. Rows stream; only post-processing, which needs every row
 * at once, reads them into memory first.
 */
final class FetchHandler {
  private final String defaultSchema;

  FetchHandler(String defaultSchema) {
    this.defaultSchema = defaultSchema;
  }

  HttpResponse handle(GatewayCall call, Fields body) {
    FetchCall fetch = FetchParser.parse(body, defaultSchema, call.limits());
    OperationResult result = call.execute(fetch.request());
    boolean countAsked = fetch.request().count() != null;
    if (fetch.postProcessing() == null) {
      return StreamingEnvelope.rows(
          result, call, (out, rows) -> trailer(out, rows, countAsked, result.totalCount()));
    }
    List<String> columns;
    List<Object[]> rows = new ArrayList<>();
    try (result) {
      columns = result.rows().columns();
      readAll(result.rows(), columns.size(), rows);
    }
    List<Group> groups = GroupAggregator.group(fetch.postProcessing(), columns, rows);
    OperationResult buffered =
        new OperationResult(
            RowStream.of(columns, rows),
            result.affectedRows(),
            result.totalCount(),
            result.statementCount());
    RowWriter rowWriter = call.rowWriter();
    return StreamingEnvelope.rows(
        buffered,
        call,
        (out, written) -> {
          trailer(out, written, countAsked, result.totalCount());
          writeGroups(out, columns, groups, rowWriter);
        });
  }

  private static void readAll(RowStream stream, int width, List<Object[]> rows) {
    while (stream.next()) {
      Object[] row = new Object[width];
      for (int i = 0; i < width; i++) {
        row[i] = stream.value(i);
      }
      rows.add(row);
    }
  }

  private static void trailer(JsonGenerator out, long rows, boolean countAsked, Long total)
      throws IOException {
    out.writeStringField("message", "Fetched " + rows + " rows");
    if (countAsked) {
      out.writeFieldName("count");
      RowWriter.writeValue(out, total);
    }
  }

  /** {@code post_processing: {grouped: [{label, rows, aggregation}]}}. */
  private static void writeGroups(
      JsonGenerator out, List<String> columns, List<Group> groups, RowWriter rowWriter)
      throws IOException {
    out.writeObjectFieldStart("post_processing");
    out.writeArrayFieldStart("grouped");
    for (Group group : groups) {
      out.writeStartObject();
      out.writeFieldName("label");
      RowWriter.writeValue(out, group.label());
      out.writeArrayFieldStart("rows");
      for (Object[] row : group.rows()) {
        rowWriter.writeRow(out, columns, i -> row[i]);
      }
      out.writeEndArray();
      out.writeFieldName("aggregation");
      RowWriter.writeValue(out, group.aggregation());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
  }
}
