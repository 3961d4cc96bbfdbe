package io.athena.servlet;

import static io.athena.servlet.Tickets.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.servlet.Http.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a fetch does with the rows it selects: projection, ordering, paging, counts, null stripping,
 * post-processing, and a large result streamed whole.
 */
class FetchShapingIT {
  private static final String EVENTS =
      """
      CREATE TABLE events (
        id      int PRIMARY KEY,
        kind    text NOT NULL,
        amount  numeric(10,2) NOT NULL,
        user_id int NOT NULL,
        at      timestamptz NOT NULL
      );
      INSERT INTO events VALUES
        (1, 'click',  1.00, 10, '2024-03-01 08:15:00+00'),
        (2, 'click',  2.00, 20, '2024-03-01 08:45:00+00'),
        (3, 'buy',   10.00, 10, '2024-03-01 09:05:00+00'),
        (4, 'click',  3.00, 10, '2024-03-02 10:00:00+00'),
        (5, 'buy',   20.00, 30, '2024-03-02 10:30:00+00'),
        (6, 'buy',    5.50, 20, '2024-03-03 23:59:00+00');

      CREATE TABLE typed (
        id       bigserial PRIMARY KEY,
        big      bigint,
        small    smallint,
        ratio    float8,
        day      date,
        local_ts timestamp
      );
      INSERT INTO typed (big, small, ratio, day, local_ts)
        VALUES (9007199254740993, -7, 0.25, '2024-02-29', '2024-02-29 13:45:00');

      CREATE TABLE numbers (n int PRIMARY KEY, label text NOT NULL);
      INSERT INTO numbers SELECT g, 'row ' || g FROM generate_series(1, 10000) g;
      ANALYZE numbers;
      """;

  @RegisterExtension
  static final AthenaStack stack = AthenaStack.builder().schema(Tickets.SCHEMA + EVENTS).build();

  private static Reply fetch(String members) {
    return stack.http().fetch("{\"table_name\":\"tickets\"," + members + "}").ok();
  }

  @Nested
  class Projection {
    @Test
    void columnsAsArrayKeepOnlyThoseFieldsInThatOrder() {
      JsonNode row = fetch("\"columns\":[\"title\",\"id\"],\"where\":{\"id\":1}").data().get(0);

      assertThat(row.toString()).isEqualTo("{\"title\":\"Fix login\",\"id\":1}");
    }

    @Test
    void columnsAsCommaString() {
      JsonNode row = fetch("\"columns\":\"id, priority\",\"where\":{\"id\":2}").data().get(0);

      assertThat(row.toString()).isEqualTo("{\"id\":2,\"priority\":\"normal\"}");
    }

    @Test
    void everyColumnByDefaultWithItsJsonType() {
      JsonNode row = fetch("\"where\":{\"id\":4}").data().get(0);

      assertThat(row.get("uid").asText()).isEqualTo("00000000-0000-0000-0000-000000000004");
      assertThat(row.get("points").isIntegralNumber()).isTrue();
      assertThat(row.get("price").decimalValue()).isEqualByComparingTo("99.95");
      assertThat(row.get("meta").toString()).isEqualTo("{\"sev\":0,\"team\":\"desktop\"}");
      assertThat(row.get("tags").toString()).isEqualTo("[\"bug\",\"desktop\"]");
      assertThat(row.get("scores").toString()).isEqualTo("[1,5]");
      assertThat(row.get("done").isBoolean()).isTrue();
      assertThat(row.get("archived_at").isNull()).isTrue();
      assertThat(java.time.OffsetDateTime.parse(row.get("created_at").asText()).toInstant())
          .isEqualTo(java.time.Instant.parse("2024-01-02T11:15:00Z"));
    }
  }

  @Test
  void numbersStayNumbersAndDatesStayIsoText() {
    JsonNode row = stack.http().fetch("{\"table_name\":\"typed\"}").ok().data().get(0);

    assertThat(row.get("id").isIntegralNumber()).as(row.toString()).isTrue();
    assertThat(row.get("id").asLong()).isEqualTo(1);
    assertThat(row.get("big").isIntegralNumber()).as(row.toString()).isTrue();
    assertThat(row.get("big").asLong()).isEqualTo(9_007_199_254_740_993L);
    assertThat(row.get("small").asInt()).isEqualTo(-7);
    assertThat(row.get("ratio").decimalValue()).isEqualByComparingTo("0.25");
    assertThat(row.get("day").asText()).isEqualTo("2024-02-29");
    assertThat(row.get("local_ts").asText()).isEqualTo("2024-02-29T13:45:00");
  }

  @Nested
  class Ordering {
    @Test
    void sortByWithEveryDirectionSpelling() {
      assertThat(
              ids(
                  fetch(
                          "\"columns\":[\"id\"],\"sort_by\":{\"field\":\"created_at\","
                              + "\"direction\":\"descending\"}")
                      .data()))
          .containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
      assertThat(
              ids(
                  fetch(
                          "\"columns\":[\"id\"],\"sort_by\":{\"field\":\"created_at\","
                              + "\"direction\":\"ascending\"}")
                      .data()))
          .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
      assertThat(
              ids(
                  fetch(
                          "\"columns\":[\"id\"],\"sort_by\":{\"column\":\"id\","
                              + "\"direction\":\"DESC\"}")
                      .data()))
          .containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
    }

