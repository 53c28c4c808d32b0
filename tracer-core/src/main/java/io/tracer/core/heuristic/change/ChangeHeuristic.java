package io.tracer.core.heuristic.change;

import io.tracer.core.heuristic.Heuristic;
import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.UtxoTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A change-address heuristic: from a transaction to the outputs it cannot rule out as change
 * (BlockSci {@code ChangeHeuristic}). Implementations must not throw on odd transactions (coinbase,
 * unresolved inputs, no outputs): they return no candidates and say why in the evidence.
 *
 * <p>Combinators follow BlockSci's set semantics. Their confidence [design]: ∩ takes the higher of
 * the two (agreeing rules are at least as good as the better one), ∪ the lower, − the left one,
 * {@code unique} keeps it; {@link #withConfidence} overrides it for a named combination.
 */
public interface ChangeHeuristic extends Heuristic {

  /** The candidate change outputs of {@code tx}. */
  ChangeCandidates candidates(UtxoTx tx, LedgerView view);

  /**
   * True if this rule (or a part of it) asks {@link LedgerView#sameMultiInputCluster}, i.e. needs
   * the complete multi-input clustering before it can answer ({@code multi-input-change}). The
   * engine then runs change merges in a second pass after all multi-input merges; for every other
   * rule it merges change in the same chain-order pass, which keeps cluster ids stable when later
   * blocks are added even with the super-cluster guard on.
   */
  default boolean needsMultiInputClusters() {
    return false;
  }

  /**
   * The rule spelled out in terms of the named rules, for the parameters stored with a result:
   * the same as {@link #name()} except that a rule renamed with {@link #withConfidence} (such as
   * {@code default}) shows what it stands for.
   */
  default String definition() {
    return name();
  }

  /** Outputs both heuristics keep (∩). */
  default ChangeHeuristic and(ChangeHeuristic other) {
    return Combined.of(this, other, Combined.Op.AND);
  }

  /** Outputs either heuristic keeps (∪). */
  default ChangeHeuristic or(ChangeHeuristic other) {
    return Combined.of(this, other, Combined.Op.OR);
  }

  /** Outputs this heuristic keeps and {@code other} does not (−). */
  default ChangeHeuristic minus(ChangeHeuristic other) {
    return Combined.of(this, other, Combined.Op.MINUS);
  }

  /** This heuristic's candidates if there is exactly one, else none. */
  default ChangeHeuristic unique() {
    ChangeHeuristic self = this;
    String name = "unique(" + name() + ")";
    return new ChangeHeuristic() {
      @Override
      public ChangeCandidates candidates(UtxoTx tx, LedgerView view) {
        ChangeCandidates c = self.candidates(tx, view);
        if (c.outputs().size() == 1) {
          return new ChangeCandidates(name, confidence(), c.outputs(), c.evidence());
        }
        return ChangeCandidates.none(
            name, confidence(), c.outputs().size() + " candidates (" + c.evidence() + ")");
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public HeuristicKind kind() {
        return self.kind();
      }

      @Override
      public int confidence() {
        return self.confidence();
      }

      @Override
      public boolean needsMultiInputClusters() {
        return self.needsMultiInputClusters();
      }

      @Override
      public String definition() {
        return "unique(" + self.definition() + ")";
      }
    };
  }

  /** The same rule reported under {@code name} with {@code confidence}. */
  default ChangeHeuristic withConfidence(String name, int confidence) {
    Objects.requireNonNull(name, "name");
    Heuristic.checkConfidence(confidence);
    ChangeHeuristic self = this;
    return new ChangeHeuristic() {
      @Override
      public ChangeCandidates candidates(UtxoTx tx, LedgerView view) {
        ChangeCandidates c = self.candidates(tx, view);
        return new ChangeCandidates(name, confidence, c.outputs(), c.evidence());
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public HeuristicKind kind() {
        return self.kind();
      }

      @Override
      public int confidence() {
        return confidence;
      }

      @Override
      public boolean needsMultiInputClusters() {
        return self.needsMultiInputClusters();
      }

      @Override
      public String definition() {
        return self.definition();
      }
    };
  }

  /** ∩, ∪ and − of two heuristics. */
  final class Combined implements ChangeHeuristic {
    enum Op {
      AND(" & "),
      OR(" | "),
      MINUS(" - ");

      final String symbol;

      Op(String symbol) {
        this.symbol = symbol;
      }
    }

    private final ChangeHeuristic left;
    private final ChangeHeuristic right;
    private final Op op;
    private final String name;

    private Combined(ChangeHeuristic left, ChangeHeuristic right, Op op) {
      this.left = left;
      this.right = right;
      this.op = op;
      this.name = "(" + left.name() + op.symbol + right.name() + ")";
    }

    static ChangeHeuristic of(ChangeHeuristic l, ChangeHeuristic r, Op op) {
      return new Combined(Objects.requireNonNull(l, "left"), Objects.requireNonNull(r, "right"), op);
    }

    @Override
    public ChangeCandidates candidates(UtxoTx tx, LedgerView view) {
      ChangeCandidates a = left.candidates(tx, view);
      ChangeCandidates b = right.candidates(tx, view);
      TreeSet<Integer> out = new TreeSet<>(a.outputs());
      switch (op) {
        case AND:
          out.retainAll(b.outputs());
          break;
        case OR:
          out.addAll(b.outputs());
          break;
        default:
          out.removeAll(b.outputs());
          break;
      }
      return new ChangeCandidates(
          name,
          confidence(),
          new ArrayList<>(out),
          left.name() + ": " + a.outputs() + op.symbol + right.name() + ": " + b.outputs());
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public HeuristicKind kind() {
      return left.kind().and(right.kind());
    }

    @Override
    public int confidence() {
      switch (op) {
        case AND:
          return Math.max(left.confidence(), right.confidence());
        case OR:
          return Math.min(left.confidence(), right.confidence());
        default:
          return left.confidence();
      }
    }

    @Override
    public boolean needsMultiInputClusters() {
      return left.needsMultiInputClusters() || right.needsMultiInputClusters();
    }

    @Override
    public String definition() {
      return "(" + left.definition() + op.symbol + right.definition() + ")";
    }

    /** The two operands, for reports. */
    public List<ChangeHeuristic> operands() {
      return List.of(left, right);
    }
  }
}
