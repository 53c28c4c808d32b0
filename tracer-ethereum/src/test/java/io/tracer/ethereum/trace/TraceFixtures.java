package io.tracer.ethereum.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.ethereum.rpc.JsonRpcClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads JSON-RPC answers stored under {@code src/test/resources/io/tracer/ethereum/trace}. */
final class TraceFixtures {
  private TraceFixtures() {}

  /** The {@code result} member of a stored JSON-RPC answer. */
  static JsonNode result(String file) {
    try (InputStream in = TraceFixtures.class.getResourceAsStream(file)) {
      return JsonRpcClient.mapper().readTree(in).get("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JsonRpcClient.mapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
