package io.athena.servlet;

import static io.athena.servlet.Tickets.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.servlet.Http.Reply;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every filter form and operator of {@code /gateway/fetch}, through Jetty, the servlet and SQL. */
class FetchFiltersIT {
  @RegisterExtension
  static final AthenaStack stack = AthenaStack.builder().schema(Tickets.SCHEMA).build();

  /** The ids a fetch of {@code tickets} with {@code filter} (JSON members) returns, by id. */
  private static List<Integer> idsWhere(String filter) {
    Reply reply =
        stack
            .http()
            .fetch(
                "{\"table_name\":\"tickets\",\"columns\":[\"id\"],\"order_by\":\"id\","
                    + filter
                    + "}")
            .ok();
    return ids(reply.data());
  }

  private static List<Integer> idsWhen(String column, String operator, String jsonValue) {
    return idsWhere(
        "\"conditions\":[{\"column\":\""
            + column
            + "\",\"operator\":\""
            + operator
            + "\",\"value\":"
            + jsonValue
            + "}]");
  }

  @Nested
  class Operators {
    @Test
    void eq() {
      assertThat(idsWhen("priority", "eq", "\"high\"")).containsExactly(1, 7);
    }

    @Test
    @DisplayName("neq follows SQL: <> never matches a null")
    void neq() {
      assertThat(idsWhen("priority", "neq", "\"normal\"")).containsExactly(1, 3, 4, 7, 8);
    }

    @Test
    void gtAndGte() {
      assertThat(idsWhen("points", "gt", "5")).containsExactly(2, 4, 7);
      assertThat(idsWhen("points", "gte", "5")).containsExactly(1, 2, 4, 7);
    }

    @Test
    void ltAndLte() {
      assertThat(idsWhen("points", "lt", "3")).containsExactly(3, 6, 8);
      assertThat(idsWhen("points", "lte", "3")).containsExactly(3, 5, 6, 8);
    }

    @Test
    void likeIsCaseSensitiveAndIlikeIsNot() {
      assertThat(idsWhen("title", "like", "\"Fix%\"")).containsExactly(1);
      assertThat(idsWhen("title", "ilike", "\"fix%\"")).containsExactly(1, 3, 8);
    }

    @Test
    void isNullTrueAndFalse() {
      assertThat(idsWhen("archived_at", "is", "null")).containsExactly(1, 2, 4, 5, 7, 8);
      assertThat(idsWhen("done", "is", "true")).containsExactly(3, 6);
      assertThat(idsWhen("done", "is", "false")).containsExactly(1, 2, 4, 5, 7);
      assertThat(idsWhen("done", "is", "\"null\"")).containsExactly(8);
    }

    @Test
    void inTakesAnArrayOrAParenthesisedList() {
      assertThat(idsWhen("priority", "in", "[\"high\",\"urgent\"]")).containsExactly(1, 4, 7);
      assertThat(idsWhen("id", "in", "[2,5,99]")).containsExactly(2, 5);
      assertThat(idsWhen("priority", "in", "\"(low,urgent)\"")).containsExactly(3, 4, 8);
    }

    @Test
    void containsOnTextArraysIntArraysAndJsonb() {
      assertThat(idsWhen("tags", "contains", "[\"bug\"]")).containsExactly(1, 3, 4, 8);
      assertThat(idsWhen("tags", "contains", "[\"bug\",\"web\"]")).containsExactly(1);
      assertThat(idsWhen("scores", "contains", "[1]")).containsExactly(1, 4, 8);
      assertThat(idsWhen("meta", "contains", "{\"team\":\"web\"}")).containsExactly(1, 3, 8);
      assertThat(idsWhen("meta", "contains", "{\"team\":\"api\",\"sev\":2}")).containsExactly(7);
    }

    @Test
    void containedByOnTextArraysAndIntArrays() {
      assertThat(idsWhen("tags", "containedBy", "[\"bug\",\"web\",\"feature\"]"))
          .containsExactly(1, 2, 5, 6, 8);
      assertThat(idsWhen("scores", "containedBy", "[1,2,3]")).containsExactly(1, 3, 5, 8);
    }

    @Test
    void orStringSelectsEitherSide() {
      assertThat(idsWhere("\"or\":\"priority.eq.high,priority.eq.urgent\""))
          .containsExactly(1, 4, 7);
      assertThat(idsWhere("\"or\":\"points.gt.10,and(priority.eq.low,done.is.true)\""))
          .containsExactly(3, 4);
    }

    @Test
    void notStringNegates() {
      assertThat(idsWhere("\"not\":\"archived_at.is.null\"")).containsExactly(3, 6);
      assertThat(idsWhere("\"not\":\"priority.in.(high,normal)\"")).containsExactly(3, 4, 8);
    }

    @Test
    void orAndNotAsConditionEntries() {
      assertThat(
              idsWhere(
                  "\"conditions\":[{\"operator\":\"or\",\"value\":\"id.eq.2,id.eq.3\"},"
                      + "{\"operator\":\"not\",\"value\":\"done.is.true\"}]"))
          .containsExactly(2);
    }

    @Test
    void postgrestSpellingsOfOperators() {
      assertThat(idsWhen("tags", "cs", "[\"perf\"]")).containsExactly(7);
      assertThat(idsWhen("priority", "ne", "\"low\"")).containsExactly(1, 2, 4, 5, 7);
    }
  }

