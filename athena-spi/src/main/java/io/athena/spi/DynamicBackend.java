package io.athena.spi;

/**
 * A backend that takes on and lets go of clients while it runs: the clients of the client catalog,
 * added through {@code /admin/clients} or by another node. Its clients from configuration are
 * fixed; only clients registered here come and go.
 *
 * <p>Implementations must let requests that already run for a client finish when it is unregistered
 * or re-registered under a new URI: connections are retired once idle, not cut.
 */
public interface DynamicBackend extends Backend {

  /**
   * Whether this backend serves URIs of this kind (by scheme alone, such as {@code postgres://}).
   * The catalog asks every dynamic backend in turn and registers a client with the first that says
   * yes.
   */
  boolean supports(String uri);

  /**
   * Checks {@code uri} as {@link #register} would, without connecting or keeping anything.
   *
   * @throws IllegalArgumentException naming the problem; the message never holds the URI, which may
   *     hold a password
   */
  void validate(String uri);

  /**
   * Serves {@code client} from {@code uri} from now on. Registering a client again switches it to
   * the new URI; the old connections are retired once their requests finish. Opens no connection
   * yet: a database that is down answers per request.
   *
   * @throws IllegalArgumentException for a URI this backend cannot use (the message never holds the
   *     URI)
   * @throws IllegalStateException for a client this backend serves from its configuration
   */
  void register(String client, String uri);

  /**
   * Stops serving {@code client}: new requests for it fail, running ones finish first, then its
   * connections are closed. A client that is not registered is ignored.
   *
   * @throws IllegalStateException for a client this backend serves from its configuration
   */
  void unregister(String client);
}
