package io.athena.spi.health;

/** What one probe found out about a client's database. */
public enum ProbeStatus {
  /** The trivial query answered within the timeout. */
  ONLINE,
  /** The database could not be reached, refused, or did not answer within the timeout. */
  OFFLINE,
  /** The backend cannot tell: it does not probe its clients. */
  UNKNOWN
}
