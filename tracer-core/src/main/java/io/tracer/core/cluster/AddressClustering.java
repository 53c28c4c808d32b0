package io.tracer.core.cluster;

import io.tracer.core.heuristic.Heuristic;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.heuristic.MultiInput;
import io.tracer.core.heuristic.change.ChangeCandidates;
import io.tracer.core.heuristic.change.ChangeHeuristic;
import io.tracer.core.heuristic.change.ChangeHeuristics;
import io.tracer.core.heuristic.coinjoin.CoinJoinDetector;
import io.tracer.core.heuristic.coinjoin.CoinJoinScreen;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Clusters the addresses of a UTXO source into entities. Immutable and thread-safe: each {@link
 * #run} keeps its state to itself.
 *
 * <pre>{@code
 * Clustering c = AddressClustering.builder()
 *     .changeHeuristic(ChangeHeuristics.defaultRule())
 *     .build()
 *     .run(ledger);
 * ClusterId entity = c.clusterOf(address);
 * }</pre>
 *
 * <p>One pass in chain order. Every address is interned in first-seen order (so a cluster's
 * smallest id is its earliest address, the anchor of its {@link ClusterId}); each non-coinbase
 * transaction is screened for CoinJoins, and unless the screen blocks it, the {@link MultiInput}
 * rule merges every resolved input address above the dust limit with the first such input
 * (common-input ownership, BlockSci/GraphSense); then, with a change heuristic, if the transaction
 * has at least two spendable outputs and the change rule leaves exactly one candidate, the change
 * address is merged with the first input's address (BlockSci). The two-output floor is BlockSci's
 * legacy rule and GraphSense's 2..10 window: with a single output there is no change, and the
 * rules would otherwise call the payment itself change (a sweep or a deposit would merge payer and
 * payee).
 *
 * <p>Why one pass: the {@link SuperClusterGuard} depends on the order of merges. Merging each
 * transaction's change right after its inputs makes a run over blocks 0..n do exactly the first
 * steps of a run over 0..m (m &gt; n) as long as the rule's answers for old transactions do not
 * change when blocks are added (true of every STATIC rule and of {@code fresh-address}, hence of
 * the default rule): clusters of the shorter run are never split by the longer one, and each
 * keeps its id unless it joins an older cluster. Only a rule that {@linkplain
 * ChangeHeuristic#needsMultiInputClusters needs the complete multi-input clustering} ({@code
 * multi-input-change}, {@code graphsense}) gets a second pass after all multi-input merges, asked
 * against a frozen copy of them; such runs (and other DYNAMIC rules) may withdraw change merges
 * when later blocks arrive. Every successful merge is recorded once as evidence; the guard may
 * refuse a merge, which is then reported instead.
 */
public final class AddressClustering {
  /** Name recorded on multi-input evidence. */
  public static final String MULTI_INPUT = MultiInput.NAME;

  /** Confidence of multi-input merges on screened transactions [design]. */
  public static final int DEFAULT_MULTI_INPUT_CONFIDENCE = MultiInput.DEFAULT_CONFIDENCE;

  /** Name recorded on multi-input evidence from a Stonewall-shaped transaction. */
  public static final String MULTI_INPUT_STONEWALL = "multi-input/stonewall-shape";

  /**
   * Confidence of multi-input merges through a Stonewall-shaped transaction [design]: a STONEWALLx2
   * has two owners, and nothing on chain tells it from a one-wallet Stonewall.
   */
  public static final int STONEWALL_MULTI_INPUT_CONFIDENCE = 50;

  /** Inputs of at most this many sat are not merged (dust attacks; HEURISTICS.md §5) [design]. */
  public static final long DEFAULT_DUST_LIMIT_SAT = MultiInput.DEFAULT_DUST_LIMIT_SAT;

  /**
   * The documented default heuristics list: common-input ownership plus the default change rule
   * ({@code unique(optimal-change) & unique(fresh-address) & address-type}).
   */
  public static final String DEFAULT_HEURISTICS = "multi-input,default";

  private final boolean multiInputOn;
  /** The multi-input rule; its dust limit also applies to the change rule's anchor input. */
  private final MultiInput multiInput;
  private final ChangeHeuristic change;
  private final CoinJoinScreen screen;
  private final SuperClusterGuard guard;

