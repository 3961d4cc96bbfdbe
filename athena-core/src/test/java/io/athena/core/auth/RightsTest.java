package io.athena.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.DeleteRequest;
import io.athena.spi.FetchRequest;
import io.athena.spi.InsertRequest;
import io.athena.spi.QueryRequest;
import io.athena.spi.TableRef;
import io.athena.spi.UpdateRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RightsTest {
  private static final TableRef USERS = new TableRef("public", "users");

  @Test
  void eachOperationNeedsItsRight() {
    assertThat(
            Rights.needed(
                new FetchRequest(USERS, List.of(), List.of(), List.of(), null, null, null)))
        .isEqualTo("users.read");
    assertThat(
            Rights.needed(
                new InsertRequest(USERS, List.of(Map.of("a", 1)), List.of(), null, List.of())))
        .isEqualTo("users.write");
    assertThat(Rights.needed(new UpdateRequest(USERS, List.of(), Map.of("a", 1), List.of())))
        .isEqualTo("users.write");
    assertThat(Rights.needed(new DeleteRequest(USERS, 1, List.of()))).isEqualTo("users.delete");
    assertThat(Rights.needed(new QueryRequest("SELECT 1", null, List.of())))
        .isEqualTo("gateway.query");
  }

  @ParameterizedTest(name = "{0} grants {1}: {2}")
  @CsvSource({
    "users.read, users.read, true",
    "users.read, users.write, false",
    "users.read, orders.read, false",
    "users.*, users.delete, true",
    "users.*, orders.delete, false",
    "*.read, orders.read, true",
    "*.read, orders.write, false",
    "*.read, gateway.query, false",
    "gateway.write, orders.write, true",
    "gateway.write, orders.read, false",
    "gateway.query, gateway.query, true",
    "gateway.query, users.read, false",
    "gateway.*, gateway.query, true",
    "gateway.*, users.delete, true",
    "*, gateway.query, true",
    "*, users.delete, true",
    "users.write, gateway.query, false",
    "Users.read, users.read, false",
  })
  void grants(String held, String needed, boolean granted) {
    assertThat(Rights.grants(List.of(held), needed)).isEqualTo(granted);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "users.read",
        "users.*",
        "*.delete",
        "gateway.query",
        "gateway.write",
        "*",
        "_t$1.write"
      })
  void validRights(String right) {
    assertThat(Rights.problem(right)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "users",
        "users.admin",
        "users.read ",
        "users;drop.read",
        "../etc.read",
        "gateway.query.x",
        "1users.read",
        "users.READ",
        "users.read\u0000",
        "**"
      })
  void invalidRights(String right) {
    assertThat(Rights.problem(right)).isPresent();
  }
}
