package io.athena.postgres;

import static io.athena.postgres.PostgresIt.assertGatewayError;
import static io.athena.postgres.PostgresIt.column;
import static io.athena.postgres.PostgresIt.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.Condition;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.DeleteRequest;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.InsertRequest;
import io.athena.spi.OperationResult;
import io.athena.spi.Operator;
import io.athena.spi.RawJson;
import io.athena.spi.TableRef;
import io.athena.spi.UpdateRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WriteIT {
  private static final String SCHEMA =
      """
      CREATE TABLE owners (id serial PRIMARY KEY, email text UNIQUE NOT NULL);
      CREATE TABLE pets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id int REFERENCES owners(id),
        name text NOT NULL,
        nick varchar(5),
        species text NOT NULL DEFAULT 'cat',
        age int CHECK (age >= 0),
        tags text[],
        profile jsonb,
        born_at timestamptz);
      CREATE TABLE counters (k text PRIMARY KEY, n int NOT NULL DEFAULT 0, label text);
      CREATE TABLE pairs (a int, b int, v text, PRIMARY KEY (a, b));
      INSERT INTO owners (email) VALUES ('ann@example.com'), ('bob@example.com');
      """;

  private static PostgresBackend backend;

  @BeforeAll
  static void start() {
    String uri = PostgresIt.freshDatabase(PostgresIt.server(), "write_it", SCHEMA);
    backend = PostgresIt.backend("app", uri, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private static TableRef table(String name) {
    return new TableRef("public", name);
  }

  private static Map<String, Object> row(Object... keyValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  private static OperationResult insert(String table, List<Map<String, Object>> rows) {
    return backend.execute(
        "app", new InsertRequest(table(table), rows, List.of(), null, List.of()));
  }

  private static OperationResult upsert(
      String table, List<Map<String, Object>> rows, List<String> target, Map<String, Object> body) {
    return backend.execute("app", new InsertRequest(table(table), rows, target, body, List.of()));
  }

  private static Condition eq(String column, Object value) {
    return new Comparison(column, Operator.EQ, value);
  }

  @Test
  void insertsOneRowCastingJsonValuesAndReturnsIt() {
    OperationResult result =
        insert(
            "pets",
            List.of(
                row(
                    "name",
                    "Rex",
                    "owner_id",
                    1L,
                    "age",
                    3L,
                    "tags",
                    List.of("a", "b"),
                    "profile",
                    Map.of("x", 1),
                    "born_at",
                    "2024-05-01T14:00:00+02:00")));
    long affected = result.affectedRows();
    Map<String, Object> rex = rows(result).get(0);

    assertThat(affected).isEqualTo(1);
    assertThat(rex)
        .containsEntry("name", "Rex")
        .containsEntry("species", "cat")
        .containsEntry("tags", List.of("a", "b"))
        .containsEntry("profile", new RawJson("{\"x\": 1}"))
        .containsEntry("born_at", "2024-05-01T12:00:00Z");
    assertThat((String) rex.get("id")).hasSize(36);
  }

  @Test
  void bulkInsertWithDifferingKeysUsesDefaultsForMissingOnes() {
    OperationResult result =
        insert(
            "pets",
            List.of(
                row("name", "b1"),
                row("name", "b2", "species", "dog"),
                row("name", "b3", "age", 2L)));
    long affected = result.affectedRows();
    List<Map<String, Object>> rows = rows(result);

    assertThat(affected).isEqualTo(3);
    assertThat(column(rows, "species")).containsExactly("cat", "dog", "cat");
    assertThat(column(rows, "age")).containsExactly(null, null, 2);
  }

  @Test
  void aStringWrittenToJsonbIsStoredAsAJsonString() {
    Map<String, Object> stored =
        rows(insert("pets", List.of(row("name", "s", "profile", "plain")))).get(0);

    assertThat(stored).containsEntry("profile", new RawJson("\"plain\""));
  }

  @Test
  void upsertWithoutUpdateBodyOverwritesFromTheInsertedRow() {
    rows(insert("counters", List.of(row("k", "u1", "n", 1L))));

    OperationResult result =
        upsert("counters", List.of(row("k", "u1", "n", 5L, "label", "L")), List.of("k"), null);
    long affected = result.affectedRows();
    Map<String, Object> row = rows(result).get(0);

    assertThat(affected).isEqualTo(1);
    assertThat(row).containsEntry("n", 5).containsEntry("label", "L");
  }

  @Test
  void upsertWithUpdateBodySetsOnlyItsColumns() {
    rows(insert("pairs", List.of(row("a", 1L, "b", 1L, "v", "first"))));

    List<Map<String, Object>> rows =
        rows(
            upsert(
                "pairs",
                List.of(row("a", 1L, "b", 1L, "v", "ignored"), row("a", 1L, "b", 2L, "v", "new")),
                List.of("a", "b"),
                row("v", "set")));

    assertThat(column(rows, "v")).containsExactlyInAnyOrder("set", "new");
  }

  @Test
  void upsertOfOnlyTheConflictTargetDoesNothingOnConflict() {
    rows(insert("counters", List.of(row("k", "u2"))));

    OperationResult result = upsert("counters", List.of(row("k", "u2")), List.of("k"), null);

    assertThat(result.affectedRows()).isZero();
    assertThat(rows(result)).isEmpty();
  }

  @Test
  void aDuplicateIsA409UniqueViolationWithoutTheValue() {
    GatewayException e =
        assertGatewayError(
            () -> insert("owners", List.of(row("email", "ann@example.com"))),
            ErrorCode.UNIQUE_VIOLATION);

    assertThat(e.errorCode().httpStatus()).isEqualTo(409);
    assertThat(e.details()).containsEntry("sqlstate", "23505");
    assertThat(e.getMessage()).contains("owners_email_key").doesNotContain("ann@example.com");
  }

  @Test
  void foreignKeyNotNullAndCheckViolationsAre409() {
    GatewayException fk =
        assertGatewayError(
            () -> insert("pets", List.of(row("name", "orphan", "owner_id", 999L))),
            ErrorCode.CONSTRAINT_VIOLATION);
    assertThat(fk.details()).containsEntry("sqlstate", "23503");
    assertThat(fk.errorCode().httpStatus()).isEqualTo(409);

    assertGatewayError(
        () -> insert("pets", List.of(row("age", 1L))), ErrorCode.CONSTRAINT_VIOLATION);
    assertGatewayError(
        () -> insert("pets", List.of(row("name", "neg", "age", -1L))),
        ErrorCode.CONSTRAINT_VIOLATION);
  }

  @Test
  void badValuesAreInvalidValueAndUnknownColumnsAreNamed() {
    assertGatewayError(
        () -> insert("pets", List.of(row("name", "x", "id", "not-a-uuid"))),
        ErrorCode.INVALID_VALUE);
    assertGatewayError(
        () -> insert("pets", List.of(row("name", "x", "age", "old"))), ErrorCode.INVALID_VALUE);
    GatewayException tooLong =
        assertGatewayError(
            () -> insert("pets", List.of(row("name", "x", "nick", "far too long"))),
            ErrorCode.INVALID_VALUE);
    assertThat(tooLong.details()).containsEntry("sqlstate", "22001");
    GatewayException unknown =
        assertGatewayError(
            () -> insert("pets", List.of(row("name", "x", "colour", "red"))),
            ErrorCode.UNKNOWN_COLUMN);
    assertThat(unknown.getMessage()).contains("'colour'", "public.pets");
  }

  @Test
  void updateSetsMatchingRowsAndReturnsThem() {
    rows(insert("pets", List.of(row("name", "up1", "age", 1L), row("name", "up2", "age", 1L))));

    OperationResult result =
        backend.execute(
            "app",
            new UpdateRequest(
                table("pets"),
                List.of(new Comparison("name", Operator.LIKE, "up*")),
                row("age", 7L, "profile", Map.of("v", 2)),
                List.of("name", "age")));
    long affected = result.affectedRows();
    List<Map<String, Object>> rows = rows(result);

    assertThat(affected).isEqualTo(2);
    assertThat(rows)
        .allSatisfy(r -> assertThat(r).containsOnlyKeys("name", "age").containsEntry("age", 7));
  }

  @Test
  void updateWithoutConditionsIsRefused() {
    assertGatewayError(
        () ->
            backend.execute(
                "app", new UpdateRequest(table("pets"), List.of(), row("age", 1L), List.of())),
        ErrorCode.INVALID_REQUEST);
  }

  @Test
  void deleteByResourceIdAndByConditions() {
    Map<String, Object> pet = rows(insert("pets", List.of(row("name", "gone")))).get(0);
    rows(insert("counters", List.of(row("k", "d1"), row("k", "d2"), row("k", "keep"))));

    OperationResult byId =
        backend.execute("app", new DeleteRequest(table("pets"), pet.get("id"), List.of()));
    OperationResult byCondition =
        backend.execute(
            "app",
            new DeleteRequest(
                table("counters"), null, List.of(new Comparison("k", Operator.LIKE, "d*"))));

    assertThat(byId.affectedRows()).isEqualTo(1);
    assertThat(rows(byId)).isEmpty();
    assertThat(byCondition.affectedRows()).isEqualTo(2);
    byCondition.close();
  }

  @Test
  void deleteByResourceIdNeedsAnIdColumn() {
    assertGatewayError(
        () -> backend.execute("app", new DeleteRequest(table("pairs"), 1L, List.of())),
        ErrorCode.UNKNOWN_COLUMN);
    assertGatewayError(
        () ->
            backend.execute(
                "app", new DeleteRequest(table("pets"), "not-a-uuid", List.of(eq("name", "x")))),
        ErrorCode.INVALID_VALUE);
  }
}
