package io.tracer.cli;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;

/** Parsing of command arguments into model values, with messages a person understands. */
final class Args {
  private Args() {}

  static TxId txId(String text) {
    try {
      return TxId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("not a transaction id: '" + text + "' (expected 64 hex digits)");
    }
  }

  static OutPoint outPoint(String text) {
    try {
      return OutPoint.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("not an output: '" + text + "' (expected TXID:INDEX)");
    }
  }

  static Address address(String text, Chain chain) {
    try {
      return Address.parse(text, chain);
    } catch (IllegalArgumentException e) {
      throw new CliException("not a " + chain.id() + " address: '" + text + "': " + e.getMessage());
    }
  }
}
