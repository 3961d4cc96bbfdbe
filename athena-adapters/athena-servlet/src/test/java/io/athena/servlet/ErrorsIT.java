package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.servlet.Http.Reply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The error side of the contract (§1–2): exact statuses and codes, messages that name what is
 * wrong, JSON envelopes for every failure, and nothing internal in any of them.
 */
class ErrorsIT {
  @RegisterExtension
  static final AthenaStack stack = AthenaStack.builder().schema(Tickets.SCHEMA).build();

  private static Reply fetch(String body) {
    return stack.http().fetch(body);
  }

  @Nested
  class Body {
    @Test
    @DisplayName("malformed JSON answers the JSON envelope with invalid_json, not plain text")
    void invalidJson() {
      Reply reply = fetch("{\"table_name\": \"tickets\",").error(400, "invalid_json");

      assertThat(reply.json().at("/data/operation").asText()).isEqualTo("fetch");
      assertThat(reply.json().get("message").asText()).isEqualTo("Invalid request");
    }

    @Test
    void emptyBodyIsInvalidJson() {
      fetch("").error(400, "invalid_json");
    }

    @Test
    void trailingGarbageIsInvalidJson() {
      fetch("{\"table_name\":\"tickets\"} extra").error(400, "invalid_json");
    }

    @Test
    void bodyThatIsNotAnObject() {
      fetch("[{\"table_name\":\"tickets\"}]").error(400, "invalid_request");
    }

    @Test
    void missingTableName() {
      Reply reply = fetch("{\"limit\":1}").error(400, "invalid_request");

      assertThat(reply.errorText()).contains("table_name");
    }

    @Test
    void negativeLimit() {
      Reply reply =
          fetch("{\"table_name\":\"tickets\",\"limit\":-1}").error(400, "invalid_request");

      assertThat(reply.errorText()).contains("limit");
    }
  }

  @Nested
  class Clients {
    @Test
    void missingClientHeader() {
      Reply reply =
          stack
              .http()
              .send(
                  "POST", "/gateway/fetch", "{\"table_name\":\"tickets\"}", "X-Athena-Client", null)
              .error(400, "missing_client_header");

      assertThat(reply.errorText()).contains("X-Athena-Client");
    }

    @Test
    void blankClientHeaderCountsAsMissing() {
      stack
          .http()
          .fetch("{\"table_name\":\"tickets\"}", "X-Athena-Client", "   ")
          .error(400, "missing_client_header");
    }

    @Test
    void unknownClientIs404AndNamed() {
      Reply reply =
          stack
              .http()
              .fetch("{\"table_name\":\"tickets\"}", "X-Athena-Client", "no_such_client")
              .error(404, "client_not_found");

      assertThat(reply.errorText()).contains("no_such_client");
    }

    @Test
    void everyGatewayRouteNeedsTheClientHeader() {
      String[][] routes = {
        {"POST", "/gateway/fetch"},
        {"POST", "/gateway/data"},
        {"PUT", "/gateway/insert"},
        {"POST", "/gateway/update"},
        {"DELETE", "/gateway/delete"},
        {"POST", "/gateway/query"}
      };
      for (String[] route : routes) {
        Reply reply = stack.http().send(route[0], route[1], "{}", "X-Athena-Client", null);
        assertThat(reply.status())
            .as(route[0] + " " + route[1] + ": " + reply.body())
            .isEqualTo(400);
        assertThat(reply.json().get("code").asText())
            .as(route[0] + " " + route[1])
            .isEqualTo("missing_client_header");
      }
    }
  }

  @Nested
  class Names {
    @Test
    void unknownTableIsNamed() {
      Reply reply = fetch("{\"table_name\":\"no_such_table\"}").error(400, "unknown_table");

      assertThat(reply.errorText()).contains("no_such_table");
    }

    @Test
    void unknownSchemaIsNamed() {
      Reply reply = fetch("{\"table_name\":\"nowhere.tickets\"}").error(400, "unknown_table");

      assertThat(reply.errorText()).contains("nowhere");
    }

    @Test
    void unknownColumnInConditionsIsNamed() {
      Reply reply =
          fetch(
                  "{\"table_name\":\"tickets\",\"conditions\":[{\"column\":\"colour\","
                      + "\"operator\":\"eq\",\"value\":\"red\"}]}")
              .error(400, "unknown_column");

      assertThat(reply.errorText()).contains("colour");
    }

    @Test
    void unknownColumnInProjectionAndSortIsNamed() {
      assertThat(
              fetch("{\"table_name\":\"tickets\",\"columns\":[\"id\",\"shoe_size\"]}")
                  .error(400, "unknown_column")
                  .errorText())
          .contains("shoe_size");
      assertThat(
              fetch("{\"table_name\":\"tickets\",\"sort_by\":{\"field\":\"rank\"}}")
                  .error(400, "unknown_column")
                  .errorText())
          .contains("rank");
    }

    @Test
    void unknownColumnInAnOrStringIsNamed() {
      assertThat(
              fetch("{\"table_name\":\"tickets\",\"or\":\"id.eq.1,flavour.eq.x\"}")
                  .error(400, "unknown_column")
                  .errorText())
          .contains("flavour");
    }

    @Test
    void identifiersThatLookLikeInjectionAreRefused() {
      Reply reply =
          fetch("{\"table_name\":\"tickets; DROP TABLE tickets\"}")
              .error(400, "invalid_identifier");

      assertThat(reply.errorText()).contains("tickets; DROP TABLE tickets");
      assertThat(fetch("{\"table_name\":\"tickets\",\"limit\":1}").ok().data()).hasSize(1);
    }
  }

  @Nested
  class Operators {
    @Test
    void unknownOperatorIsNamed() {
      Reply reply =
          fetch(
                  "{\"table_name\":\"tickets\",\"conditions\":[{\"column\":\"id\","
                      + "\"operator\":\"between\",\"value\":[1,2]}]}")
              .error(400, "invalid_operator");

      assertThat(reply.errorText()).contains("between");
    }

    @Test
    void unknownOperatorInAFilterString() {
      assertThat(
              fetch("{\"table_name\":\"tickets\",\"or\":\"id.near.1\"}")
                  .error(400, "invalid_operator")
                  .errorText())
          .contains("near");
    }

    @Test
    void unknownOperatorInWhere() {
      fetch("{\"table_name\":\"tickets\",\"where\":{\"id\":{\"approx\":1}}}")
          .error(400, "invalid_operator");
    }

    @Test
    void malformedFilterString() {
      fetch("{\"table_name\":\"tickets\",\"or\":\"id.eq.1,(\"}").error(400, "invalid_request");
    }

    @Test
    void valueThatDoesNotFitTheColumnType() {
      fetch(
              "{\"table_name\":\"tickets\",\"conditions\":[{\"column\":\"uid\",\"operator\":\"eq\","
                  + "\"value\":\"not-a-uuid\"}]}")
          .error(400, "invalid_value");
      fetch(
              "{\"table_name\":\"tickets\",\"conditions\":[{\"column\":\"created_at\","
                  + "\"operator\":\"gt\",\"value\":\"yesterday-ish\"}]}")
          .error(400, "invalid_value");
    }
  }

  @Nested
  class Routing {
    @Test
    void unknownRouteIs404() {
      stack.http().get("/gateway/nothing-here").error(404, "route_not_found");
    }

    @Test
    void wrongMethodIs405WithTheAllowedOnes() {
      Reply reply = stack.http().get("/gateway/fetch").error(405, "method_not_allowed");

      assertThat(reply.json().at("/data/allowed_methods").toString()).isEqualTo("[\"POST\"]");
    }
  }
}
