package io.tracer.cli;

import io.tracer.core.intel.AddressChecks;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.UtxoSource;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

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

  /**
   * The address {@code text} on {@code chain}, its checksum verified: a mistyped address must be an
   * error, never a clean screening result or an empty trace for an address nobody uses.
   */
  static Address address(String text, Chain chain) {
    return address(text, chain, a -> false);
  }

  /**
   * As {@link #address(String, Chain)}, but an address the source holds is accepted even if its
   * encoding is one the checksum rules do not know (test ledgers, exotic scripts).
   */
  static Address address(String text, LedgerSource source) {
    Predicate<Address> known =
        source instanceof UtxoSource ? a -> !((UtxoSource) source).history(a).isEmpty() : a -> false;
    Address a = address(text, source.chain(), known);
    if (a.chain() != source.chain()) {
      throw new CliException("'" + text + "' is an address on " + a.chain().id() + ", but "
          + source.describe() + " holds " + source.chain().id() + " data");
    }
    return a;
  }

  private static Address address(String text, Chain chain, Predicate<Address> known) {
    Address a;
    try {
      a = Address.parse(text, chain);
    } catch (IllegalArgumentException e) {
      throw new CliException("not a " + chain.id() + " address: '" + text + "': " + e.getMessage());
    }
    if (a.isPseudo()) {
      return a;
    }
    Optional<String> problem = AddressChecks.problem(a.chain(), checkable(text, a.chain()));
    if (problem.isPresent() && !known.test(a)) {
      throw new CliException(
          "not a valid " + a.chain().id() + " address: '" + text + "' (" + problem.get() + ")");
    }
    return a;
  }

  /** The text as typed (EIP-55 case kept), without a {@code chain:} prefix, {@code 0x} added on EVM. */
  private static String checkable(String text, Chain chain) {
    String t = text.trim();
    int colon = t.indexOf(':');
    if (colon > 0 && Chain.fromId(t.substring(0, colon)).isPresent()) {
      t = t.substring(colon + 1);
    }
    if (chain.isEvm() && !t.toLowerCase(Locale.ROOT).startsWith("0x")) {
      t = "0x" + t;
    }
    return t;
  }
}
