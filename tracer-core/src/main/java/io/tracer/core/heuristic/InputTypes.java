package io.tracer.core.heuristic;

import io.tracer.core.model.Address;
import io.tracer.core.model.OutputType;
import java.util.Locale;

/**
 * Derives an output type from a Bitcoin mainnet address's prefix, for inputs whose funding
 * transaction is not loaded. {@link io.tracer.core.model.TxIn} carries no script type, so {@link
 * LedgerView#inputType} first asks the funding output and falls back to this.
 *
 * <p>The mapping: {@code 1…} P2PKH, {@code 3…} P2SH, {@code bc1q…} of 42 characters P2WPKH and of
 * 62 characters P2WSH, {@code bc1p…} P2TR, and the same for testnet/regtest prefixes ({@code m},
 * {@code n}, {@code 2}, {@code tb1}, {@code bcrt1}). P2PK outputs are shown as their P2PKH address
 * by the adapters, so from the address alone they read as P2PKH. Pseudo-addresses and anything
 * else give {@link OutputType#UNKNOWN}.
 */
public final class InputTypes {
  private InputTypes() {}

  /** The output type the address's form implies, or UNKNOWN. */
  public static OutputType fromAddress(Address a) {
    if (a == null || a.isPseudo()) {
      return OutputType.UNKNOWN;
    }
    String v = a.value();
    String l = v.toLowerCase(Locale.ROOT);
    String program = null;
    if (l.startsWith("bc1")) {
      program = l.substring(3);
    } else if (l.startsWith("tb1")) {
      program = l.substring(3);
    } else if (l.startsWith("bcrt1")) {
      program = l.substring(5);
    }
    if (program != null) {
      if (program.startsWith("q")) {
        // hrp + '1' + 'q' + data: 20-byte program gives 39 chars after "bc1", 32-byte gives 59.
        if (program.length() == 39) {
          return OutputType.P2WPKH;
        }
        if (program.length() == 59) {
          return OutputType.P2WSH;
        }
        return OutputType.UNKNOWN;
      }
      if (program.startsWith("p") && program.length() == 59) {
        return OutputType.P2TR;
      }
      return OutputType.WITNESS_UNKNOWN;
    }
    char c = v.charAt(0);
    if (v.length() >= 26 && v.length() <= 35) {
      if (c == '1' || c == 'm' || c == 'n') {
        return OutputType.P2PKH;
      }
      if (c == '3' || c == '2') {
        return OutputType.P2SH;
      }
    }
    return OutputType.UNKNOWN;
  }
}
