-- The demo data set of ExampleServletApp: a few users and their orders.
CREATE TABLE users (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email      text NOT NULL UNIQUE,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  profile    jsonb,
  tags       text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE orders (
  id         bigserial PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id),
  amount     numeric(10,2) NOT NULL,
  status     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO users (email, name, created_at, profile, tags) VALUES
  ('ada@example.com',    'Ada Lovelace',     '2024-01-03 09:15:00+00', '{"plan": "pro",  "country": "GB"}', '{admin,beta}'),
  ('alan@example.com',   'Alan Turing',      '2024-01-05 14:02:00+00', '{"plan": "free", "country": "GB"}', '{beta}'),
  ('grace@example.com',  'Grace Hopper',     '2024-01-09 08:40:00+00', '{"plan": "pro",  "country": "US"}', '{admin}'),
  ('edsger@example.com', 'Edsger Dijkstra',  '2024-01-12 17:25:00+00', '{"plan": "free", "country": "NL"}', '{}'),
  ('barbara@example.com','Barbara Liskov',   '2024-01-20 11:11:00+00', '{"plan": "team", "country": "US"}', '{beta}'),
  ('donald@example.com', 'Donald Knuth',     '2024-02-01 10:00:00+00', '{"plan": "pro",  "country": "US"}', '{}'),
  ('margaret@example.com','Margaret Hamilton','2024-02-14 16:45:00+00', NULL,                                 '{beta}'),
  ('linus@example.com',  'Linus Torvalds',   '2024-02-28 07:30:00+00', '{"plan": "free", "country": "FI"}', '{}');

INSERT INTO orders (user_id, amount, status, created_at)
SELECT u.id, o.amount, o.status, o.created_at
FROM (VALUES
  ('ada@example.com',      49.90, 'paid',     timestamptz '2024-02-01 10:00:00+00'),
  ('ada@example.com',     120.00, 'paid',     timestamptz '2024-02-15 12:30:00+00'),
  ('ada@example.com',      15.50, 'refunded', timestamptz '2024-03-01 09:00:00+00'),
  ('alan@example.com',     75.25, 'paid',     timestamptz '2024-02-03 18:20:00+00'),
  ('alan@example.com',      9.99, 'pending',  timestamptz '2024-03-04 08:05:00+00'),
  ('grace@example.com',   310.00, 'paid',     timestamptz '2024-02-07 13:45:00+00'),
  ('grace@example.com',    42.00, 'shipped',  timestamptz '2024-03-02 15:10:00+00'),
  ('edsger@example.com',   19.95, 'paid',     timestamptz '2024-02-10 11:00:00+00'),
  ('barbara@example.com',  88.80, 'shipped',  timestamptz '2024-02-21 16:00:00+00'),
  ('barbara@example.com',  12.00, 'pending',  timestamptz '2024-03-05 10:30:00+00'),
  ('donald@example.com',  256.00, 'paid',     timestamptz '2024-02-12 09:45:00+00'),
  ('donald@example.com',   64.00, 'cancelled',timestamptz '2024-02-13 09:50:00+00'),
  ('margaret@example.com', 99.00, 'paid',     timestamptz '2024-02-20 14:00:00+00'),
  ('linus@example.com',    30.00, 'pending',  timestamptz '2024-03-06 07:45:00+00')
) AS o (email, amount, status, created_at)
JOIN users u ON u.email = o.email
ORDER BY o.created_at;

ANALYZE users;
ANALYZE orders;
