package io.tracer.ethereum.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Bytecode of the test contracts in {@code tracer-ethereum/node/contracts}, compiled by {@code node
 * compile.js} (solc 0.8.37, evmVersion paris) into committed test resources.
 */
public final class Contracts {
  private Contracts() {}

  /** The creation bytecode of {@code name} (TestToken, Forwarder, Deposit), 0x-prefixed. */
  public static String bin(String name) {
    return "0x" + resource(name + ".bin").trim();
  }

  private static String resource(String file) {
    try (InputStream in = Contracts.class.getResourceAsStream("/io/tracer/ethereum/contracts/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + file + "; run `node compile.js` in tracer-ethereum/node");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
