package io.athena.core.clients;

import io.athena.spi.DynamicBackend;
import io.athena.spi.GatewayOperation;
import io.athena.spi.OperationResult;
import io.athena.spi.RowStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dynamic backend that records registrations instead of opening pools: the narrow seam between
 * the registry and a real backend. It serves {@code fake://} URIs; one containing {@code bad} is
 * refused as a real backend refuses an unparsable URI.
 */
final class RecordingBackend implements DynamicBackend {
  private final Set<String> configured;
  private final Map<String, String> registered = Collections.synchronizedMap(new LinkedHashMap<>());
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  RecordingBackend(String... configured) {
    this.configured = new LinkedHashSet<>(List.of(configured));
  }

  @Override
  public String kind() {
    return "fake";
  }

  @Override
  public Set<String> clients() {
    Set<String> all = new LinkedHashSet<>(configured);
    all.addAll(registered.keySet());
    return all;
  }

  @Override
  public OperationResult execute(String client, GatewayOperation operation) {
    return new OperationResult(RowStream.empty(), 0, null, 1);
  }

  @Override
  public boolean supports(String uri) {
    return uri.startsWith("fake://");
  }

  @Override
  public void validate(String uri) {
    if (uri.contains("bad")) {
      throw new IllegalArgumentException("uri was '<masked>' but holds no database name");
    }
  }

  @Override
  public void register(String client, String uri) {
    if (configured.contains(client)) {
      throw new IllegalStateException("configured: " + client);
    }
    validate(uri);
    calls.add("register " + client + " " + uri);
    registered.put(client, uri);
  }

  @Override
  public void unregister(String client) {
    if (configured.contains(client)) {
      throw new IllegalStateException("configured: " + client);
    }
    calls.add("unregister " + client);
    registered.remove(client);
  }

  /** The URI each runtime client is registered with now. */
  Map<String, String> registered() {
    return Map.copyOf(registered);
  }
}
