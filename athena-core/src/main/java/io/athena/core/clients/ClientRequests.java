package io.athena.core.clients;

import com.fasterxml.jackson.databind.JsonNode;
import io.athena.core.config.Uris;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import io.athena.spi.catalog.CatalogClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and writes the JSON of the client admin routes. Bodies are strict: unknown fields and wrong
 * types are 400s, so that a typo never passes for a change that was not made.
 */
final class ClientRequests {
  /** The grammar of client names, the same as for {@code postgres_clients}. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");

  static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  static final int MAX_DESCRIPTION = 1000;
  static final int MAX_URI = 4096;

  static final String NAME_FIELD = "client_name";
  static final String URI_FIELD = "pg_uri";
  static final String ENV_FIELD = "pg_uri_env_var";
  static final String DESCRIPTION_FIELD = "description";
  static final String ACTIVE_FIELD = "is_active";
  static final String FROZEN_FIELD = "is_frozen";

  private static final Set<String> CREATE_FIELDS =
      Set.of(NAME_FIELD, URI_FIELD, ENV_FIELD, DESCRIPTION_FIELD, ACTIVE_FIELD);
  private static final Set<String> PATCH_FIELDS =
      Set.of(URI_FIELD, ENV_FIELD, DESCRIPTION_FIELD, ACTIVE_FIELD);
  private static final Set<String> FREEZE_FIELDS = Set.of(FROZEN_FIELD);

  private ClientRequests() {}

  /** Where a client connects: exactly one of the two is set. */
  record Connection(String pgUri, String pgUriEnvVar) {}

  /** A {@code POST /admin/clients} body. */
  record NewClient(String name, Connection connection, String description, boolean active) {
    CatalogClient row(Instant now) {
      return new CatalogClient(
          name,
          connection.pgUri(),
          connection.pgUriEnvVar(),
          description,
          active,
          false,
          false,
          now,
          now);
    }
  }

  /**
   * A {@code PATCH /admin/clients/{name}} body: null fields are left as they are (a description
   * sent as null is cleared, hence its own flag).
   */
  record Patch(Connection connection, boolean setsDescription, String description, Boolean active) {
    CatalogClient applyTo(CatalogClient row, Instant now) {
      return new CatalogClient(
          row.name(),
          connection != null ? connection.pgUri() : row.pgUri(),
          connection != null ? connection.pgUriEnvVar() : row.pgUriEnvVar(),
          setsDescription ? description : row.description(),
          active != null ? active : row.active(),
          row.frozen(),
          row.deleted(),
          row.createdAt(),
          now);
    }
  }

  static NewClient create(JsonNode body) {
    checkFields(body, CREATE_FIELDS);
    JsonNode name = body.get(NAME_FIELD);
    if (name == null || !name.isTextual() || !NAME.matcher(name.asText()).matches()) {
      throw invalid(NAME_FIELD + " is required and must match " + NAME.pattern());
    }
    Connection connection = connection(body);
    if (connection == null) {
      throw invalid("exactly one of " + URI_FIELD + " and " + ENV_FIELD + " is required");
    }
    return new NewClient(
        name.asText(),
        connection,
        description(body.get(DESCRIPTION_FIELD)),
        !body.has(ACTIVE_FIELD) || bool(body.get(ACTIVE_FIELD), ACTIVE_FIELD));
  }

  static Patch patch(JsonNode body) {
    checkFields(body, PATCH_FIELDS);
    if (body.isEmpty()) {
      throw invalid("send at least one of " + String.join(", ", new TreeSet<>(PATCH_FIELDS)));
    }
    return new Patch(
        connection(body),
        body.has(DESCRIPTION_FIELD),
        description(body.get(DESCRIPTION_FIELD)),
        body.has(ACTIVE_FIELD) ? bool(body.get(ACTIVE_FIELD), ACTIVE_FIELD) : null);
  }

  /** The {@code is_frozen} of a {@code PUT /admin/clients/{name}/freeze} body. */
  static boolean frozen(JsonNode body) {
    checkFields(body, FREEZE_FIELDS);
    if (!body.has(FROZEN_FIELD)) {
      throw invalid(FROZEN_FIELD + " is required");
    }
    return bool(body.get(FROZEN_FIELD), FROZEN_FIELD);
  }

  /** The connection a body sends; null when it sends none. */
  private static Connection connection(JsonNode body) {
    boolean hasUri = body.has(URI_FIELD);
    boolean hasEnv = body.has(ENV_FIELD);
    if (hasUri && hasEnv) {
      throw invalid("send either " + URI_FIELD + " or " + ENV_FIELD + ", not both");
    }
    if (hasUri) {
      JsonNode uri = body.get(URI_FIELD);
      if (!uri.isTextual() || uri.asText().isBlank() || uri.asText().length() > MAX_URI) {
        throw invalid(URI_FIELD + " must be a non-blank string of at most " + MAX_URI + " chars");
      }
      return new Connection(uri.asText().strip(), null);
    }
    if (hasEnv) {
      JsonNode env = body.get(ENV_FIELD);
      if (!env.isTextual() || !ENV_VAR.matcher(env.asText()).matches()) {
        throw invalid(ENV_FIELD + " must be an environment variable name matching " + ENV_VAR);
      }
      return new Connection(null, env.asText());
    }
    return null;
  }

  private static String description(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()
        || node.asText().length() > MAX_DESCRIPTION
        || node.asText().indexOf('\0') >= 0) {
      throw invalid(
          DESCRIPTION_FIELD
              + " must be a string of at most "
              + MAX_DESCRIPTION
              + " chars, or null");
    }
    return node.asText();
  }

  private static boolean bool(JsonNode node, String field) {
    if (node == null || !node.isBoolean()) {
      throw invalid(field + " must be true or false");
    }
    return node.asBoolean();
  }

  private static void checkFields(JsonNode body, Set<String> known) {
    if (!body.isObject()) {
      throw invalid("the body must be a JSON object");
    }
    for (var names = body.fieldNames(); names.hasNext(); ) {
      if (!known.contains(names.next())) {
        throw invalid("unknown field; known fields: " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** A catalog row as admins see it: the password of its URI masked. */
  static Map<String, Object> json(CatalogClient row) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(NAME_FIELD, row.name());
    out.put(DESCRIPTION_FIELD, row.description());
    out.put(URI_FIELD, Uris.maskPassword(row.pgUri()));
    out.put(ENV_FIELD, row.pgUriEnvVar());
    out.put(ACTIVE_FIELD, row.active());
    out.put(FROZEN_FIELD, row.frozen());
    out.put("is_deleted", row.deleted());
    out.put("created_at", row.createdAt().toString());
    out.put("updated_at", row.updatedAt().toString());
    return out;
  }

  /** A client as this node routes it. */
  static Map<String, Object> json(ClientState state) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(NAME_FIELD, state.name());
    out.put("source", state.source().label());
    out.put("backend", state.backend().orElse(null));
    out.put(ACTIVE_FIELD, state.active());
    out.put(FROZEN_FIELD, state.frozen());
    out.put("pool_connected", state.poolConnected());
    out.put("problem", state.problem().orElse(null));
    return out;
  }

  static GatewayException invalid(String message) {
    return new GatewayException(ErrorCode.INVALID_REQUEST, message);
  }
}