    @Test
    void orderByOnSeveralColumns() {
      assertThat(
              ids(
                  fetch(
                          "\"columns\":[\"id\"],\"order_by\":[{\"field\":\"points\","
                              + "\"direction\":\"desc\"},{\"field\":\"id\",\"direction\":\"asc\"}]")
                      .data()))
          .containsExactly(4, 2, 7, 1, 5, 6, 8, 3);
      assertThat(ids(fetch("\"columns\":[\"id\"],\"order_by\":\"points.desc,id.desc\"").data()))
          .containsExactly(4, 7, 2, 1, 5, 8, 6, 3);
    }
  }

  @Nested
  class Paging {
    @Test
    void limitAndOffset() {
      assertThat(
              ids(
                  fetch("\"columns\":[\"id\"],\"order_by\":\"id\",\"limit\":3,\"offset\":2")
                      .data()))
          .containsExactly(3, 4, 5);
    }

    @Test
    void currentPageAndPageSize() {
      assertThat(
              ids(
                  fetch(
                          "\"columns\":[\"id\"],\"order_by\":\"id\",\"current_page\":2,"
                              + "\"page_size\":3")
                      .data()))
          .containsExactly(4, 5, 6);
      assertThat(
              ids(
                  fetch(
                          "\"columns\":[\"id\"],\"order_by\":\"id\",\"current_page\":3,"
                              + "\"page_size\":3")
                      .data()))
          .containsExactly(7, 8);
    }

    @Test
    @DisplayName("filters apply before limit and offset")
    void filtersApplyBeforePaging() {
      assertThat(
              ids(
                  fetch(
                          "\"columns\":[\"id\"],\"order_by\":\"id\",\"where\":{\"priority\":"
                              + "{\"in\":[\"low\",\"normal\"]}},\"limit\":2,\"offset\":1")
                      .data()))
          .containsExactly(3, 5);
    }

    @Test
    void messageCountsTheRowsReturned() {
      Reply reply = fetch("\"columns\":[\"id\"],\"limit\":3");

      assertThat(reply.json().get("message").asText()).isEqualTo("Fetched 3 rows");
      assertThat(reply.json().has("count")).isFalse();
    }
  }

  @Nested
  class Counts {
    @Test
    @DisplayName("count: exact counts every matching row, ignoring limit and offset")
    void exact() {
      Reply reply =
          fetch("\"columns\":[\"id\"],\"where\":{\"done\":false},\"limit\":2,\"count\":\"exact\"");

      assertThat(reply.data()).hasSize(2);
      assertThat(reply.json().get("count").asLong()).isEqualTo(5);
    }

    @Test
    void plannedAndEstimatedAreNumbers() {
      for (String mode : List.of("planned", "estimated")) {
        Reply reply = fetch("\"columns\":[\"id\"],\"limit\":1,\"count\":\"" + mode + "\"");

        JsonNode count = reply.json().get("count");
        assertThat(count).as(mode + " in " + reply.body()).isNotNull();
        assertThat(count.isIntegralNumber()).as(mode + " in " + reply.body()).isTrue();
        assertThat(count.asLong()).as(mode).isBetween(1L, 100L);
      }
    }
  }

  @Nested
  class StripNulls {
    @Test
    void bodyFlagDropsNullFields() {
      JsonNode row =
          fetch(
                  "\"columns\":[\"id\",\"priority\",\"price\"],\"where\":{\"id\":6},"
                      + "\"strip_nulls\":true")
              .data()
              .get(0);

      assertThat(row.toString()).isEqualTo("{\"id\":6}");
    }

    @Test
    void headerDropsNullFields() {
      Reply reply =
          stack
              .http()
              .fetch(
                  "{\"table_name\":\"tickets\",\"columns\":[\"id\",\"priority\"],"
                      + "\"where\":{\"id\":6}}",
                  "X-Strip-Nulls",
                  "true")
              .ok();

      assertThat(reply.data().get(0).toString()).isEqualTo("{\"id\":6}");
    }

    @Test
    void nullsStayWithoutTheFlag() {
      JsonNode row = fetch("\"columns\":[\"id\",\"priority\"],\"where\":{\"id\":6}").data().get(0);

      assertThat(row.toString()).isEqualTo("{\"id\":6,\"priority\":null}");
    }

    @Test
    void bodyFlagFalseWinsOverTheHeader() {
      Reply reply =
          stack
              .http()
              .fetch(
                  "{\"table_name\":\"tickets\",\"columns\":[\"id\",\"priority\"],"
                      + "\"where\":{\"id\":6},\"strip_nulls\":false}",
                  "X-Strip-Nulls",
                  "true")
              .ok();

      assertThat(reply.data().get(0).toString()).isEqualTo("{\"id\":6,\"priority\":null}");
    }
  }