  private AddressClustering(Builder b) {
    this.multiInputOn = b.multiInput;
    this.multiInput = MultiInput.of(b.multiInputConfidence, b.dustLimit);
    this.change = b.change;
    this.screen = b.screen;
    this.guard = b.guard;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The parameters every run of this engine records. */
  public ClusteringParams params() {
    List<String> detectors = new ArrayList<>();
    for (CoinJoinDetector d : screen.detectors()) {
      detectors.add(d.name());
    }
    return new ClusteringParams(
        multiInputOn,
        multiInput.confidence(),
        change == null ? "none" : change.name(),
        change == null ? "none" : change.definition(),
        change == null ? "none" : change.kind().name(),
        change == null ? -1 : change.confidence(),
        change != null && change.needsMultiInputClusters() ? "after-multi-input" : "chain-order",
        detectors,
        guard,
        multiInput.dustLimitSat());
  }

  /** Clusters every transaction of {@code source}, with the source as the dynamic heuristics' view. */
  public Clustering run(UtxoSource source) {
    return run(source, LedgerView.of(source));
  }

  /**
   * Clusters every transaction of {@code source}; dynamic heuristics ask {@code view}.
   *
   * @throws UnsupportedOperationException if the source cannot enumerate its transactions
   */
  public Clustering run(UtxoSource source, LedgerView view) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(view, "view");
    Run r = new Run(view);
    boolean secondPass = change != null && change.needsMultiInputClusters();
    try (Stream<UtxoTx> s = source.transactions()) {
      r.mainPass(s.iterator(), change != null && !secondPass);
    }
    if (secondPass) {
      try (Stream<UtxoTx> s = source.transactions()) {
        r.changePass(s.iterator());
      }
    }
    return r.finish(source.describe());
  }

  /** State of one run. */
  private final class Run {
    final LedgerView view;
    final AddressIndex index = new AddressIndex(1 << 12);
    final IdClusterer engine = new IdClusterer(1 << 12, 1 << 10, guard);
    final List<TxId> txs = new ArrayList<>();
    final List<String> rules = new ArrayList<>();
    final Map<String, Integer> ruleIndex = new HashMap<>();
    final List<FlaggedTransaction> flagged = new ArrayList<>();
    final BitSet blocked = new BitSet();
    long transactions;
    long inputs;
    long unresolved;
    long dust;
    long stonewalls;
    int multiMerges;
    int changeMerges;
    int[] buf = new int[64];

    Run(LedgerView view) {
      this.view = view;
    }

    /**
     * Chain order: interning, screening, multi-input merges and, when {@code withChange}, the
     * transaction's change merge right after its multi-input merges.
     */
    void mainPass(Iterator<UtxoTx> it, boolean withChange) {
      int ordinal = 0;
      while (it.hasNext()) {
        UtxoTx tx = it.next();
        transactions++;
        int n = 0;
        if (buf.length < tx.inputs().size()) {
          buf = new int[tx.inputs().size() * 2];
        }
        for (TxIn in : tx.inputs()) {
          if (in.isCoinbase()) {
            continue;
          }
          inputs++;
          if (in.address() == null) {
            unresolved++;
            continue;
          }
          int id = index.intern(in.address());
          if (multiInput.isDust(in)) {
            dust++;
            continue;
          }
          buf[n++] = id;
        }
        for (TxOut o : tx.outputs()) {
          index.intern(o.address());
        }
        engine.ensure(index.size());
        if (!tx.isCoinbase() && !tx.inputs().isEmpty()) {
          CoinJoinScreen.Screening sc = screen.screen(tx, view);
          if (sc.blocksMerges()) {
            blocked.set(ordinal);
            flagged.add(new FlaggedTransaction(tx.id(), sc.labels()));
          } else {
            if (sc.isStonewallShape()) {
              blocked.set(ordinal); // no change merge: the equal pair hides which output is change
              stonewalls++;
            }
            if (multiInputOn && n >= 2) {
              mergeInputs(tx, n, sc.isStonewallShape());
            }
            if (withChange && !sc.isStonewallShape()) {
              mergeChange(tx, view);
            }
          }
        }
        ordinal++;
      }
    }

    void mergeInputs(UtxoTx tx, int n, boolean stonewall) {
      String ruleName = stonewall ? MULTI_INPUT_STONEWALL : MultiInput.NAME;
      int conf =
          stonewall
              ? Math.min(multiInput.confidence(), STONEWALL_MULTI_INPUT_CONFIDENCE)
              : multiInput.confidence();
      int txIndex = -1;
      for (int i = 1; i < n; i++) {
        if (txIndex < 0 && engine.unionFind().find(buf[0]) == engine.unionFind().find(buf[i])) {
          continue;
        }
        if (txIndex < 0) {
          txIndex = txIndex(tx.id());
        }
        int res = engine.merge(buf[0], buf[i], rule(ruleName), txIndex, conf);
        multiMerges += res == IdClusterer.MERGED ? 1 : 0;
      }
    }

    /**
     * Second pass, only for rules that need the complete multi-input clustering ({@code
     * multi-input-change}): they are asked against a frozen copy of it.
     */
    void changePass(Iterator<UtxoTx> it) {
      UnionFind frozen = engine.unionFind().copy();
      LedgerView v =
          view.withMultiInputClusters(
              (a, b) -> {
                int ia = index.id(a);
                int ib = index.id(b);
                return ia >= 0 && ib >= 0 && frozen.find(ia) == frozen.find(ib);
              });
      int ordinal = 0;
      while (it.hasNext()) {
        UtxoTx tx = it.next();
        int o = ordinal++;
        if (!tx.isCoinbase() && !tx.inputs().isEmpty() && !blocked.get(o)) {
          mergeChange(tx, v);
        }
      }
    }

