package io.athena.core.gateway;

import io.athena.spi.Backend;
import io.athena.spi.GatewayOperation;
import io.athena.spi.OperationResult;
import io.athena.spi.RowStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A backend that records what it is asked and answers from a script: the narrow seam the gateway
 * talks to, not a database.
 */
final class FakeBackend implements Backend {
  static final String CLIENT = "app";

  final List<GatewayOperation> received = new ArrayList<>();
  private Function<GatewayOperation, OperationResult> answer =
      op -> new OperationResult(RowStream.empty(), 0, null, 1);

  @Override
  public String kind() {
    return "fake";
  }

  @Override
  public Set<String> clients() {
    return Set.of(CLIENT);
  }

  @Override
  public OperationResult execute(String client, GatewayOperation operation) {
    received.add(operation);
    return answer.apply(operation);
  }

  /** Answers every operation with {@code function}. */
  FakeBackend answering(Function<GatewayOperation, OperationResult> function) {
    this.answer = function;
    return this;
  }

  /** Answers with these rows; affected rows, total count and statement count as given. */
  FakeBackend answering(ScriptedRows rows, long affected, Long total) {
    return answering(op -> new OperationResult(rows, affected, total, 1));
  }

  /** The one operation received, as its type. */
  <T extends GatewayOperation> T last(Class<T> type) {
    return type.cast(received.get(received.size() - 1));
  }
}
