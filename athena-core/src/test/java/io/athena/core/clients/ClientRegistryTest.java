package io.athena.core.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.Backend;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.GatewayOperation;
import io.athena.spi.OperationResult;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {

  record NamedBackend(String kind, Set<String> clients) implements Backend {
    @Override
    public OperationResult execute(String client, GatewayOperation operation) {
      throw new UnsupportedOperationException("routing test only");
    }
  }

  @Test
  void resolvesEachClientToItsBackend() {
    Backend a = new NamedBackend("a", new LinkedHashSet<>(List.of("one", "two")));
    Backend b = new NamedBackend("b", Set.of("three"));
    ClientRegistry registry = new ClientRegistry(List.of(a, b));
    assertThat(registry.resolve("two")).isSameAs(a);
    assertThat(registry.resolve("three")).isSameAs(b);
    assertThat(registry.names()).containsExactly("one", "two", "three");
  }

  @Test
  void anUnknownClientIsA404ThatNamesIt() {
    ClientRegistry registry = new ClientRegistry(List.of());
    assertThatThrownBy(() -> registry.resolve("ghost"))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CLIENT_NOT_FOUND))
        .hasMessageContaining("'ghost'");
  }

  @Test
  void controlCharactersOfCallerTextNeverReachTheMessage() {
    ClientRegistry registry = new ClientRegistry(List.of());
    assertThatThrownBy(() -> registry.resolve("evil\r\nX-Injected: 1"))
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("\r");
  }

  @Test
  void twoBackendsClaimingOneClientIsAConfigurationError() {
    Backend a = new NamedBackend("a", Set.of("same"));
    Backend b = new NamedBackend("b", Set.of("same"));
    assertThatThrownBy(() -> new ClientRegistry(List.of(a, b)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'same'");
  }
}
