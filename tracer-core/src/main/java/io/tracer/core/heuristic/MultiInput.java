package io.tracer.core.heuristic;

import io.tracer.core.model.Address;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.UtxoTx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Common-input ownership, the multi-input heuristic (HEURISTICS.md §1.1), as a strategy object:
 * every resolved input address of a non-coinbase transaction is merged with the first one
 * (BlockSci {@code processTransaction}; GraphSense's set of distinct input addresses gives the same
 * clusters). STATIC: it reads only the transaction. Immutable and thread-safe.
 *
 * <p>Inputs of at most {@link #dustLimitSat()} are left out (an unsolicited dust output spent
 * together with the victim's coins must not merge the attacker's address, HEURISTICS.md §5
 * [design]); unresolved inputs (funding transaction not loaded) carry no address and are skipped.
 * CoinJoin screening is not part of this rule: the clustering engine asks the detectors first and
 * never calls a flagged transaction's links.
 */
public final class MultiInput implements Heuristic {
  /** The name on the command line and on every merge this rule makes. */
  public static final String NAME = "multi-input";

  /** Confidence of a multi-input merge [design]: high, but below certain (PayJoin, batching). */
  public static final int DEFAULT_CONFIDENCE = 80;

  /** Inputs of at most this many sat are not merged [design]: 546 sat, Core's P2PKH dust limit. */
  public static final long DEFAULT_DUST_LIMIT_SAT = 546;

  private static final MultiInput DEFAULTS = new MultiInput(DEFAULT_CONFIDENCE, DEFAULT_DUST_LIMIT_SAT);

  private final int confidence;
  private final long dustLimitSat;

  private MultiInput(int confidence, long dustLimitSat) {
    this.confidence = Heuristic.checkConfidence(confidence);
    if (dustLimitSat < 0) {
      throw new IllegalArgumentException("dust limit must not be negative: " + dustLimitSat);
    }
    this.dustLimitSat = dustLimitSat;
  }

  /** Confidence {@value #DEFAULT_CONFIDENCE}, dust limit {@value #DEFAULT_DUST_LIMIT_SAT} sat. */
  public static MultiInput defaults() {
    return DEFAULTS;
  }

  /**
   * @throws IllegalArgumentException if confidence is outside 0..100 or the dust limit negative
   */
  public static MultiInput of(int confidence, long dustLimitSat) {
    return new MultiInput(confidence, dustLimitSat);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public HeuristicKind kind() {
    return HeuristicKind.STATIC;
  }

  @Override
  public int confidence() {
    return confidence;
  }

  /** Inputs of at most this value are not merged; 0 leaves out only zero-value inputs. */
  public long dustLimitSat() {
    return dustLimitSat;
  }

  /** True if {@code in} takes part in the merge: not coinbase, resolved, above the dust limit. */
  public boolean eligible(TxIn in) {
    return !in.isCoinbase() && in.address() != null && !isDust(in);
  }

  /** True if {@code in} is resolved and its value is at most the dust limit. */
  public boolean isDust(TxIn in) {
    return in.address() != null && in.value() >= 0 && in.value() <= dustLimitSat;
  }

  /**
   * The addresses this rule puts into one cluster for {@code tx}, with the reason: the distinct
   * eligible input addresses in input order (the first is the one the others are merged with).
   * Fewer than two addresses means no merge.
   */
  public Links links(UtxoTx tx) {
    Objects.requireNonNull(tx, "tx");
    if (tx.isCoinbase() || tx.inputs().isEmpty()) {
      return new Links(List.of(), 0, 0, "coinbase or no inputs");
    }
    Set<Address> seen = new HashSet<>();
    List<Address> out = new ArrayList<>();
    int dust = 0;
    int unresolved = 0;
    for (TxIn in : tx.inputs()) {
      if (in.address() == null) {
        unresolved++;
      } else if (isDust(in)) {
        dust++;
      } else if (seen.add(in.address())) {
        out.add(in.address());
      }
    }
    String why =
        tx.inputs().size() + " inputs, " + out.size() + " distinct addresses spent together"
            + (dust > 0 ? ", " + dust + " dust inputs (<= " + dustLimitSat + " sat) left out" : "")
            + (unresolved > 0 ? ", " + unresolved + " unresolved inputs skipped" : "");
    return new Links(out, dust, unresolved, why);
  }

  /**
   * What {@link #links} found in one transaction.
   *
   * @param addresses distinct input addresses to merge, in input order; merged only if two or more
   * @param dustInputs inputs left out as dust
   * @param unresolvedInputs inputs without an address (funding transaction not loaded)
   * @param evidence one line saying why
   */
  public record Links(List<Address> addresses, int dustInputs, int unresolvedInputs, String evidence) {
    public Links {
      addresses = List.copyOf(addresses);
      Objects.requireNonNull(evidence, "evidence");
    }

    /** True if the rule merges anything here. */
    public boolean merges() {
      return addresses.size() >= 2;
    }
  }

  @Override
  public String toString() {
    return NAME + "[confidence=" + confidence + ", dustLimitSat=" + dustLimitSat + "]";
  }
}
