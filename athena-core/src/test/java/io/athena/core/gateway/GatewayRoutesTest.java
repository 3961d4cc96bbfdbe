package io.athena.core.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.Athena;
import io.athena.core.clients.ClientRegistry;
import io.athena.core.config.GatewayConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.json.Json;
import io.athena.core.router.Access;
import io.athena.core.router.Route;
import io.athena.core.router.Router;
import io.athena.spi.CountMode;
import io.athena.spi.DeleteRequest;
import io.athena.spi.ErrorCode;
import io.athena.spi.FetchRequest;
import io.athena.spi.GatewayException;
import io.athena.spi.InsertRequest;
import io.athena.spi.OperationResult;
import io.athena.spi.QueryRequest;
import io.athena.spi.RawJson;
import io.athena.spi.TableRef;
import io.athena.spi.UpdateRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GatewayRoutesTest {
  private final FakeBackend backend = new FakeBackend();
  private final Router router = Athena.builder().backend(backend).build().router();

  private HttpResponse send(String method, String path, String body, String... headers) {
    Headers h = new Headers();
    for (int i = 0; i < headers.length; i += 2) {
      h.set(headers[i], headers[i + 1]);
    }
    byte[] bytes = body == null ? null : Bodies.json(body).getBytes(UTF_8);
    return router.handle(HttpRequest.of(method, path, h, bytes));
  }

  private HttpResponse call(String method, String path, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "X-Athena-Client";
    all[1] = FakeBackend.CLIENT;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send(method, path, body, all);
  }

  private static String text(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.writeBody(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(UTF_8);
  }

  private static JsonNode json(HttpResponse response) {
    try {
      return Json.mapper().readTree(text(response));
    } catch (JsonProcessingException e) {
      throw new AssertionError("the body is not JSON", e);
    }
  }

  private static void assertError(
      HttpResponse response, int status, ErrorCode code, String operation, String message) {
    assertThat(response.status()).as("status").isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.path("status").asText()).isEqualTo("error");
    assertThat(body.path("code").asText()).isEqualTo(code.code());
    assertThat(body.path("error").asText()).contains(message);
    assertThat(body.path("data").path("operation").asText()).isEqualTo(operation);
  }

  @Test
  void mountsSixGatewayRoutesOwnedByCore() {
    List<Route> routes =
        new GatewayRoutes(new ClientRegistry(List.of(backend)), GatewayConfig.defaults()).routes();
    assertThat(routes)
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "POST /gateway/fetch",
            "POST /gateway/data",
            "PUT /gateway/insert",
            "POST /gateway/update",
            "DELETE /gateway/delete",
            "POST /gateway/query");
    assertThat(routes).allSatisfy(r -> assertThat(r.access()).isEqualTo(Access.GATEWAY));
    assertThat(routes).allSatisfy(r -> assertThat(r.module()).isEqualTo("athena-core"));
  }

  @Nested
  class Fetch {
    private ScriptedRows users() {
      return ScriptedRows.of(
          List.of("id", "name", "meta", "price"),
          new Object[] {1, "Ann", new RawJson("{\"tags\":[1,2]}"), new BigDecimal("19.99")},
          new Object[] {2L, null, null, List.of("a", true)});
    }

    @Test
    void answersTheEnvelopeWithRowsKeyedByColumn() {
      backend.answering(users(), -1, null);
      HttpResponse response = call("POST", "/gateway/fetch", "{'table_name':'users'}");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.headers().first("Content-Type")).contains(HttpResponse.JSON);
      JsonNode body = json(response);
      assertThat(body.path("status").asText()).isEqualTo("success");
      assertThat(body.path("message").asText()).isEqualTo("Fetched 2 rows");
      JsonNode first = body.path("data").path(0);
      assertThat(first.path("id").asInt()).isEqualTo(1);
      assertThat(first.path("name").asText()).isEqualTo("Ann");
      assertThat(first.path("meta").path("tags").path(1).asInt()).isEqualTo(2);
      assertThat(first.path("price").isNumber()).isTrue();
      assertThat(first.path("price").decimalValue()).isEqualByComparingTo("19.99");
      JsonNode second = body.path("data").path(1);
      assertThat(second.has("name")).as("nulls are kept by default").isTrue();
      assertThat(second.path("price").toString()).isEqualTo("[\"a\",true]");
      assertThat(body.has("count")).isFalse();
      assertThat(body.has("post_processing")).isFalse();
    }

    @Test
    void writesStatusThenDataThenTheMessageAndExtras() {
      backend.answering(ScriptedRows.numbered(1), -1, 7L);
      String body = text(call("POST", "/gateway/fetch", "{'table_name':'t','count':'exact'}"));
      assertThat(body)
          .matches(
              "\\{\"status\":\"success\",\"data\":\\[\\{\"id\":1}],\"message\":\"Fetched 1 rows\","
                  + "\"cache_key\":\"[0-9a-f]{64}\",\"count\":7}");
    }

    @Test
    void passesTheParsedRequestToTheBackend() {
      call(
          "POST",
          "/gateway/fetch",
          "{'tableName':'app.users','columns':'id,name','where':{'id':{'gt':5}},"
              + "'sort_by':{'field':'id','direction':'desc'},'page_size':10,'current_page':2,"
              + "'count':'planned'}");
      FetchRequest request = backend.last(FetchRequest.class);
      assertThat(request.table()).isEqualTo(new TableRef("app", "users"));
      assertThat(request.columns()).containsExactly("id", "name");
      assertThat(request.conditions()).hasSize(1);
      assertThat(request.limit()).isEqualTo(10L);
      assertThat(request.offset()).isEqualTo(10L);
      assertThat(request.count()).isEqualTo(CountMode.PLANNED);
    }

    @Test
    void dataIsAnAliasOfFetch() {
      backend.answering(ScriptedRows.numbered(3), -1, null);
      JsonNode body = json(call("POST", "/gateway/data", "{'table_name':'t'}"));
      assertThat(body.path("message").asText()).isEqualTo("Fetched 3 rows");
      assertThat(backend.received).hasSize(1).first().isInstanceOf(FetchRequest.class);
    }

    @Test
    void countIsAnExtraWhenAskedEvenWhenTheBackendHasNone() {
      backend.answering(ScriptedRows.numbered(2), -1, 42L);
      assertThat(
              json(call("POST", "/gateway/fetch", "{'table_name':'t','count':true}"))
                  .path("count")
                  .asLong())
          .isEqualTo(42);
      backend.answering(ScriptedRows.numbered(2), -1, null);
      JsonNode body = json(call("POST", "/gateway/fetch", "{'table_name':'t','count':'exact'}"));
      assertThat(body.has("count")).isTrue();
      assertThat(body.path("count").isNull()).isTrue();
    }

    @Test
    void postProcessingIsAnExtraWithGroupsLabelsRowsAndAggregations() {
      ScriptedRows rows =
          ScriptedRows.of(
              List.of("at", "amount", "note"),
              new Object[] {"2024-03-02T10:00:00Z", 5, null},
              new Object[] {"2024-03-01T10:00:00Z", 2, "x"},
              new Object[] {"2024-03-02T11:00:00Z", 1, null});
      backend.answering(rows, -1, null);
      JsonNode body =
          json(
              call(
                  "POST",
                  "/gateway/fetch",
                  "{'table_name':'t','group_by':'at','time_granularity':'day',"
                      + "'aggregation_column':'amount','aggregation_strategy':'cumulative_sum'}",
                  "X-Strip-Nulls",
                  "true"));
      assertThat(body.path("message").asText()).isEqualTo("Fetched 3 rows");
      assertThat(body.path("data")).hasSize(3);
      JsonNode grouped = body.path("post_processing").path("grouped");
      assertThat(grouped).hasSize(2);
      assertThat(grouped.path(0).path("label").asText()).isEqualTo("2024-03-01T00:00:00Z");
      assertThat(grouped.path(0).path("aggregation").asInt()).isEqualTo(2);
      assertThat(grouped.path(1).path("label").asText()).isEqualTo("2024-03-02T00:00:00Z");
      assertThat(grouped.path(1).path("aggregation").asInt()).isEqualTo(8);
      assertThat(grouped.path(1).path("rows")).hasSize(2);
      assertThat(grouped.path(1).path("rows").path(0).has("note")).isFalse();
      assertThat(rows.closed()).isTrue();
    }

    @Test
    void postProcessingOnAMissingColumnIsAnErrorStatus() {
      ScriptedRows rows = ScriptedRows.numbered(2);
      backend.answering(rows, -1, null);
      assertError(
          call("POST", "/gateway/fetch", "{'table_name':'t','group_by':'nope'}"),
          400,
          ErrorCode.UNKNOWN_COLUMN,
          "fetch",
          "group_by column 'nope'");
      assertThat(rows.closed()).isTrue();
    }

    @Test
    @DisplayName("X-Strip-Nulls: true drops null fields; a body strip_nulls overrides the header")
    void stripsNulls() {
      String body = "{'table_name':'t'}";
      backend.answering(
          op -> result(ScriptedRows.of(List.of("id", "name"), new Object[] {1, null})));
      assertThat(
              json(call("POST", "/gateway/fetch", body, "X-Strip-Nulls", "true"))
                  .path("data")
                  .path(0)
                  .has("name"))
          .isFalse();
      assertThat(
              json(call("POST", "/gateway/fetch", body, "X-Strip-Nulls", "false"))
                  .path("data")
                  .path(0)
                  .has("name"))
          .isTrue();
      assertThat(
              json(call("POST", "/gateway/fetch", "{'table_name':'t','strip_nulls':true}"))
                  .path("data")
                  .path(0)
                  .has("name"))
          .isFalse();
      assertThat(
              json(call("POST", "/gateway/fetch", "{'table_name':'t','stripNulls':true}"))
                  .path("data")
                  .path(0)
                  .has("name"))
          .isFalse();
      assertThat(
              json(call(
                      "POST",
                      "/gateway/fetch",
                      "{'table_name':'t','strip_nulls':false}",
                      "X-Strip-Nulls",
                      "true"))
                  .path("data")
                  .path(0)
                  .has("name"))
          .isTrue();
    }

    @Test
    @DisplayName("rows stream: none is pulled before the body is written, all are after")
    void streamsRowsOnlyWhenTheBodyIsWritten() {
      ScriptedRows rows = ScriptedRows.numbered(10_000);
      backend.answering(rows, -1, null);
      HttpResponse response = call("POST", "/gateway/fetch", "{'table_name':'t'}");
      assertThat(rows.pulled).as("rows pulled before the body writer starts").isZero();
      assertThat(rows.closed()).isFalse();
      JsonNode body = json(response);
      assertThat(body.path("message").asText()).isEqualTo("Fetched 10000 rows");
      assertThat(body.path("data")).hasSize(10_000);
      assertThat(rows.pulled).isEqualTo(10_000);
      assertThat(rows.closeCalls).as("closed once").isEqualTo(1);
    }

    @Test
    void discardClosesTheRowsWithoutReadingThem() {
      ScriptedRows rows = ScriptedRows.numbered(5);
      backend.answering(rows, -1, null);
      HttpResponse response = call("POST", "/gateway/fetch", "{'table_name':'t'}");
      response.body().discard();
      response.body().discard();
      assertThat(rows.pulled).isZero();
      assertThat(rows.closeCalls).isEqualTo(1);
    }

    @Test
    void aFailureWhileRowsStreamCutsTheBodyShortAndClosesTheRows() {
      ScriptedRows rows = ScriptedRows.numbered(5).failingAfter(2);
      backend.answering(rows, -1, null);
      String body = text(call("POST", "/gateway/fetch", "{'table_name':'t'}"));
      assertThat(body).isEqualTo("{\"status\":\"success\",\"data\":[{\"id\":1},{\"id\":2}");
      assertThatThrownBy(() -> Json.mapper().readTree(body))
          .as("a cut-short body must not parse as a complete answer")
          .isInstanceOf(JsonProcessingException.class);
      assertThat(rows.closed()).isTrue();
    }

    @Test
    void aBackendErrorBeforeTheFirstRowIsAnErrorStatus() {
      backend.answering(
          op -> {
            throw new GatewayException(
                ErrorCode.UNKNOWN_TABLE, "table 'public.nope' does not exist");
          });
      assertError(
          call("POST", "/gateway/fetch", "{'table_name':'nope'}"),
          400,
          ErrorCode.UNKNOWN_TABLE,
          "fetch",
          "table 'public.nope' does not exist");
    }
  }

  @Nested
  class SharedChecks {
    @Test
    void aMissingClientHeaderIs400() {
      assertError(
          send("POST", "/gateway/fetch", "{'table_name':'t'}"),
          400,
          ErrorCode.MISSING_CLIENT_HEADER,
          "fetch",
          "X-Athena-Client header is required");
      assertError(
          send("PUT", "/gateway/insert", "{}", "X-Athena-Client", "  "),
          400,
          ErrorCode.MISSING_CLIENT_HEADER,
          "insert",
          "X-Athena-Client");
      assertThat(backend.received).isEmpty();
    }

    @Test
    void anUnknownClientIs404() {
      assertError(
          send("POST", "/gateway/query", "{'query':'select 1'}", "X-Athena-Client", "other"),
          404,
          ErrorCode.CLIENT_NOT_FOUND,
          "query",
          "Client 'other' is not configured");
    }

    @Test
    void malformedJsonIsTheInvalidJsonEnvelope() {
      assertError(
          call("POST", "/gateway/update", "{'table_name':"),
          400,
          ErrorCode.INVALID_JSON,
          "update",
          "Request body is not valid JSON");
      assertError(
          call("DELETE", "/gateway/delete", null), 400, ErrorCode.INVALID_JSON, "delete", "empty");
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() {
      assertError(
          call("POST", "/gateway/fetch", "[1]"),
          400,
          ErrorCode.INVALID_REQUEST,
          "fetch",
          "Request body must be a JSON object");
    }

    @Test
    void validationErrorsNameTheFieldAndTheOperation() {
      assertError(
          call("POST", "/gateway/fetch", "{'table_name':'t','limit':-1}"),
          400,
          ErrorCode.INVALID_REQUEST,
          "fetch",
          "limit must be a non-negative integer");
      assertError(
          call("POST", "/gateway/update", "{'table_name':'t','update_body':{'a':1}}"),
          400,
          ErrorCode.INVALID_REQUEST,
          "update",
          "update requires conditions");
      assertThat(backend.received).isEmpty();
    }
  }

  @Nested
  class Writes {
    @Test
    void insertingAnObjectAnswersWithTheInsertedRow() {
      ScriptedRows rows = ScriptedRows.of(List.of("id", "name"), new Object[] {7, "Ann"});
      backend.answering(rows, 1, null);
      JsonNode body =
          json(
              call(
                  "PUT", "/gateway/insert", "{'table_name':'users','insert_body':{'name':'Ann'}}"));
      assertThat(body.path("status").asText()).isEqualTo("success");
      assertThat(body.path("message").asText()).isEqualTo("Inserted 1 rows");
      assertThat(body.path("data").isObject()).isTrue();
      assertThat(body.path("data").path("id").asInt()).isEqualTo(7);
      assertThat(body.path("affected_rows").asLong()).isEqualTo(1);
      assertThat(backend.last(InsertRequest.class).rows()).containsExactly(Map.of("name", "Ann"));
      assertThat(rows.closed()).isTrue();
    }

    @Test
    void insertingAnArrayAnswersWithTheArrayOfRows() {
      backend.answering(ScriptedRows.numbered(2), -1, null);
      JsonNode body =
          json(
              call(
                  "PUT",
                  "/gateway/insert",
                  "{'table_name':'users','insert_body':[{'a':1},{'a':2}]}"));
      assertThat(body.path("data").isArray()).isTrue();
      assertThat(body.path("data")).hasSize(2);
      assertThat(body.path("message").asText()).isEqualTo("Inserted 2 rows");
      assertThat(body.path("affected_rows").asLong()).isEqualTo(2);
    }

    @Test
    void anInsertThatReturnsNoRowAnswersNull() {
      backend.answering(ScriptedRows.of(List.of("id")), 0, null);
      JsonNode body =
          json(call("PUT", "/gateway/insert", "{'table_name':'users','insert_body':{'a':1}}"));
      assertThat(body.has("data")).isTrue();
      assertThat(body.path("data").isNull()).isTrue();
      assertThat(body.path("message").asText()).isEqualTo("Inserted 0 rows");
    }

    @Test
    void aConstraintViolationPassesThroughWithItsStatusAndDetails() {
      backend.answering(
          op -> {
            throw new GatewayException(
                ErrorCode.UNIQUE_VIOLATION,
                "a row with this email already exists",
                null,
                null,
                Map.of("sqlstate", "23505"));
          });
      HttpResponse response =
          call("PUT", "/gateway/insert", "{'table_name':'users','insert_body':{'email':'a'}}");
      assertError(response, 409, ErrorCode.UNIQUE_VIOLATION, "insert", "already exists");
    }

    @Test
    void updateAnswersWithTheUpdatedRows() {
      backend.answering(ScriptedRows.numbered(2), 2, null);
      JsonNode body =
          json(
              call(
                  "POST",
                  "/gateway/update",
                  "{'table_name':'t','update_body':{'a':1},'where':{'b':2},'columns':'id'}"));
      assertThat(body.path("message").asText()).isEqualTo("Updated 2 rows");
      assertThat(body.path("affected_rows").asLong()).isEqualTo(2);
      assertThat(body.path("data")).hasSize(2);
      UpdateRequest request = backend.last(UpdateRequest.class);
      assertThat(request.values()).isEqualTo(Map.of("a", 1));
      assertThat(request.returning()).containsExactly("id");
    }

    @Test
    void deleteAnswersWithTheTableAndTheResourceIdAsSent() {
      ScriptedRows rows = ScriptedRows.numbered(1);
      backend.answering(rows, 3, null);
      HttpResponse response =
          call("DELETE", "/gateway/delete", "{'table_name':'users','resource_id':'42'}");
      assertThat(response.status()).isEqualTo(200);
      assertThat(rows.closed()).as("closed before the answer leaves").isTrue();
      assertThat(text(response))
          .isEqualTo(
              "{\"status\":\"success\",\"message\":\"Deleted 3 rows\","
                  + "\"data\":{\"table_name\":\"users\",\"resource_id\":\"42\"},\"affected_rows\":3}");
      assertThat(backend.last(DeleteRequest.class).resourceId()).isEqualTo("42");
    }

    @Test
    void deleteByConditionsLeavesResourceIdOutAndCountsReturnedRowsWhenUncounted() {
      backend.answering(ScriptedRows.numbered(4), -1, null);
      JsonNode body =
          json(call("DELETE", "/gateway/delete", "{'table_name':'users','where':{'a':1}}"));
      assertThat(body.path("data").has("resource_id")).isFalse();
      assertThat(body.path("message").asText()).isEqualTo("Deleted 4 rows");
      assertThat(body.path("affected_rows").asLong()).isEqualTo(4);
    }
  }

  @Nested
  class Query {
    @Test
    void answersRowsAndMeta() {
      ScriptedRows rows = ScriptedRows.numbered(2);
      backend.answering(op -> new OperationResult(rows, -1, null, 3));
      JsonNode body =
          json(
              call(
                  "POST",
                  "/gateway/query",
                  "{'query':'select id from t where a = $1','params':[1]}"));
      assertThat(body.path("status").asText()).isEqualTo("success");
      assertThat(body.path("message").asText()).isEqualTo("Query executed");
      assertThat(body.path("data")).hasSize(2);
      JsonNode meta = body.path("meta");
      assertThat(meta.path("returned_row_count").asLong()).isEqualTo(2);
      assertThat(meta.path("rows_affected").asLong()).isZero();
      assertThat(meta.path("statement_count").asInt()).isEqualTo(3);
      assertThat(meta.path("backend").asText()).isEqualTo("fake");
      QueryRequest request = backend.last(QueryRequest.class);
      assertThat(request.params()).containsExactly(1);
      assertThat(request.schema()).isEqualTo("public");
    }

    @Test
    void reportsRowsAffectedWhenTheBackendCountsThem() {
      backend.answering(op -> new OperationResult(ScriptedRows.numbered(0), 5, null, 1));
      JsonNode body = json(call("POST", "/gateway/query", "{'query':'update t set a = 1'}"));
      assertThat(body.path("meta").path("rows_affected").asLong()).isEqualTo(5);
      assertThat(body.path("data")).isEmpty();
    }
  }

  private static OperationResult result(ScriptedRows rows) {
    return new OperationResult(rows, -1, null, 1);
  }
}
