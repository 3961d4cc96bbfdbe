package io.athena.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The {@code tickets} data set that the fetch suites read, and helpers to look at replies. */
final class Tickets {
  private Tickets() {}

  /**
   * Eight tickets chosen so that every operator selects a different, known set of ids. Columns
   * cover the types whose values a client sends as JSON strings or arrays: uuid, timestamptz,
   * numeric, jsonb, text[] and int[].
   */
  static final String SCHEMA =
      """
      CREATE TABLE tickets (
        id          int PRIMARY KEY,
        uid         uuid NOT NULL UNIQUE,
        title       text NOT NULL,
        priority    text,
        points      int NOT NULL,
        price       numeric(10,2),
        created_at  timestamptz NOT NULL,
        archived_at timestamptz,
        meta        jsonb,
        tags        text[],
        scores      int[],
        done        boolean
      );
      INSERT INTO tickets VALUES
        (1, '00000000-0000-0000-0000-000000000001', 'Fix login',     'high',   5, 10.50,
            '2024-01-01 09:00+00', NULL, '{"team": "web", "sev": 1}', '{bug,web}', '{1,2,3}', false),
        (2, '00000000-0000-0000-0000-000000000002', 'Add search',    'normal', 8, 20.00,
            '2024-01-01 15:30+00', NULL, '{"team": "api"}', '{feature}', '{4}', false),
        (3, '00000000-0000-0000-0000-000000000003', 'fix typo',      'low',    1, 0.99,
            '2024-01-02 10:00+00', '2024-01-05 00:00+00', '{"team": "web"}', '{bug,docs}', '{}', true),
        (4, '00000000-0000-0000-0000-000000000004', 'Crash on save', 'urgent', 13, 99.95,
            '2024-01-02 11:15+00', NULL, '{"team": "desktop", "sev": 0}', '{bug,desktop}', '{1,5}',
            false),
        (5, '00000000-0000-0000-0000-000000000005', 'Dark mode',     'normal', 3, 15.00,
            '2024-01-03 08:00+00', NULL, NULL, '{feature,web}', '{2,3}', false),
        (6, '00000000-0000-0000-0000-000000000006', 'Update deps',   NULL,     2, NULL,
            '2024-01-03 20:45+00', '2024-01-04 12:00+00', '{"team": "ops"}', '{}', NULL, true),
        (7, '00000000-0000-0000-0000-000000000007', 'Slow query',    'high',   8, 45.25,
            '2024-01-04 07:00+00', NULL, '{"team": "api", "sev": 2}', '{perf}', '{7}', false),
        (8, '00000000-0000-0000-0000-000000000008', 'FIX header',    'low',    2, 5.00,
            '2024-01-04 09:30+00', NULL, '{"team": "web"}', '{bug}', '{1}', NULL);

      CREATE SCHEMA billing;
      CREATE TABLE billing.tickets (id int PRIMARY KEY, title text NOT NULL);
      INSERT INTO billing.tickets VALUES (100, 'Invoice missing'), (101, 'Refund');

      CREATE VIEW open_tickets AS SELECT id, title, priority FROM tickets WHERE archived_at IS NULL;
      ANALYZE tickets;
      """;

  /** The {@code id} of every row in {@code data}, in order. */
  static List<Integer> ids(JsonNode data) {
    List<Integer> ids = new ArrayList<>();
    data.forEach(row -> ids.add(row.get("id").asInt()));
    return ids;
  }
}
