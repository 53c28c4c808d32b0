package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Wasabi 2.0 / WabiSabi, the strict rule (am-i-exposed H4), HEURISTICS.md §2. Confidence 80
 * [design] (reported in-sample precision 100%, recall 95.4%).
 *
 * <ul>
 *   <li>Denominations: 2^n, 3^n, 2·3^n, 10^n, 2·10^n, 5·10^n sat from 5,000 sat up, and 1,000.
 *   <li>Structure: at least 5 inputs and 5 outputs, every input and output P2WPKH or P2TR; every
 *       nSequence 0xffffffff; nLockTime 0; no OP_RETURN; inputs and outputs sorted by value,
 *       descending; no repeated output address.
 *   <li>Evidence: at least 60% of outputs at a denomination; at least 2 distinct denominations; at
 *       least 2 outputs at a non-decimal denomination (2^n, 3^n, 2·3^n that is not also decimal).
 * </ul>
 */
public final class WabiSabiStrict extends AbstractDetector {
  public static final int MIN_INPUTS = 5;
  public static final int MIN_OUTPUTS = 5;
  public static final long FINAL_SEQUENCE = 0xffffffffL;
  public static final long MIN_DENOMINATION_SAT = 5_000;
  public static final long EXTRA_DENOMINATION_SAT = 1_000;
  /** At least 60% of outputs at a denomination: count·100 ≥ 60·nOut. */
  public static final int MIN_DENOMINATED_PERCENT = 60;
  public static final int MIN_DISTINCT_DENOMINATIONS = 2;
  public static final int MIN_NON_DECIMAL_OUTPUTS = 2;
  /** 21 million BTC in sat: no denomination above. */
  private static final long MAX_SAT = 2_100_000_000_000_000L;

  private static final Set<Long> DECIMAL = new HashSet<>();
  private static final Set<Long> ALL = new HashSet<>();

  static {
    for (long p = 1; p <= MAX_SAT; p *= 10) {
      addDecimal(p);
      addDecimal(2 * p);
      addDecimal(5 * p);
    }
    for (long p = 1; p <= MAX_SAT; p *= 2) {
      addIfLarge(p);
    }
    for (long p = 1; p <= MAX_SAT; p *= 3) {
      addIfLarge(p);
      addIfLarge(2 * p);
    }
    ALL.add(EXTRA_DENOMINATION_SAT);
    DECIMAL.add(EXTRA_DENOMINATION_SAT);
  }

  private static void addDecimal(long v) {
    if (v >= MIN_DENOMINATION_SAT && v <= MAX_SAT) {
      DECIMAL.add(v);
      ALL.add(v);
    }
  }

  private static void addIfLarge(long v) {
    if (v >= MIN_DENOMINATION_SAT && v <= MAX_SAT) {
      ALL.add(v);
    }
  }

  /** True if {@code sat} is a standard WabiSabi denomination. */
  public static boolean isDenomination(long sat) {
    return ALL.contains(sat);
  }

  /** True if {@code sat} is a denomination of the 10^n, 2·10^n, 5·10^n series. */
  public static boolean isDecimalDenomination(long sat) {
    return DECIMAL.contains(sat);
  }

  public WabiSabiStrict() {
    super("wabisabi-strict", HeuristicKind.STATIC, 80);
  }

  @Override
  Optional<CoinJoinMatch> test(UtxoTx tx, LedgerView view) {
    int nIn = tx.inputs().size();
    int nOut = tx.outputs().size();
    if (nIn < MIN_INPUTS || nOut < MIN_OUTPUTS || tx.lockTime() != 0 || !tx.inputsResolved()) {
      return Optional.empty();
    }
    long prev = Long.MAX_VALUE;
    for (TxIn in : tx.inputs()) {
      OutputType t = view.inputType(in);
      if (in.sequence() != FINAL_SEQUENCE || !segwitSingleKey(t) || in.value() > prev) {
        return Optional.empty();
      }
      prev = in.value();
    }
    prev = Long.MAX_VALUE;
    for (TxOut o : tx.outputs()) {
      if (!segwitSingleKey(o.type()) || o.value() > prev) {
        return Optional.empty();
      }
      prev = o.value();
    }
    if (!TxShape.distinctAddresses(tx.outputs())) {
      return Optional.empty();
    }
    int denominated = 0;
    int nonDecimal = 0;
    Set<Long> used = new TreeSet<>();
    for (TxOut o : tx.outputs()) {
      if (isDenomination(o.value())) {
        denominated++;
        used.add(o.value());
        if (!isDecimalDenomination(o.value())) {
          nonDecimal++;
        }
      }
    }
    if (denominated * 100 < MIN_DENOMINATED_PERCENT * nOut
        || used.size() < MIN_DISTINCT_DENOMINATIONS
        || nonDecimal < MIN_NON_DECIMAL_OUTPUTS) {
      return Optional.empty();
    }
    return match(
        denominated + " of " + nOut + " outputs at " + used.size() + " denominations, "
            + nonDecimal + " non-decimal");
  }

  private static boolean segwitSingleKey(OutputType t) {
    return t == OutputType.P2WPKH || t == OutputType.P2TR;
  }

  /** Fewest outputs: at least 5 outputs. */
  @Override
  public int minOutputs() {
    return MIN_OUTPUTS;
  }
}
