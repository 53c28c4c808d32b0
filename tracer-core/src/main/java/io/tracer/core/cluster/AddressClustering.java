package io.tracer.core.cluster;

import io.tracer.core.heuristic.Heuristic;
import io.tracer.core.heuristic.LedgerView;
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
 * <p>Two passes in chain order. Pass 1: every address is interned in first-seen order (so a
 * cluster's smallest id is its earliest address, the anchor of its {@link ClusterId}); each
 * non-coinbase transaction is screened for CoinJoins, and unless the screen blocks it, every
 * resolved input address above the dust limit is merged with the first such input
 * (common-input ownership, BlockSci/GraphSense). Pass 2, only with a change heuristic: for every
 * unflagged transaction with at least two spendable outputs whose change rule leaves exactly one
 * candidate, the change address is merged with the first input's address (BlockSci). The
 * two-output floor is BlockSci's legacy rule and GraphSense's 2..10 window: with a single output
 * there is no change, and the rules would otherwise call the payment itself change (a sweep or a
 * deposit would merge payer and payee). Running change after all multi-input merges
 * makes {@code multi-input-change} see the complete multi-input clustering, independent of order.
 * Every successful merge is recorded once as evidence; the {@link SuperClusterGuard} may refuse a
 * merge, which is then reported instead.
 */
public final class AddressClustering {
  /** Name recorded on multi-input evidence. */
  public static final String MULTI_INPUT = "multi-input";

  /** Confidence of multi-input merges on screened transactions [design]. */
  public static final int DEFAULT_MULTI_INPUT_CONFIDENCE = 80;

  /** Name recorded on multi-input evidence from a Stonewall-shaped transaction. */
  public static final String MULTI_INPUT_STONEWALL = "multi-input/stonewall-shape";

  /**
   * Confidence of multi-input merges through a Stonewall-shaped transaction [design]: a STONEWALLx2
   * has two owners, and nothing on chain tells it from a one-wallet Stonewall.
   */
  public static final int STONEWALL_MULTI_INPUT_CONFIDENCE = 50;

  /** Inputs of at most this many sat are not merged (dust attacks; HEURISTICS.md §5) [design]. */
  public static final long DEFAULT_DUST_LIMIT_SAT = 546;

  /**
   * The documented default heuristics list: common-input ownership plus the default change rule
   * ({@code unique(optimal-change) & unique(fresh-address) & address-type}).
   */
  public static final String DEFAULT_HEURISTICS = "multi-input,default";

  private final boolean multiInput;
  private final int multiInputConfidence;
  private final ChangeHeuristic change;
  private final CoinJoinScreen screen;
  private final SuperClusterGuard guard;
  private final long dustLimit;

  private AddressClustering(Builder b) {
    this.multiInput = b.multiInput;
    this.multiInputConfidence = b.multiInputConfidence;
    this.change = b.change;
    this.screen = b.screen;
    this.guard = b.guard;
    this.dustLimit = b.dustLimit;
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
        multiInput,
        multiInputConfidence,
        change == null ? "none" : change.name(),
        change == null ? "none" : change.kind().name(),
        detectors,
        guard,
        dustLimit);
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
    try (Stream<UtxoTx> s = source.transactions()) {
      r.multiInputPass(s.iterator());
    }
    if (change != null) {
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

    void multiInputPass(Iterator<UtxoTx> it) {
      int ordinal = 0;
      while (it.hasNext()) {
        UtxoTx tx = it.next();
        transactions++;
        int n = 0;
        if (buf.length < tx.inputs().size()) {
          buf = new int[tx.inputs().size() * 2];
        }
        boolean coinbase = tx.isCoinbase();
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
          if (in.value() >= 0 && in.value() <= dustLimit) {
            dust++;
            continue;
          }
          buf[n++] = id;
        }
        for (TxOut o : tx.outputs()) {
          index.intern(o.address());
        }
        engine.ensure(index.size());
        if (!coinbase && !tx.inputs().isEmpty()) {
          CoinJoinScreen.Screening sc = screen.screen(tx, view);
          if (sc.blocksMerges()) {
            blocked.set(ordinal);
            flagged.add(new FlaggedTransaction(tx.id(), sc.labels()));
          } else if (sc.isStonewallShape()) {
            blocked.set(ordinal); // no change merge: the equal pair hides which output is change
            stonewalls++;
          }
          if (!sc.blocksMerges() && multiInput && n >= 2) {
            boolean sw = sc.isStonewallShape();
            String ruleName = sw ? MULTI_INPUT_STONEWALL : MULTI_INPUT;
            int conf = sw ? Math.min(multiInputConfidence, STONEWALL_MULTI_INPUT_CONFIDENCE) : multiInputConfidence;
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
        }
        ordinal++;
      }
    }

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
        if (tx.isCoinbase() || tx.inputs().isEmpty() || blocked.get(o) || spendable(tx) < 2) {
          continue;
        }
        int anchor = -1;
        for (TxIn in : tx.inputs()) {
          if (in.address() != null && !(in.value() >= 0 && in.value() <= dustLimit)) {
            anchor = index.id(in.address());
            break;
          }
        }
        if (anchor < 0) {
          continue;
        }
        ChangeCandidates c = change.candidates(tx, v);
        OptionalInt u = c.unique();
        if (u.isEmpty()) {
          continue;
        }
        int out = index.id(tx.output(u.getAsInt()).address());
        int res = engine.merge(anchor, out, rule(c.heuristic()), txIndex(tx.id()), c.confidence());
        changeMerges += res == IdClusterer.MERGED ? 1 : 0;
      }
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
      if (!multiInput && change.name().contains("multi-input-change")) {
        // Without multi-input merges the rule could never fire: a silent no-op is worse than an error.
        throw new IllegalStateException("multi-input-change needs multi-input clustering");
      }
      return new AddressClustering(this);
    }
  }
}
