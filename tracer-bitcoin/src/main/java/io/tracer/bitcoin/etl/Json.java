package io.tracer.bitcoin.etl;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tracer.bitcoin.blocks.RawBlockDecoder;
import java.math.BigDecimal;

/** The one JSON configuration of this package, and field readers with precise messages. */
final class Json {
  /** No Bitcoin transaction in JSON comes near this (a 4 MB block's hex is 8 MB). */
  static final int MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;

  private Json() {}

  /**
   * Decimal numbers as BigDecimal (BTC amounts such as {@code 50.00000000} must convert to satoshi
   * exactly, never through a double), and bounded nesting and string sizes against hostile input.
   */
  static ObjectMapper mapper() {
    JsonMapper m =
        JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(MAX_DOCUMENT_CHARS)
                .maxNumberLength(100)
                .build());
    return m;
  }

  static JsonNode field(JsonNode node, String name, String where) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new EtlFormatException(where + ": missing field '" + name + "'");
    }
    return v;
  }

  static String text(JsonNode node, String name, String where) {
    JsonNode v = field(node, name, where);
    if (!v.isTextual()) {
      throw new EtlFormatException(where + ": field '" + name + "' is not a string");
    }
    return v.asText();
  }

  /** An integer field, given as a JSON integer or a string of digits (BigQuery exports). */
  static long integer(JsonNode node, String name, String where) {
    JsonNode v = field(node, name, where);
    try {
      if (v.isIntegralNumber()) {
        return v.bigIntegerValue().longValueExact();
      }
      if (v.isTextual()) {
        return Long.parseLong(v.asText().trim());
      }
      if (v.isNumber()) {
        return v.decimalValue().longValueExact();
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new EtlFormatException(where + ": field '" + name + "' is not an integer: " + v, e);
    }
    throw new EtlFormatException(where + ": field '" + name + "' is not an integer: " + v);
  }

  /**
   * {@link #integer} within {@code [min, max]}: the fields a transaction stores in 32 bits (or
   * fewer) are checked here, where the file and line are known, rather than cut down silently or
   * refused later by the ledger with no location.
   */
  static long integer(JsonNode node, String name, String where, long min, long max) {
    long v = integer(node, name, where);
    if (v < min || v > max) {
      throw new EtlFormatException(
          where + ": field '" + name + "' is " + v + ", outside " + min + ".." + max);
    }
    return v;
  }

  /** {@link #integer} as an unsigned 32-bit field (lock time, sequence, block time). */
  static long uint32(JsonNode node, String name, String where) {
    return integer(node, name, where, 0, 0xffff_ffffL);
  }

  /**
   * A transaction version: 32 bits, which Bitcoin Core before 28 printed signed and prints
   * unsigned since; either way the same bits, returned unsigned (as the block decoder reads them).
   */
  static long version(JsonNode node, String name, String where) {
    return integer(node, name, where, Integer.MIN_VALUE, 0xffff_ffffL) & 0xffff_ffffL;
  }

  /**
   * An amount in satoshi, at most the 21 million BTC that can ever exist: a larger one is not
   * Bitcoin data, and sums of a few such would overflow.
   */
  static long checkSupply(long sat, String name, String where) {
    if (sat > RawBlockDecoder.MAX_MONEY) {
      throw new EtlFormatException(
          where + ": '" + name + "' is " + sat + " sat, more than the 21,000,000 BTC supply");
    }
    return sat;
  }

  /** BTC as a JSON decimal (Core RPC) to satoshi, exactly; more than 8 decimals is an error. */
  static long btcToSat(JsonNode node, String name, String where) {
    JsonNode v = field(node, name, where);
    if (!v.isNumber() && !v.isTextual()) {
      throw new EtlFormatException(where + ": field '" + name + "' is not a number");
    }
    try {
      BigDecimal btc = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
      long sat = btc.movePointRight(8).longValueExact();
      if (sat < 0) {
        throw new EtlFormatException(where + ": negative amount " + btc);
      }
      return checkSupply(sat, name, where);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new EtlFormatException(where + ": '" + name + "' is not an amount of BTC: " + v, e);
    }
  }

  /**
   * Jackson's message without the parser's location suffix ("(start marker at [Source: REDACTED
   * ...])"), which says nothing to a person once the file and line are named.
   */
  static String problem(com.fasterxml.jackson.core.JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    int cut = m.indexOf(" (start marker at");
    if (cut < 0) {
      cut = m.indexOf("[Source:");
    }
    return (cut > 0 ? m.substring(0, cut) : m).strip();
  }
}