  @Nested
  class PostProcessing {
    private Reply events(String members) {
      return stack
          .http()
          .fetch("{\"table_name\":\"events\",\"order_by\":\"id\"," + members + "}")
          .ok();
    }

    private List<String> summary(Reply reply) {
      List<String> groups = new ArrayList<>();
      for (JsonNode group : reply.json().at("/post_processing/grouped")) {
        groups.add(
            group.get("label").asText()
                + " "
                + ids(group.get("rows"))
                + " "
                + group.get("aggregation").toString());
      }
      return groups;
    }

    @Test
    void groupByWithSum() {
      Reply reply =
          events(
              "\"group_by\":\"kind\",\"aggregation_column\":\"amount\","
                  + "\"aggregation_strategy\":\"sum\"");

      assertThat(reply.data()).hasSize(6);
      assertThat(summary(reply)).containsExactly("buy [3, 5, 6] 35.5", "click [1, 2, 4] 6");
    }

    @Test
    void dayGranularityWithCumulativeSum() {
      Reply reply =
          events(
              "\"group_by\":\"at\",\"time_granularity\":\"day\",\"aggregation_column\":\"amount\","
                  + "\"aggregation_strategy\":\"cumulative_sum\"");

      assertThat(summary(reply))
          .containsExactly(
              "2024-03-01T00:00:00Z [1, 2, 3] 13",
              "2024-03-02T00:00:00Z [4, 5] 36",
              "2024-03-03T00:00:00Z [6] 41.5");
    }

    @Test
    void hourGranularityWithCount() {
      Reply reply =
          events(
              "\"group_by\":\"at\",\"time_granularity\":\"hour\","
                  + "\"aggregation_strategy\":\"count\"");

      assertThat(summary(reply))
          .containsExactly(
              "2024-03-01T08:00:00Z [1, 2] 2",
              "2024-03-01T09:00:00Z [3] 1",
              "2024-03-02T10:00:00Z [4, 5] 2",
              "2024-03-03T23:00:00Z [6] 1");
    }

    @Test
    void minuteGranularityGroupsOnlyEqualMinutes() {
      Reply reply =
          events(
              "\"group_by\":\"at\",\"time_granularity\":\"minute\",\"where\":{\"kind\":\"buy\"},"
                  + "\"aggregation_column\":\"amount\",\"aggregation_strategy\":\"max\"");

      assertThat(summary(reply))
          .containsExactly(
              "2024-03-01T09:05:00Z [3] 10",
              "2024-03-02T10:30:00Z [5] 20",
              "2024-03-03T23:59:00Z [6] 5.5");
    }

    @Test
    void avgMinAndMax() {
      String base = "\"group_by\":\"kind\",\"aggregation_column\":\"amount\",";
      assertThat(summary(events(base + "\"aggregation_strategy\":\"avg\"")))
          .containsExactly("buy [3, 5, 6] 11.83333333333333", "click [1, 2, 4] 2");
      assertThat(summary(events(base + "\"aggregation_strategy\":\"min\"")))
          .containsExactly("buy [3, 5, 6] 5.5", "click [1, 2, 4] 1");
      assertThat(summary(events(base + "\"aggregation_strategy\":\"max\"")))
          .containsExactly("buy [3, 5, 6] 20", "click [1, 2, 4] 3");
    }

    @Test
    void countWithDedupCountsDistinctValues() {
      Reply reply =
          events(
              "\"group_by\":\"kind\",\"aggregation_column\":\"user_id\","
                  + "\"aggregation_strategy\":\"count\",\"aggregation_dedup\":true");

      assertThat(summary(reply)).containsExactly("buy [3, 5, 6] 3", "click [1, 2, 4] 2");
    }

    @Test
    void groupingWithoutAggregation() {
      Reply reply = events("\"group_by\":\"user_id\"");

      assertThat(summary(reply))
          .containsExactly("10 [1, 3, 4] null", "20 [2, 6] null", "30 [5] null");
    }
  }

  @Test
  @DisplayName("a 10 000-row fetch arrives whole, in order, with the exact count")
  void tenThousandRows() {
    Reply reply =
        stack
            .http()
            .fetch("{\"table_name\":\"numbers\",\"order_by\":\"n\",\"count\":\"exact\"}")
            .ok();

    JsonNode data = reply.data();
    assertThat(data).hasSize(10_000);
    assertThat(reply.json().get("count").asLong()).isEqualTo(10_000);
    assertThat(reply.json().get("message").asText()).isEqualTo("Fetched 10000 rows");
    for (int i = 0; i < 10_000; i++) {
      JsonNode row = data.get(i);
      if (row.get("n").asInt() != i + 1 || !row.get("label").asText().equals("row " + (i + 1))) {
        throw new AssertionError("row " + i + " was " + row);
      }
    }
  }
}
