package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.UtxoTx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a set of detectors over a transaction and decides whether the clustering engine may merge
 * through it. Immutable and thread-safe.
 *
 * <p>Rules: any detector match except {@link Stonewall} {@linkplain Screening#blocksMerges() blocks
 * merges}. Stonewall is a veto only (GraphSense): it removes the {@code blocksci-coinjoin} and
 * {@code joinmarket} labels, which a 2-party-looking Stonewall would otherwise earn, and blocks
 * nothing by itself. [design] Because a STONEWALLx2 does join two wallets, the clustering engine
 * records multi-input merges through a Stonewall-shaped transaction at a reduced confidence (so the
 * super-cluster guard and explanations see them as weak) and makes no change merge there. An
 * earlier version blocked Stonewall shapes outright; on real block 363,703 that withheld a
 * 258-input batch spend, so the veto-only reading of the source was restored.
 */
public final class CoinJoinScreen {
  private static final Map<String, Supplier<CoinJoinDetector>> NAMED = new LinkedHashMap<>();

  static {
    NAMED.put("blocksci-coinjoin", GenericCoinJoin::new);
    NAMED.put("whirlpool-mix", WhirlpoolMix::new);
    NAMED.put("whirlpool-tx0", WhirlpoolTx0::new);
    NAMED.put("wasabi-1", Wasabi1::new);
    NAMED.put("wabisabi", WabiSabi::new);
    NAMED.put("wabisabi-strict", WabiSabiStrict::new);
    NAMED.put("joinmarket", JoinMarket::new);
    NAMED.put("stonewall", Stonewall::new);
  }

  private static final List<String> VETOED = List.of("blocksci-coinjoin", "joinmarket");

  private final List<CoinJoinDetector> detectors;

  private CoinJoinScreen(List<CoinJoinDetector> detectors) {
    this.detectors = List.copyOf(detectors);
  }

  /** Every detector: generic, Whirlpool mix and Tx0, Wasabi 1, WabiSabi (both), JoinMarket, Stonewall. */
  public static CoinJoinScreen defaults() {
    List<CoinJoinDetector> all = new ArrayList<>();
    for (Supplier<CoinJoinDetector> s : NAMED.values()) {
      all.add(s.get());
    }
    return new CoinJoinScreen(all);
  }

  /** No detector: nothing is ever flagged (for experiments; never the default). */
  public static CoinJoinScreen none() {
    return new CoinJoinScreen(List.of());
  }

  /** A screen with exactly these detectors. */
  public static CoinJoinScreen of(List<CoinJoinDetector> detectors) {
    Objects.requireNonNull(detectors, "detectors");
    return new CoinJoinScreen(detectors);
  }

  /** A detector by name ({@link #names()}). */
  public static CoinJoinDetector named(String name) {
    Supplier<CoinJoinDetector> s = NAMED.get(name.trim().toLowerCase(Locale.ROOT));
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown CoinJoin detector; known: " + String.join(", ", NAMED.keySet()));
    }
    return s.get();
  }

  public static List<String> names() {
    return List.copyOf(NAMED.keySet());
  }

  public List<CoinJoinDetector> detectors() {
    return detectors;
  }

  /** Runs every detector on {@code tx}. */
  public Screening screen(UtxoTx tx, LedgerView view) {
    List<CoinJoinMatch> matches = new ArrayList<>(2);
    CoinJoinMatch veto = null;
    int nOut = tx.outputs().size();
    for (CoinJoinDetector d : detectors) {
      if (nOut < d.minOutputs()) {
        continue;
      }
      Optional<CoinJoinMatch> m = d.detect(tx, view);
      if (m.isPresent()) {
        if (d instanceof Stonewall) {
          veto = m.get();
        } else {
          matches.add(m.get());
        }
      }
    }
    if (veto != null) {
      matches.removeIf(m -> VETOED.contains(m.detector()));
    }
    return new Screening(matches, Optional.ofNullable(veto));
  }

  /**
   * The screen's answer for one transaction.
   *
   * @param matches the detectors that fired (after the Stonewall veto)
   * @param stonewall the Stonewall match, if any
   */
  public record Screening(List<CoinJoinMatch> matches, Optional<CoinJoinMatch> stonewall) {
    public Screening {
      matches = List.copyOf(matches);
      Objects.requireNonNull(stonewall, "stonewall");
    }

    /** True if some multi-party detector (a mix) fired. */
    public boolean isCoinJoin() {
      return matches.stream().anyMatch(CoinJoinMatch::multiParty);
    }

    /** True if the engine must not merge through this transaction. */
    public boolean blocksMerges() {
      return !matches.isEmpty();
    }

    /** True if the transaction has the Stonewall shape (and no other detector fired). */
    public boolean isStonewallShape() {
      return matches.isEmpty() && stonewall.isPresent();
    }

    /** Names of what fired, for reports: e.g. {@code whirlpool-mix} or {@code stonewall}. */
    public List<String> labels() {
      List<String> l = new ArrayList<>();
      matches.forEach(m -> l.add(m.detector()));
      stonewall.ifPresent(m -> l.add(m.detector()));
      return l;
    }
  }
}
