package io.athena.core.gateway;

import static io.athena.core.gateway.Bodies.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.gateway.FetchParser.FetchCall;
import io.athena.core.gateway.PostProcessing.Granularity;
import io.athena.core.gateway.PostProcessing.Strategy;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.CountMode;
import io.athena.spi.ErrorCode;
import io.athena.spi.FetchRequest;
import io.athena.spi.Operator;
import io.athena.spi.SortKey;
import io.athena.spi.TableRef;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FetchParserTest {

  private static FetchCall call(String body) {
    return FetchParser.parse(Bodies.of(body), "public");
  }

  private static FetchRequest fetch(String body) {
    return call(body).request();
  }

  static Stream<Arguments> tables() {
    return Stream.of(
        Arguments.of("{'table_name':'users'}", new TableRef("public", "users")),
        Arguments.of("{'tableName':'users'}", new TableRef("public", "users")),
        Arguments.of("{'view_name':'active_users'}", new TableRef("public", "active_users")),
        Arguments.of("{'viewName':'active_users'}", new TableRef("public", "active_users")),
        Arguments.of("{'table_name':'users','view_name':'v'}", new TableRef("public", "users")),
        Arguments.of("{'table_name':'users','schema_name':'app'}", new TableRef("app", "users")),
        Arguments.of("{'table_name':'users','schemaName':'app'}", new TableRef("app", "users")),
        Arguments.of("{'table_name':'app.users'}", new TableRef("app", "users")),
        Arguments.of(
            "{'table_name':'app.users','schema_name':'app'}", new TableRef("app", "users")),
        Arguments.of("{'table_name':'app.odd.name'}", new TableRef("app", "odd.name")),
        Arguments.of("{'table_name':' users '}", new TableRef("public", "users")),
        Arguments.of("{'table_name':'','view_name':'v'}", new TableRef("public", "v")),
        Arguments.of("{'table_name':null,'tableName':'users'}", new TableRef("public", "users")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("tables")
  void readsTheTarget(String body, TableRef expected) {
    assertThat(fetch(body).table()).isEqualTo(expected);
  }

  @Test
  void usesTheConfiguredDefaultSchema() {
    assertThat(FetchParser.parse(Bodies.of("{'table_name':'t'}"), "app").request().table())
        .isEqualTo(new TableRef("app", "t"));
  }

  static Stream<Arguments> columns() {
    return Stream.of(
        Arguments.of("{'table_name':'t'}", List.of()),
        Arguments.of("{'table_name':'t','columns':['id','name']}", List.of("id", "name")),
        Arguments.of("{'table_name':'t','columns':'id, name,,'}", List.of("id", "name")),
        Arguments.of("{'table_name':'t','columns':'*'}", List.of()),
        Arguments.of("{'table_name':'t','columns':['*']}", List.of()),
        Arguments.of("{'table_name':'t','columns':'id,*'}", List.of()),
        Arguments.of("{'table_name':'t','select':'id,name'}", List.of("id", "name")),
        Arguments.of(
            "{'table_name':'t','select':{'id':true,'name':true,'secret':false}}",
            List.of("id", "name")),
        Arguments.of("{'table_name':'t','columns':['id'],'select':'name'}", List.of("id")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("columns")
  void readsTheProjection(String body, List<String> expected) {
    assertThat(fetch(body).columns()).isEqualTo(expected);
  }

  static Stream<Arguments> sorts() {
    return Stream.of(
        Arguments.of("{'sort_by':{'field':'created_at','direction':'desc'}}", keys("created_at-")),
        Arguments.of(
            "{'sortBy':{'column':'created_at','direction':'DESCENDING'}}", keys("created_at-")),
        Arguments.of("{'sort_by':{'field':'name','direction':'ascending'}}", keys("name")),
        Arguments.of("{'sort_by':{'field':'name','direction':'ASC'}}", keys("name")),
        Arguments.of("{'sort_by':{'field':'name'}}", keys("name")),
        Arguments.of("{'sort_by':{'field':'name','ascending':false}}", keys("name-")),
        Arguments.of("{'sort_by':'name.desc'}", keys("name-")),
        Arguments.of(
            "{'order_by':[{'field':'a','direction':'desc'},{'column':'b'}]}", keys("a-", "b")),
        Arguments.of("{'orderBy':'a.desc, b ,c.asc'}", keys("a-", "b", "c")),
        Arguments.of("{'orderBy':{'a':'desc','b':'asc'}}", keys("a-", "b")),
        Arguments.of("{'order_by':['a.desc',{'b':'descending'}]}", keys("a-", "b-")),
        Arguments.of("{'sort_by':{'field':'a'},'order_by':'b.desc'}", keys("a", "b-")),
        Arguments.of("{}", keys()));
  }

  /** "col" ascending, "col-" descending. */
  private static List<SortKey> keys(String... specs) {
    return Arrays.stream(specs).map(s -> new SortKey(s.replace("-", ""), s.endsWith("-"))).toList();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("sorts")
  void readsTheSort(String sort, List<SortKey> expected) {
    assertThat(fetch(withTable(sort)).orderBy()).isEqualTo(expected);
  }

  static Stream<Arguments> paging() {
    return Stream.of(
        Arguments.of("{}", null, null),
        Arguments.of("{'limit':10}", 10L, null),
        Arguments.of("{'limit':10,'offset':20}", 10L, 20L),
        Arguments.of("{'limit':'10','offset':'0'}", 10L, 0L),
        Arguments.of("{'limit':10.0}", 10L, null),
        Arguments.of("{'limit':0}", 0L, null),
        Arguments.of("{'current_page':1,'page_size':25}", 25L, 0L),
        Arguments.of("{'current_page':3,'page_size':25}", 25L, 50L),
        Arguments.of("{'currentPage':3,'pageSize':25}", 25L, 50L),
        Arguments.of("{'page_size':25}", 25L, 0L),
        Arguments.of("{'current_page':2,'page_size':10,'limit':99,'offset':1}", 10L, 10L),
        Arguments.of("{'limit':10,'head':true}", 0L, null),
        Arguments.of("{'limit':9223372036854775807}", Long.MAX_VALUE, null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("paging")
  void readsPaging(String paging, Long limit, Long offset) {
    FetchRequest request = fetch(withTable(paging));
    assertThat(request.limit()).as("limit").isEqualTo(limit);
    assertThat(request.offset()).as("offset").isEqualTo(offset);
  }

  static Stream<Arguments> counts() {
    return Stream.of(
        Arguments.of("{}", null),
        Arguments.of("{'count':'exact'}", CountMode.EXACT),
        Arguments.of("{'count':'planned'}", CountMode.PLANNED),
        Arguments.of("{'count':'ESTIMATED'}", CountMode.ESTIMATED),
        Arguments.of("{'count':true}", CountMode.EXACT),
        Arguments.of("{'count':false}", null),
        Arguments.of("{'count':null}", null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("counts")
  void readsTheCount(String count, CountMode expected) {
    assertThat(fetch(withTable(count)).count()).isEqualTo(expected);
  }

  @Test
  void readsConditionsOfEveryForm() {
    FetchRequest request =
        fetch("{'table_name':'t','conditions':[{'eq_column':'id','eq_value':7}],'where':{'a':1}}");
    assertThat(request.conditions())
        .containsExactly(new Comparison("id", Operator.EQ, 7), new Comparison("a", Operator.EQ, 1));
  }

  static Stream<Arguments> postProcessing() {
    return Stream.of(
        Arguments.of("{}", null),
        Arguments.of(
            "{'group_by':'status'}", new PostProcessing("status", null, null, null, false)),
        Arguments.of(
            "{'group_by':'created_at','time_granularity':'day','aggregation_column':'amount',"
                + "'aggregation_strategy':'cumulative_sum','aggregation_dedup':true}",
            new PostProcessing(
                "created_at", Granularity.DAY, "amount", Strategy.CUMULATIVE_SUM, true)),
        Arguments.of(
            "{'groupBy':'created_at','timeGranularity':'HOUR','aggregationColumn':'amount',"
                + "'aggregationStrategy':'avg','aggregationDedup':false}",
            new PostProcessing("created_at", Granularity.HOUR, "amount", Strategy.AVG, false)),
        Arguments.of(
            "{'group_by':'s','aggregation_strategy':'count'}",
            new PostProcessing("s", null, null, Strategy.COUNT, false)),
        Arguments.of(
            "{'group_by':'s','time_granularity':'minute','aggregation_column':'v',"
                + "'aggregation_strategy':'max'}",
            new PostProcessing("s", Granularity.MINUTE, "v", Strategy.MAX, false)));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("postProcessing")
  void readsPostProcessing(String body, PostProcessing expected) {
    assertThat(call(withTable(body)).postProcessing()).isEqualTo(expected);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("{}", ErrorCode.INVALID_REQUEST, "table_name (or view_name) is required"),
        Arguments.of(
            "{'table_name':'  '}",
            ErrorCode.INVALID_REQUEST,
            "table_name (or view_name) is required"),
        Arguments.of("{'table_name':5}", ErrorCode.INVALID_REQUEST, "table_name must be a string"),
        Arguments.of(
            "{'table_name':'.users'}",
            ErrorCode.INVALID_IDENTIFIER,
            "table_name '.users' is not a valid name; use table or schema.table"),
        Arguments.of("{'table_name':'app.'}", ErrorCode.INVALID_IDENTIFIER, "is not a valid name"),
        Arguments.of(
            "{'table_name':'app.users','schema_name':'other'}",
            ErrorCode.INVALID_REQUEST,
            "table_name 'app.users' names schema 'app' but schema_name is 'other'"),
        Arguments.of(
            "{'table_name':'t','columns':[1]}",
            ErrorCode.INVALID_REQUEST,
            "columns[0] must be a string"),
        Arguments.of(
            "{'table_name':'t','columns':5}",
            ErrorCode.INVALID_REQUEST,
            "columns must be an array of names or a comma string"),
        Arguments.of(
            "{'table_name':'t','sort_by':{'field':'a','direction':'up'}}",
            ErrorCode.INVALID_REQUEST,
            "sort_by.direction must be one of asc, desc, ascending, descending, not 'up'"),
        Arguments.of(
            "{'table_name':'t','sort_by':{}}",
            ErrorCode.INVALID_REQUEST,
            "sort_by.field is required"),
        Arguments.of(
            "{'table_name':'t','sort_by':{'field':''}}",
            ErrorCode.INVALID_REQUEST,
            "sort_by.field must name a column"),
        Arguments.of(
            "{'table_name':'t','order_by':'a.b.c'}",
            ErrorCode.INVALID_REQUEST,
            "order_by item 'a.b.c' must be column or column.direction"),
        Arguments.of(
            "{'table_name':'t','order_by':'a.nullsfirst'}",
            ErrorCode.INVALID_REQUEST,
            "order_by must be one of asc, desc, ascending, descending, not 'nullsfirst'"),
        Arguments.of(
            "{'table_name':'t','order_by':5}",
            ErrorCode.INVALID_REQUEST,
            "order_by must be an object, an array or a string"),
        Arguments.of(
            "{'table_name':'t','order_by':[5]}",
            ErrorCode.INVALID_REQUEST,
            "order_by[0] must be an object or a string"),
        Arguments.of(
            "{'table_name':'t','limit':-1}",
            ErrorCode.INVALID_REQUEST,
            "limit must be a non-negative integer"),
        Arguments.of(
            "{'table_name':'t','limit':1.5}",
            ErrorCode.INVALID_REQUEST,
            "limit must be a non-negative integer"),
        Arguments.of(
            "{'table_name':'t','limit':'ten'}",
            ErrorCode.INVALID_REQUEST,
            "limit must be a non-negative integer"),
        Arguments.of(
            "{'table_name':'t','limit':true}",
            ErrorCode.INVALID_REQUEST,
            "limit must be a non-negative integer"),
        Arguments.of(
            "{'table_name':'t','limit':1e400}",
            ErrorCode.INVALID_REQUEST,
            "limit must be a non-negative integer"),
        Arguments.of(
            "{'table_name':'t','offset':9223372036854775808}",
            ErrorCode.INVALID_REQUEST,
            "offset is too large (at most 9223372036854775807)"),
        Arguments.of(
            "{'table_name':'t','page_size':-5}",
            ErrorCode.INVALID_REQUEST,
            "page_size must be a non-negative integer"),
        Arguments.of(
            "{'table_name':'t','current_page':0,'page_size':5}",
            ErrorCode.INVALID_REQUEST,
            "current_page must be an integer of at least 1"),
        Arguments.of(
            "{'table_name':'t','current_page':2}",
            ErrorCode.INVALID_REQUEST,
            "current_page needs page_size"),
        Arguments.of(
            "{'table_name':'t','current_page':9223372036854775807,'page_size':10}",
            ErrorCode.INVALID_REQUEST,
            "current_page × page_size is too large"),
        Arguments.of(
            "{'table_name':'t','count':'fast'}",
            ErrorCode.INVALID_REQUEST,
            "count must be one of exact, planned, estimated (or true), not \"fast\""),
        Arguments.of(
            "{'table_name':'t','count':1}",
            ErrorCode.INVALID_REQUEST,
            "count must be one of exact"),
        Arguments.of(
            "{'table_name':'t','head':'yes'}",
            ErrorCode.INVALID_REQUEST,
            "head must be true or false"),
        Arguments.of(
            "{'table_name':'t','time_granularity':'day'}",
            ErrorCode.INVALID_REQUEST,
            "time_granularity needs group_by (a column)"),
        Arguments.of(
            "{'table_name':'t','aggregation_strategy':'sum'}",
            ErrorCode.INVALID_REQUEST,
            "aggregation_strategy needs group_by (a column)"),
        Arguments.of(
            "{'table_name':'t','group_by':'d','time_granularity':'week'}",
            ErrorCode.INVALID_REQUEST,
            "time_granularity must be one of day, hour, minute, not 'week'"),
        Arguments.of(
            "{'table_name':'t','group_by':'d','aggregation_strategy':'median','aggregation_column':'v'}",
            ErrorCode.INVALID_REQUEST,
            "aggregation_strategy must be one of cumulative_sum, sum, count, avg, min, max, not"
                + " 'median'"),
        Arguments.of(
            "{'table_name':'t','group_by':'d','aggregation_column':'v'}",
            ErrorCode.INVALID_REQUEST,
            "aggregation_column needs aggregation_strategy (one of cumulative_sum, sum, count,"
                + " avg, min, max)"),
        Arguments.of(
            "{'table_name':'t','group_by':'d','aggregation_strategy':'sum'}",
            ErrorCode.INVALID_REQUEST,
            "aggregation_strategy sum needs aggregation_column"),
        Arguments.of(
            "{'table_name':'t','group_by':'d','aggregation_dedup':'sometimes'}",
            ErrorCode.INVALID_REQUEST,
            "aggregation_dedup must be true or false"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("rejected")
  void refuses(String body, ErrorCode code, String message) {
    assertRejected(() -> call(body), code, message);
  }

  @Test
  void refusesABodyThatIsNotAnObject() {
    assertRejected(
        () -> Bodies.of("[{'table_name':'t'}]"),
        ErrorCode.INVALID_REQUEST,
        "Request body must be a JSON object");
  }

  private static String withTable(String body) {
    return body.equals("{}") ? "{'table_name':'t'}" : "{'table_name':'t'," + body.substring(1);
  }
}
