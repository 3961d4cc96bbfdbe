package io.athena.core.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.athena.core.Athena;
import io.athena.core.config.AdmissionConfig;
import io.athena.core.config.AthenaConfig;
import io.athena.core.config.GatewayConfig;
import io.athena.core.config.OverloadAction;
import io.athena.core.config.Secret;
import io.athena.core.config.ServerConfig;
import io.athena.core.http.Headers;
import io.athena.core.http.HttpRequest;
import io.athena.core.http.HttpResponse;
import io.athena.core.router.Access;
import io.athena.core.router.Route;
import io.athena.core.system.AthenaVersion;
import io.athena.spi.ErrorCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our {@code openapi.yaml} is valid OpenAPI 3.1 and describes exactly the routes Athena mounts. */
class OpenApiContractTest {

  private static final Set<String> TAGS =
      Set.of(
          "gateway",
          "system",
          "observability",
          "admin-keys",
          "admin-jobs",
          "admin-clients",
          "admin-statistics");

  private static final SwaggerParseResult PARSED = parse();

  private final Athena athena = Athena.builder().config(everythingMounted()).build();

  @AfterEach
  void close() {
    athena.close();
  }

  @Test
  void documentIsValidOpenApi31() {
    SwaggerParseResult result = PARSED;

    assertThat(result.getMessages()).as("parser messages").isEmpty();
    assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
    assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1.");
  }

  @Test
  void documentVersionIsTheBuildVersion() {
    assertThat(spec().getInfo().getVersion()).isEqualTo(AthenaVersion.get()).doesNotContain("$");
  }

  @Test
  void everyMountedRouteIsDescribed() {
    assertThat(described().keySet())
        .as("mounted routes missing from openapi.yaml")
        .containsAll(mounted().keySet());
  }

  @Test
  void everyDescribedRouteIsMounted() {
    assertThat(mounted().keySet())
        .as("routes in openapi.yaml that Athena does not mount")
        .containsAll(described().keySet());
  }

  @Test
  void everyRouteDeclaresTheAccessItIsMountedWith() {
    Map<String, Operation> described = described();
    Map<String, Access> declared = new TreeMap<>();
    Map<String, Access> actual = new TreeMap<>();
    mounted()
        .forEach(
            (route, access) -> {
              actual.put(route, access);
              declared.put(route, access(described.get(route)));
            });
    assertThat(declared).isEqualTo(actual);
  }

  @Test
  void everyOperationHasAUniqueIdAndAKnownTag() {
    List<Operation> operations = List.copyOf(described().values());
    assertThat(operations).allSatisfy(op -> assertThat(op.getOperationId()).isNotBlank());
    assertThat(operations.stream().map(Operation::getOperationId)).doesNotHaveDuplicates();
    assertThat(operations)
        .allSatisfy(op -> assertThat(op.getTags()).hasSize(1).allMatch(TAGS::contains));
  }

  @Test
  void errorCodesAreTheEnumsCodes() {
    List<String> codes =
        spec().getComponents().getSchemas().get("ErrorCode").getEnum().stream()
            .map(String::valueOf)
            .toList();
    assertThat(codes)
        .containsExactlyElementsOf(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
  }

  @Test
  void servedVerbatimToAnyoneAsYaml() throws IOException {
    HttpResponse response =
        athena.router().handle(HttpRequest.of("GET", "/openapi.yaml", new Headers(), null));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().first("Content-Type")).contains("application/yaml");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    response.writeBody(body);
    assertThat(body.toByteArray()).isEqualTo(OpenApiRoutes.load());
  }

  /** Admin key set and deferral on, so every route that any setting mounts is mounted. */
  private static AthenaConfig everythingMounted() {
    GatewayConfig gateway =
        new GatewayConfig(Optional.of(Secret.of("admin-secret")), "public", Duration.ofSeconds(60));
    return new AthenaConfig(ServerConfig.defaults(), gateway, Map.of())
        .withAdmission(new AdmissionConfig(1, 1, OverloadAction.DEFER, Duration.ofHours(1)));
  }

  /** {@code "METHOD /path/{template}"} → access, of every mounted route. */
  private Map<String, Access> mounted() {
    return athena.router().routes().stream()
        .collect(
            Collectors.toMap(
                r -> r.method() + " " + r.path(), Route::access, (a, b) -> a, TreeMap::new));
  }

  /** {@code "METHOD /path/{template}"} → operation, of every operation in the document. */
  private static Map<String, Operation> described() {
    Map<String, Operation> operations = new TreeMap<>();
    spec()
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach((method, op) -> operations.put(method.name() + " " + path, op)));
    return operations;
  }

  /** Public: no requirement. Gateway: an optional API key. Admin: the admin key. */
  private static Access access(Operation op) {
    List<SecurityRequirement> security =
        op.getSecurity() != null ? op.getSecurity() : spec().getSecurity();
    if (security.isEmpty()) {
      return Access.PUBLIC;
    }
    if (security.stream().anyMatch(r -> r.containsKey("adminKey"))) {
      return Access.ADMIN;
    }
    assertThat(security).as(op.getOperationId() + " security").contains(new SecurityRequirement());
    return Access.GATEWAY;
  }

  private static OpenAPI spec() {
    return PARSED.getOpenAPI();
  }

  private static SwaggerParseResult parse() {
    // no resolving needed: a $ref to nothing is reported either way
    ParseOptions options = new ParseOptions();
    String yaml = new String(OpenApiRoutes.load(), StandardCharsets.UTF_8);
    return new OpenAPIV3Parser().readContents(yaml, null, options);
  }
}