    /** Merges the unique change output of an unflagged transaction with its first input. */
    void mergeChange(UtxoTx tx, LedgerView v) {
      if (spendable(tx) < 2) {
        return;
      }
      int anchor = -1;
      for (TxIn in : tx.inputs()) {
        if (in.address() != null && !multiInput.isDust(in)) {
          anchor = index.id(in.address());
          break;
        }
      }
      if (anchor < 0) {
        return;
      }
      ChangeCandidates c = change.candidates(tx, v);
      OptionalInt u = c.unique();
      if (u.isEmpty()) {
        return;
      }
      int out = index.id(tx.output(u.getAsInt()).address());
      int res = engine.merge(anchor, out, rule(c.heuristic()), txIndex(tx.id()), c.confidence());
      changeMerges += res == IdClusterer.MERGED ? 1 : 0;
    }

    /** Spendable outputs: a transaction with fewer than two has no change to find. */
    int spendable(UtxoTx tx) {
      int n = 0;
      for (TxOut o : tx.outputs()) {
        n += o.type().isSpendable() ? 1 : 0;
      }
      return n;
    }

    int txIndex(TxId id) {
      if (!txs.isEmpty() && txs.get(txs.size() - 1).equals(id)) {
        return txs.size() - 1;
      }
      txs.add(id);
      return txs.size() - 1;
    }

    int rule(String name) {
      Integer i = ruleIndex.get(name);
      if (i == null) {
        if (rules.size() >= 127) {
          throw new IllegalStateException("more than 127 distinct rule names");
        }
        i = rules.size();
        rules.add(name);
        ruleIndex.put(name, i);
      }
      return i;
    }

    Clustering finish(String source) {
      ClusteringStats partial =
          new ClusteringStats(
              transactions, inputs, unresolved, dust, flagged.size(), stonewalls, 0, 0, multiMerges,
              changeMerges, 0);
      return new Clustering(index, engine, txs, rules, flagged, params(), partial, source);
    }
  }

  /** Configures an {@link AddressClustering}; rejects combinations that cannot work. */
  public static final class Builder {
    private boolean multiInput = true;
    private int multiInputConfidence = DEFAULT_MULTI_INPUT_CONFIDENCE;
    private ChangeHeuristic change;
    private CoinJoinScreen screen = CoinJoinScreen.defaults();
    private SuperClusterGuard guard = SuperClusterGuard.defaults();
    private long dustLimit = DEFAULT_DUST_LIMIT_SAT;

    private Builder() {}

    /** Whether to apply common-input ownership (default true). */
    public Builder multiInput(boolean on) {
      this.multiInput = on;
      return this;
    }

    public Builder multiInputConfidence(int confidence) {
      this.multiInputConfidence = Heuristic.checkConfidence(confidence);
      return this;
    }

    /**
     * Sets multi-input and the change rule from the command line's {@code --heuristics} list:
     * comma-separated items, each {@code multi-input} or one change-rule expression ({@link
     * ChangeHeuristics#parse}), e.g. {@code multi-input,default}. Items absent are off.
     *
     * @throws IllegalArgumentException for an empty list, an unknown name or two change rules
     */
    public Builder heuristics(String list) {
      if (list == null || list.isBlank()) {
        throw new IllegalArgumentException("empty heuristics list");
      }
      boolean mi = false;
      ChangeHeuristic ch = null;
      for (String item : list.split(",", -1)) {
        String t = item.trim();
        if (t.equalsIgnoreCase(MULTI_INPUT)) {
          mi = true;
        } else if (t.isEmpty()) {
          throw new IllegalArgumentException("empty item in heuristics list");
        } else if (ch != null) {
          throw new IllegalArgumentException(
              "only one change rule may be given; combine rules with & | - instead");
        } else {
          ch = ChangeHeuristics.parse(t);
        }
      }
      this.multiInput = mi;
      this.change = ch;
      return this;
    }

    /** The change rule (default none: multi-input only). */
    public Builder changeHeuristic(ChangeHeuristic h) {
      this.change = Objects.requireNonNull(h, "change heuristic");
      return this;
    }

    public Builder coinJoinScreen(CoinJoinScreen s) {
      this.screen = Objects.requireNonNull(s, "screen");
      return this;
    }

    public Builder guard(SuperClusterGuard g) {
      this.guard = Objects.requireNonNull(g, "guard");
      return this;
    }

    /** Inputs of at most this value are not merged; 0 merges every input except zero-value ones. */
    public Builder dustLimitSat(long sat) {
      if (sat < 0) {
        throw new IllegalArgumentException("dust limit must not be negative: " + sat);
      }
      this.dustLimit = sat;
      return this;
    }

    /**
     * @throws IllegalStateException if neither multi-input nor a change rule is on, or if {@code
     *     multi-input-change} is used without multi-input clustering
     */
    public AddressClustering build() {
      if (!multiInput && change == null) {
        throw new IllegalStateException("nothing to cluster with: enable multi-input or set a change heuristic");
      }
      if (!multiInput && change.needsMultiInputClusters()) {
        // Without multi-input merges the rule could never fire: a silent no-op is worse than an error.
        throw new IllegalStateException("multi-input-change needs multi-input clustering");
      }
      return new AddressClustering(this);
    }
  }
}