  @Nested
  class Forms {
    @Test
    @DisplayName("the SDK's eq sends both condition forms at once")
    void bothConditionFormsAtOnce() {
      assertThat(
              idsWhere(
                  "\"conditions\":[{\"eq_column\":\"priority\",\"eq_value\":\"high\","
                      + "\"column\":\"priority\",\"operator\":\"eq\",\"value\":\"high\"}]"))
          .containsExactly(1, 7);
    }

    @Test
    void legacyFormAlone() {
      assertThat(idsWhere("\"conditions\":[{\"eq_column\":\"points\",\"eq_value\":8}]"))
          .containsExactly(2, 7);
    }

    @Test
    void whereWithPlainValuesAndOperatorObjects() {
      assertThat(idsWhere("\"where\":{\"priority\":\"low\"}")).containsExactly(3, 8);
      assertThat(idsWhere("\"where\":{\"points\":{\"gte\":8,\"lt\":13}}")).containsExactly(2, 7);
    }

    @Test
    void everyFormTogetherMustAllHold() {
      assertThat(
              idsWhere(
                  "\"conditions\":[{\"column\":\"done\",\"operator\":\"is\",\"value\":false}],"
                      + "\"where\":{\"points\":{\"gte\":5}},"
                      + "\"or\":\"priority.eq.high,priority.eq.normal\","
                      + "\"not\":\"id.eq.7\""))
          .containsExactly(1, 2);
    }

    @Test
    void nullWithEqMeansIsNull() {
      assertThat(idsWhen("priority", "eq", "null")).containsExactly(6);
    }

    @Test
    void camelCaseKeys() {
      Reply reply =
          stack
              .http()
              .fetch(
                  "{\"tableName\":\"tickets\",\"columns\":[\"id\"],\"sortBy\":{\"field\":\"id\","
                      + "\"direction\":\"desc\"},\"pageSize\":2,\"currentPage\":1}")
              .ok();
      assertThat(ids(reply.data())).containsExactly(8, 7);
    }
  }

  @Nested
  @DisplayName("values sent as JSON strings are cast to the column's type")
  class Casts {
    @Test
    void uuidAsString() {
      assertThat(idsWhen("uid", "eq", "\"00000000-0000-0000-0000-000000000004\""))
          .containsExactly(4);
      assertThat(
              idsWhen(
                  "uid",
                  "in",
                  "[\"00000000-0000-0000-0000-000000000002\","
                      + "\"00000000-0000-0000-0000-000000000006\"]"))
          .containsExactly(2, 6);
    }

    @Test
    void timestamptzAsString() {
      assertThat(idsWhen("created_at", "gte", "\"2024-01-03T00:00:00Z\""))
          .containsExactly(5, 6, 7, 8);
      assertThat(idsWhen("created_at", "lt", "\"2024-01-02T00:00:00+00:00\""))
          .containsExactly(1, 2);
      assertThat(idsWhen("created_at", "eq", "\"2024-01-02T12:15:00+01:00\"")).containsExactly(4);
    }

    @Test
    void numericAsNumberOrString() {
      assertThat(idsWhen("price", "gt", "20")).containsExactly(4, 7);
      assertThat(idsWhen("price", "eq", "15")).containsExactly(5);
      assertThat(idsWhen("price", "eq", "\"0.99\"")).containsExactly(3);
      assertThat(idsWhen("price", "lte", "5.0")).containsExactly(3, 8);
    }

    @Test
    void integerColumnWithAStringValue() {
      assertThat(idsWhen("points", "eq", "\"13\"")).containsExactly(4);
    }

    @Test
    void arraysInFilterStrings() {
      assertThat(idsWhere("\"or\":\"tags.cs.{docs},scores.cs.{7}\"")).containsExactly(3, 7);
    }
  }

  @Nested
  class Targets {
    @Test
    void schemaQualifiedTableName() {
      Reply reply =
          stack.http().fetch("{\"table_name\":\"billing.tickets\",\"order_by\":\"id\"}").ok();
      assertThat(ids(reply.data())).containsExactly(100, 101);
      assertThat(reply.data().get(0).get("title").asText()).isEqualTo("Invoice missing");
    }

    @Test
    void schemaName() {
      Reply reply =
          stack
              .http()
              .fetch("{\"schema_name\":\"billing\",\"table_name\":\"tickets\",\"order_by\":\"id\"}")
              .ok();
      assertThat(ids(reply.data())).containsExactly(100, 101);
    }

    @Test
    void viewName() {
      Reply reply =
          stack
              .http()
              .fetch(
                  "{\"view_name\":\"open_tickets\",\"where\":{\"priority\":\"high\"},"
                      + "\"order_by\":\"id\"}")
              .ok();
      assertThat(ids(reply.data())).containsExactly(1, 7);
    }

    @Test
    void dataIsAnAliasOfFetch() {
      Reply reply =
          stack
              .http()
              .post(
                  "/gateway/data",
                  "{\"table_name\":\"tickets\",\"columns\":\"id\",\"where\":{\"id\":3}}")
              .ok();
      assertThat(reply.json().get("message").asText()).isEqualTo("Fetched 1 rows");
      assertThat(ids(reply.data())).containsExactly(3);
    }
  }
}
