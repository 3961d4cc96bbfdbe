package io.athena.core.gateway;

import static io.athena.core.gateway.Bodies.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.gateway.DeleteParser.DeleteCall;
import io.athena.core.gateway.InsertParser.InsertCall;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.Condition.Not;
import io.athena.spi.ErrorCode;
import io.athena.spi.InsertRequest;
import io.athena.spi.Operator;
import io.athena.spi.QueryRequest;
import io.athena.spi.TableRef;
import io.athena.spi.UpdateRequest;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WriteParsersTest {

  @Nested
  class Insert {
    private InsertCall parse(String body) {
      return InsertParser.parse(Bodies.of(body), "public");
    }

    @Test
    void anObjectIsOneRowAndAnswersWithOneRow() {
      InsertCall call = parse("{'table_name':'users','insert_body':{'name':'Ann','age':30}}");
      assertThat(call.single()).isTrue();
      assertThat(call.request().table()).isEqualTo(new TableRef("public", "users"));
      assertThat(call.request().rows()).containsExactly(Map.of("name", "Ann", "age", 30));
      assertThat(call.request().onConflict()).isEmpty();
      assertThat(call.request().updateBody()).isNull();
      assertThat(call.request().returning()).isEmpty();
    }

    @Test
    void anArrayIsSeveralRowsInOrderWithTheirKeyOrderAndNulls() {
      InsertCall call =
          parse("{'tableName':'app.users','insertBody':[{'b':1,'a':null},{'name':'Bo','p':2.50}]}");
      assertThat(call.single()).isFalse();
      assertThat(call.request().table()).isEqualTo(new TableRef("app", "users"));
      Map<String, Object> first = new HashMap<>();
      first.put("b", 1);
      first.put("a", null);
      assertThat(call.request().rows())
          .containsExactly(first, Map.of("name", "Bo", "p", new BigDecimal("2.5")));
      assertThat(call.request().rows().get(0).keySet()).containsExactly("b", "a");
    }

    static Stream<Arguments> upserts() {
      return Stream.of(
          Arguments.of("'on_conflict':'email'", List.of("email")),
          Arguments.of("'onConflict':'org_id, email'", List.of("org_id", "email")),
          Arguments.of("'on_conflict':['org_id','email']", List.of("org_id", "email")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("upserts")
    void readsTheConflictTarget(String onConflict, List<String> expected) {
      InsertRequest request =
          parse("{'table_name':'u','insert_body':{'email':'a'}," + onConflict + "}").request();
      assertThat(request.onConflict()).isEqualTo(expected);
    }

    @Test
    void readsTheUpdateBodyAndTheReturningColumns() {
      InsertRequest request =
          parse(
                  "{'table_name':'u','insert_body':{'email':'a'},'on_conflict':'email',"
                      + "'updateBody':{'seen':true},'columns':'id,email'}")
              .request();
      assertThat(request.updateBody()).isEqualTo(Map.of("seen", true));
      assertThat(request.returning()).containsExactly("id", "email");
    }

    static Stream<Arguments> rejected() {
      return Stream.of(
          Arguments.of("{'insert_body':{}}", "table_name is required"),
          Arguments.of(
              "{'table_name':'u'}", "insert_body is required (an object or an array of objects)"),
          Arguments.of(
              "{'table_name':'u','insert_body':[]}", "insert_body must not be an empty array"),
          Arguments.of(
              "{'table_name':'u','insert_body':'a=1'}",
              "insert_body must be an object or an array of objects"),
          Arguments.of(
              "{'table_name':'u','insert_body':[{'a':1},2]}", "insert_body[1] must be an object"),
          Arguments.of(
              "{'table_name':'u','insert_body':{'a':1},'update_body':{'a':2}}",
              "update_body needs on_conflict (the conflict target columns)"),
          Arguments.of(
              "{'table_name':'u','insert_body':{'a':1},'on_conflict':'a','update_body':[1]}",
              "update_body must be an object"),
          Arguments.of(
              "{'table_name':'u','insert_body':{'a':1},'on_conflict':{'a':1}}",
              "on_conflict must be an array of names or a comma string"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rejected")
    void refuses(String body, String message) {
      assertRejected(() -> parse(body), ErrorCode.INVALID_REQUEST, message);
    }
  }

  @Nested
  class Update {
    private UpdateRequest parse(String body) {
      return UpdateParser.parse(Bodies.of(body), "public");
    }

    static Stream<Arguments> valueSpellings() {
      return Stream.of("update_body", "updateBody", "data", "set").map(Arguments::of);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valueSpellings")
    void readsTheNewValuesUnderEverySpelling(String field) {
      UpdateRequest request =
          parse("{'table_name':'t','" + field + "':{'a':1,'b':null},'where':{'id':5}}");
      Map<String, Object> values = new HashMap<>();
      values.put("a", 1);
      values.put("b", null);
      assertThat(request.values()).isEqualTo(values);
      assertThat(request.conditions()).containsExactly(new Comparison("id", Operator.EQ, 5));
    }

    @Test
    void acceptsEveryConditionFormAndTheReturningColumns() {
      UpdateRequest request =
          parse(
              "{'table_name':'t','schema_name':'s','update_body':{'a':1},"
                  + "'conditions':[{'eq_column':'id','eq_value':5}],'not':'archived_at.is.null',"
                  + "'columns':['id']}");
      assertThat(request.table()).isEqualTo(new TableRef("s", "t"));
      assertThat(request.conditions())
          .containsExactly(
              new Comparison("id", Operator.EQ, 5),
              new Not(new Comparison("archived_at", Operator.IS, null)));
      assertThat(request.returning()).containsExactly("id");
    }

    static Stream<Arguments> rejected() {
      return Stream.of(
          Arguments.of(
              "{'update_body':{'a':1},'where':{'id':1}}", "table_name (or view_name) is required"),
          Arguments.of(
              "{'table_name':'t','where':{'id':1}}",
              "update_body is required and must be a non-empty object"),
          Arguments.of(
              "{'table_name':'t','update_body':{},'where':{'id':1}}",
              "update_body is required and must be a non-empty object"),
          Arguments.of(
              "{'table_name':'t','update_body':[1],'where':{'id':1}}",
              "update_body is required and must be a non-empty object"),
          Arguments.of("{'table_name':'t','update_body':{'a':1}}", "update requires conditions"),
          Arguments.of(
              "{'table_name':'t','update_body':{'a':1},'conditions':[]}",
              "update requires conditions"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rejected")
    void refuses(String body, String message) {
      assertRejected(() -> parse(body), ErrorCode.INVALID_REQUEST, message);
    }
  }

  @Nested
  class Delete {
    private DeleteCall parse(String body) {
      return DeleteParser.parse(Bodies.of(body), "public");
    }

    @Test
    void readsTheResourceId() {
      DeleteCall call = parse("{'table_name':'users','resource_id':'42'}");
      assertThat(call.request().resourceId()).isEqualTo("42");
      assertThat(call.request().conditions()).isEmpty();
      assertThat(call.tableName()).isEqualTo("users");
      assertThat(call.resourceId()).isEqualTo("42");
    }

    @Test
    void readsCamelCaseAndNumericIds() {
      DeleteCall call = parse("{'tableName':'users','resourceId':42}");
      assertThat(call.request().resourceId()).isEqualTo(42);
    }

    @Test
    void readsConditionsWithoutAResourceId() {
      DeleteCall call =
          parse(
              "{'table_name':'app.users','conditions':[{'column':'a','operator':'lt','value':3}]}");
      assertThat(call.request().table()).isEqualTo(new TableRef("app", "users"));
      assertThat(call.request().resourceId()).isNull();
      assertThat(call.request().conditions()).containsExactly(new Comparison("a", Operator.LT, 3));
      assertThat(call.tableName()).isEqualTo("app.users");
    }

    static Stream<Arguments> rejected() {
      return Stream.of(
          Arguments.of("{'resource_id':1}", "table_name is required"),
          Arguments.of("{'table_name':'t'}", "delete requires resource_id or conditions"),
          Arguments.of(
              "{'table_name':'t','resource_id':' '}", "delete requires resource_id or conditions"),
          Arguments.of(
              "{'table_name':'t','resource_id':{'id':1}}",
              "resource_id must be a string or a number"),
          Arguments.of(
              "{'table_name':'t','resource_id':true}", "resource_id must be a string or a number"),
          // fetch-only fields are ignored by a delete, but an ill-typed one is still refused
          Arguments.of("{'table_name':'t','resource_id':1,'columns':5}", "columns must be"),
          Arguments.of("{'table_name':'t','resource_id':1,'limit':'10; DROP'}", "limit"),
          Arguments.of("{'table_name':'t','resource_id':1,'count':'everything'}", "count must be"),
          Arguments.of(
              "{'table_name':'t','resource_id':1,'conditions':{'column':'id'}}",
              "conditions must be an array of objects"));
    }

    @Test
    void wellTypedFetchOnlyFieldsAndUnknownKeysAreAccepted() {
      DeleteCall call =
          parse(
              "{'table_name':'t','resource_id':1,'columns':['id'],'sort_by':'id','limit':5,"
                  + "'count':false,'sdk_extra':{'any':'thing'}}");
      assertThat(call.request().resourceId()).isEqualTo(1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rejected")
    void refuses(String body, String message) {
      assertRejected(() -> parse(body), ErrorCode.INVALID_REQUEST, message);
    }
  }

  @Nested
  class Query {
    private QueryRequest parse(String body) {
      return QueryParser.parse(Bodies.of(body), "public");
    }

    @Test
    void readsSqlParamsAndSchema() {
      QueryRequest request =
          parse(
              "{'query':'select * from t where a = $1 and b = $2','params':[1,null],'schemaName':'app'}");
      assertThat(request.sql()).isEqualTo("select * from t where a = $1 and b = $2");
      assertThat(request.params()).isEqualTo(Arrays.asList(1, null));
      assertThat(request.schema()).isEqualTo("app");
    }

    @Test
    void defaultsToTheConfiguredSchemaAndNoParams() {
      QueryRequest request = parse("{'query':'select 1'}");
      assertThat(request.schema()).isEqualTo("public");
      assertThat(request.params()).isEmpty();
    }

    static Stream<Arguments> rejected() {
      return Stream.of(
          Arguments.of("{}", "query is required"),
          Arguments.of("{'query':'   '}", "query is required"),
          Arguments.of("{'query':5}", "query must be a string"),
          Arguments.of("{'query':'select 1','params':{'a':1}}", "params must be an array"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rejected")
    void refuses(String body, String message) {
      assertRejected(() -> parse(body), ErrorCode.INVALID_REQUEST, message);
    }
  }
}
