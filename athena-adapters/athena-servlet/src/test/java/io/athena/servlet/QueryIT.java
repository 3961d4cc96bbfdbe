package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.servlet.Http.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /gateway/query}: raw SQL with bound parameters. */
class QueryIT {
  @RegisterExtension
  static final AthenaStack stack =
      AthenaStack.builder()
          .schema(
              """
              CREATE TABLE counters (name text PRIMARY KEY, value int NOT NULL);
              INSERT INTO counters VALUES ('a', 1), ('b', 2), ('c', 3);
              CREATE TABLE tallies (name text PRIMARY KEY, value int NOT NULL);
              INSERT INTO tallies VALUES ('a', 1), ('b', 2), ('c', 3);
              CREATE SCHEMA reports;
              CREATE TABLE reports.counters (name text PRIMARY KEY, value int NOT NULL);
              INSERT INTO reports.counters VALUES ('r', 42);
              """)
          .build();

  private static Reply query(String body) {
    return stack.http().post("/gateway/query", body);
  }

  @Test
  void selectWithPositionalParameters() {
    Reply reply =
        query(
                "{\"query\":\"SELECT name, value FROM counters WHERE value >= $1 AND name <> $2"
                    + " ORDER BY name\",\"params\":[2,\"c\"]}")
            .ok();

    assertThat(reply.data().toString()).isEqualTo("[{\"name\":\"b\",\"value\":2}]");
    assertThat(reply.json().get("message").asText()).isEqualTo("Query executed");
    assertThat(reply.json().at("/meta/returned_row_count").asLong()).isEqualTo(1);
    assertThat(reply.json().at("/meta/statement_count").asInt()).isEqualTo(1);
    assertThat(reply.json().at("/meta/backend").asText()).isEqualTo("postgres");
  }

  @Test
  void writeReportsRowsAffected() {
    Reply reply =
        query(
                "{\"query\":\"UPDATE tallies SET value = value + 10 WHERE name IN ($1, $2)\","
                    + "\"params\":[\"a\",\"b\"]}")
            .ok();

    assertThat(reply.json().at("/meta/rows_affected").asLong()).isEqualTo(2);
    assertThat(reply.json().at("/meta/returned_row_count").asLong()).isZero();
    assertThat(
            query("{\"query\":\"SELECT sum(value) AS total FROM tallies\"}").ok().data().toString())
        .isEqualTo("[{\"total\":26}]");
  }

  @Test
  void schemaNameComesFirstOnTheSearchPath() {
    Reply reply =
        query("{\"query\":\"SELECT name, value FROM counters\",\"schema_name\":\"reports\"}").ok();

    assertThat(reply.data().toString()).isEqualTo("[{\"name\":\"r\",\"value\":42}]");
  }

  @Test
  void parametersAreBoundNotSpliced() {
    Reply reply =
        query(
                "{\"query\":\"SELECT $1::text AS echoed\",\"params\":[\"'; DROP TABLE counters; --\"]}")
            .ok();

    assertThat(reply.data().get(0).get("echoed").asText()).isEqualTo("'; DROP TABLE counters; --");
    assertThat(query("{\"query\":\"SELECT count(*) AS n FROM counters\"}").ok().data().toString())
        .isEqualTo("[{\"n\":3}]");
  }

  @Test
  void failingSqlAnswers400WithoutEchoingTheStatement() {
    Reply missing =
        query("{\"query\":\"SELECT * FROM no_such_relation WHERE secret = 1\"}")
            .error(400, "unknown_table");
    Reply syntax = query("{\"query\":\"SELEC value FROM counters\"}").error(400, "query_failed");

    assertThat(missing.errorText()).contains("no_such_relation").doesNotContain("secret = 1");
    assertThat(missing.json().at("/data/sqlstate").asText()).isEqualTo("42P01");
    assertThat(syntax.json().at("/data/sqlstate").asText()).isEqualTo("42601");
    assertThat(syntax.json().at("/data/operation").asText()).isEqualTo("query");
  }

  @Test
  void missingQueryIs400() {
    assertThat(query("{\"params\":[]}").error(400, "invalid_request").errorText())
        .contains("query");
  }
}
