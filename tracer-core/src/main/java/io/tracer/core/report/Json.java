package io.tracer.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.model.Address;
import io.tracer.core.model.Amount;
import io.tracer.core.model.Asset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * The one place where tracer configures Jackson (as web3j's ObjectMapperFactory does). Reports are
 * built as trees with the helpers below and written with {@link #write}. Amounts are strings of
 * base units ({@code "150000000"}) next to {@code "asset"}: JSON numbers lose precision in many
 * readers beyond 2^53, and wei amounts routinely exceed that.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          // Escape non-ASCII so that labels from hostile intel files cannot carry invisible or
          // direction-changing characters into a terminal or a browser unnoticed.
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(200).maxStringLength(10_000_000).build());
  }

  private Json() {}

  /** The shared, fully configured mapper. Thread-safe; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Puts {@code name: "units"} and, unless already present, {@code asset: "bitcoin:BTC"}. */
  public static ObjectNode putAmount(ObjectNode node, String name, Amount amount) {
    node.put(name, amount.units().toString());
    if (!node.has("asset")) {
      node.put("asset", amount.asset().toString());
    }
    return node;
  }

  /** Puts a satoshi or wei value as a string of base units. */
  public static ObjectNode putUnits(ObjectNode node, String name, long units) {
    return node.put(name, Long.toString(units));
  }

  public static ObjectNode putUnits(ObjectNode node, String name, BigInteger units) {
    return node.put(name, units.toString());
  }

  /** An amount object {@code {"value": "…", "asset": "…", "unit": "sat"}}. */
  public static ObjectNode amount(Amount amount) {
    ObjectNode n = object();
    n.put("value", amount.units().toString());
    n.put("asset", amount.asset().toString());
    n.put("unit", amount.asset().baseUnit());
    return n;
  }

  public static ObjectNode asset(Asset asset) {
    ObjectNode n = object();
    n.put("id", asset.toString());
    n.put("symbol", asset.symbol());
    n.put("decimals", asset.decimals());
    asset.contract().ifPresent(c -> n.put("contract", c));
    return n;
  }

  /** Addresses are written in display form (EIP-55 for EVM). */
  public static String address(Address a) {
    return a.display();
  }

  /** Pretty-printed JSON text with a trailing newline. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node) + System.lineSeparator();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
