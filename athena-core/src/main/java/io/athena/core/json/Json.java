package io.athena.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import java.io.IOException;

/** The shared, configured {@link ObjectMapper}. Thread-safe. */
public final class Json {
  /** Deeper documents than this are refused: a defence against stack-exhausting input. */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // exact numbers: a price of 19.99 must not become 19.989999...
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
  }

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses a request body.
   *
   * @throws GatewayException {@code invalid_json} when the body is empty or not JSON
   */
  public static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new GatewayException(ErrorCode.INVALID_JSON, "Request body is empty; expected JSON");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new GatewayException(ErrorCode.INVALID_JSON, "Request body is empty; expected JSON");
      }
      return node;
    } catch (StreamConstraintsException e) {
      // thrown without a location; it was a 500 before the hostile-input suite found it
      throw new GatewayException(
          ErrorCode.INVALID_JSON,
          "Request body nests deeper than " + MAX_NESTING_DEPTH + " levels or is too large",
          e);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new GatewayException(
          ErrorCode.INVALID_JSON, "Request body is not valid JSON" + where, e);
    } catch (IOException e) {
      throw new GatewayException(ErrorCode.INVALID_JSON, "Request body could not be read", e);
    }
  }

  /** Serializes a value tree (maps, lists, records, JsonNodes). */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize a response", e);
    }
  }
}
