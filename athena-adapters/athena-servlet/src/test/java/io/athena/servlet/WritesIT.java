package io.athena.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.servlet.Http.Reply;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Insert, bulk insert, upsert, update and delete, checked over HTTP and in the database. */
class WritesIT {
  @RegisterExtension
  static final AthenaStack stack =
      AthenaStack.builder()
          .schema(
              """
              CREATE TABLE accounts (
                id      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                email   text NOT NULL UNIQUE,
                name    text,
                balance numeric(10,2) NOT NULL DEFAULT 0,
                born_at timestamptz,
                profile jsonb,
                tags    text[],
                lucky   int[],
                visits  int NOT NULL DEFAULT 0
              );
              CREATE TABLE notes (
                id            bigserial PRIMARY KEY,
                account_email text NOT NULL REFERENCES accounts (email),
                body          text NOT NULL CHECK (length(body) > 0)
              );
              CREATE TABLE bulk (id int PRIMARY KEY, label text NOT NULL);
              """)
          .build();

  private static Reply insert(String json) {
    return stack.http().put("/gateway/insert", json);
  }

  private static String queryOne(String sql) {
    try (Connection c = stack.database().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Nested
  class Insert {
    @Test
    @DisplayName("one object in, the inserted row out, with every type cast from JSON")
    void oneObjectInOneRowOut() {
      Reply reply =
          insert(
                  """
                  {"table_name": "accounts",
                   "insert_body": {"email": "ada@example.com", "name": "Ada", "balance": "12.50",
                                   "born_at": "1990-05-01T10:00:00+02:00",
                                   "profile": {"plan": "pro", "langs": ["en", "fr"]},
                                   "tags": ["admin", "beta"], "lucky": [7, 13]}}
                  """)
              .ok();

      JsonNode row = reply.data();
      assertThat(row.isObject()).as(reply.body()).isTrue();
      assertThat(row.get("email").asText()).isEqualTo("ada@example.com");
      assertThat(row.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-.{4}-.{12}");
      assertThat(row.get("balance").decimalValue()).isEqualByComparingTo("12.50");
      assertThat(row.get("profile").toString())
          .isEqualTo("{\"plan\":\"pro\",\"langs\":[\"en\",\"fr\"]}");
      assertThat(row.get("tags").toString()).isEqualTo("[\"admin\",\"beta\"]");
      assertThat(row.get("lucky").toString()).isEqualTo("[7,13]");
      assertThat(OffsetDateTime.parse(row.get("born_at").asText()).toInstant())
          .isEqualTo(Instant.parse("1990-05-01T08:00:00Z"));
      assertThat(reply.json().get("message").asText()).isEqualTo("Inserted 1 rows");
      assertThat(reply.json().get("affected_rows").asLong()).isEqualTo(1);
      assertThat(
              queryOne(
                  "SELECT name || ' ' || visits FROM accounts WHERE email = 'ada@example.com'"))
          .isEqualTo("Ada 0");
    }

    @Test
    void arrayInArrayOut() {
      Reply reply =
          insert(
                  """
                  {"table_name": "accounts", "columns": ["email", "visits"],
                   "insert_body": [{"email": "b1@example.com", "visits": 1},
                                   {"email": "b2@example.com", "visits": 2},
                                   {"email": "b3@example.com"}]}
                  """)
              .ok();

      assertThat(reply.data().toString())
          .isEqualTo(
              "[{\"email\":\"b1@example.com\",\"visits\":1},"
                  + "{\"email\":\"b2@example.com\",\"visits\":2},"
                  + "{\"email\":\"b3@example.com\",\"visits\":0}]");
      assertThat(reply.json().get("affected_rows").asLong()).isEqualTo(3);
      assertThat(reply.json().get("message").asText()).isEqualTo("Inserted 3 rows");
    }

    @Test
    @DisplayName("a bulk insert of 1 000 rows lands whole")
    void bulkInsert() {
      StringBuilder rows = new StringBuilder();
      for (int i = 1; i <= 1000; i++) {
        rows.append(i == 1 ? "" : ",")
            .append("{\"id\":")
            .append(i)
            .append(",\"label\":\"l")
            .append(i)
            .append("\"}");
      }

      Reply reply =
          insert("{\"table_name\":\"bulk\",\"columns\":\"id\",\"insert_body\":[" + rows + "]}")
              .ok();

      assertThat(reply.data()).hasSize(1000);
      assertThat(reply.json().get("affected_rows").asLong()).isEqualTo(1000);
      assertThat(queryOne("SELECT count(*) || ':' || sum(id) || ':' || max(label) FROM bulk"))
          .isEqualTo("1000:500500:l999");
    }

    @Test
    void upsertUpdatesTheConflictingRow() {
      insert(
              "{\"table_name\":\"accounts\",\"insert_body\":{\"email\":\"up@example.com\","
                  + "\"name\":\"Before\",\"visits\":1}}")
          .ok();

      Reply reply =
          insert(
                  """
                  {"table_name": "accounts", "on_conflict": "email",
                   "insert_body": {"email": "up@example.com", "name": "Ignored", "visits": 1},
                   "update_body": {"name": "After", "visits": 9}}
                  """)
              .ok();

      assertThat(reply.data().get("name").asText()).isEqualTo("After");
      assertThat(reply.data().get("visits").asInt()).isEqualTo(9);
      assertThat(reply.json().get("affected_rows").asLong()).isEqualTo(1);
      assertThat(
              queryOne(
                  "SELECT count(*) || ' ' || max(name) FROM accounts "
                      + "WHERE email = 'up@example.com'"))
          .isEqualTo("1 After");
    }

    @Test
    void upsertInsertsWhenThereIsNoConflict() {
      Reply reply =
          insert(
                  """
                  {"table_name": "accounts", "on_conflict": ["email"],
                   "insert_body": {"email": "fresh@example.com", "name": "Fresh"},
                   "update_body": {"name": "Never"}}
                  """)
              .ok();

      assertThat(reply.data().get("name").asText()).isEqualTo("Fresh");
    }

    @Test
    @DisplayName("a duplicate key answers 409 unique_violation, naming no SQL")
    void uniqueViolation() {
      insert("{\"table_name\":\"accounts\",\"insert_body\":{\"email\":\"dup@example.com\"}}").ok();

      Reply reply =
          insert("{\"table_name\":\"accounts\",\"insert_body\":{\"email\":\"dup@example.com\"}}")
              .error(409, "unique_violation");

      assertThat(reply.json().at("/data/operation").asText()).isEqualTo("insert");
      assertThat(reply.json().at("/data/sqlstate").asText()).isEqualTo("23505");
      assertThat(queryOne("SELECT count(*) FROM accounts WHERE email = 'dup@example.com'"))
          .isEqualTo("1");
    }

    @Test
    void foreignKeyAndCheckViolationsAnswer409() {
      insert(
              "{\"table_name\":\"notes\",\"insert_body\":{\"account_email\":\"nobody@example.com\","
                  + "\"body\":\"hi\"}}")
          .error(409, "constraint_violation");
      insert("{\"table_name\":\"accounts\",\"insert_body\":{\"email\":\"n@example.com\"}}").ok();
      insert(
              "{\"table_name\":\"notes\",\"insert_body\":{\"account_email\":\"n@example.com\","
                  + "\"body\":\"\"}}")
          .error(409, "constraint_violation");
    }

    @Test
    void missingInsertBodyIs400() {
      insert("{\"table_name\":\"accounts\"}").error(400, "invalid_request");
    }

    @Test
    void unknownColumnInInsertBodyIsNamed() {
      Reply reply =
          insert(
                  "{\"table_name\":\"accounts\",\"insert_body\":{\"email\":\"x@example.com\","
                      + "\"nickname\":\"x\"}}")
              .error(400, "unknown_column");

      assertThat(reply.errorText()).contains("nickname");
    }
  }

  @Nested
  class Update {
    @Test
    void updatesMatchingRowsAndReturnsThem() {
      insert(
              "{\"table_name\":\"accounts\",\"insert_body\":[{\"email\":\"u1@example.com\","
                  + "\"visits\":1},{\"email\":\"u2@example.com\",\"visits\":1},"
                  + "{\"email\":\"u3@example.com\",\"visits\":5}]}")
          .ok();

      Reply reply =
          stack
              .http()
              .post(
                  "/gateway/update",
                  """
                  {"table_name": "accounts", "columns": ["email", "balance", "born_at"],
                   "conditions": [{"column": "email", "operator": "in",
                                   "value": ["u1@example.com", "u2@example.com"]}],
                   "update_body": {"balance": "99.99", "born_at": "2000-01-01T00:00:00Z"}}
                  """)
              .ok();

      assertThat(reply.json().get("message").asText()).isEqualTo("Updated 2 rows");
      assertThat(reply.json().get("affected_rows").asLong()).isEqualTo(2);
      assertThat(reply.data()).hasSize(2);
      for (JsonNode row : reply.data()) {
        assertThat(row.size()).isEqualTo(3);
        assertThat(row.get("balance").decimalValue()).isEqualByComparingTo("99.99");
      }
      assertThat(
              queryOne(
                  "SELECT string_agg(email || '=' || balance, ',' ORDER BY email) "
                      // named, not LIKE 'u_@…': the upsert test's up@example.com would match
                      + "FROM accounts WHERE email IN ('u1@example.com', 'u2@example.com',"
                      + " 'u3@example.com')"))
          .isEqualTo("u1@example.com=99.99,u2@example.com=99.99,u3@example.com=0.00");
    }

    @Test
    void updateMatchingNothingUpdatesNothing() {
      Reply reply =
          stack
              .http()
              .post(
                  "/gateway/update",
                  "{\"table_name\":\"accounts\",\"where\":{\"email\":\"none@example.com\"},"
                      + "\"update_body\":{\"name\":\"x\"}}")
              .ok();

      assertThat(reply.data().toString()).isEqualTo("[]");
      assertThat(reply.json().get("affected_rows").asLong()).isZero();
    }

    @Test
    @DisplayName("an update without conditions is refused with 400, and changes nothing")
    void missingConditions() {
      insert(
              "{\"table_name\":\"accounts\",\"insert_body\":{\"email\":\"keep@example.com\","
                  + "\"name\":\"Keep\"}}")
          .ok();

      Reply reply =
          stack
              .http()
              .post(
                  "/gateway/update",
                  "{\"table_name\":\"accounts\",\"update_body\":{\"name\":\"Everyone\"}}")
              .error(400, "invalid_request");
      stack
          .http()
          .post(
              "/gateway/update",
              "{\"table_name\":\"accounts\",\"conditions\":[],\"update_body\":{\"name\":\"All\"}}")
          .error(400, "invalid_request");

      assertThat(reply.errorText()).contains("conditions");
      assertThat(reply.json().at("/data/operation").asText()).isEqualTo("update");
      assertThat(queryOne("SELECT name FROM accounts WHERE email = 'keep@example.com'"))
          .isEqualTo("Keep");
    }
  }

  @Nested
  class Delete {
    @Test
    void byResourceId() {
      String id =
          insert("{\"table_name\":\"accounts\",\"insert_body\":{\"email\":\"del@example.com\"}}")
              .ok()
              .data()
              .get("id")
              .asText();

      Reply reply =
          stack
              .http()
              .delete(
                  "/gateway/delete", "{\"table_name\":\"accounts\",\"resource_id\":\"" + id + "\"}")
              .ok();

      assertThat(reply.data().toString())
          .isEqualTo("{\"table_name\":\"accounts\",\"resource_id\":\"" + id + "\"}");
      assertThat(reply.json().get("message").asText()).isEqualTo("Deleted 1 rows");
      assertThat(reply.json().get("affected_rows").asLong()).isEqualTo(1);
      assertThat(queryOne("SELECT count(*) FROM accounts WHERE id = '" + id + "'")).isEqualTo("0");
    }

    @Test
    void byConditions() {
      insert(
              "{\"table_name\":\"accounts\",\"insert_body\":[{\"email\":\"d1@gone.example\"},"
                  + "{\"email\":\"d2@gone.example\"},{\"email\":\"d3@stay.example\"}]}")
          .ok();

      Reply reply =
          stack
              .http()
              .delete(
                  "/gateway/delete",
                  "{\"table_name\":\"accounts\",\"conditions\":[{\"column\":\"email\","
                      + "\"operator\":\"like\",\"value\":\"%@gone.example\"}]}")
              .ok();

      assertThat(reply.json().get("affected_rows").asLong()).isEqualTo(2);
      assertThat(reply.data().toString()).isEqualTo("{\"table_name\":\"accounts\"}");
      assertThat(queryOne("SELECT string_agg(email, ',') FROM accounts WHERE email LIKE 'd_@%'"))
          .isEqualTo("d3@stay.example");
    }

    @Test
    void withoutIdOrConditionsIs400() {
      Reply reply =
          stack
              .http()
              .delete("/gateway/delete", "{\"table_name\":\"accounts\"}")
              .error(400, "invalid_request");

      assertThat(reply.errorText()).contains("resource_id");
    }
  }
}
