package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.Heuristic;
import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.UtxoTx;
import java.util.Optional;

/** Name, kind and confidence; subclasses supply the rule. */
abstract class AbstractDetector implements CoinJoinDetector {
  private final String name;
  private final HeuristicKind kind;
  private final int confidence;

  AbstractDetector(String name, HeuristicKind kind, int confidence) {
    this.name = name;
    this.kind = kind;
    this.confidence = Heuristic.checkConfidence(confidence);
  }

  @Override
  public final Optional<CoinJoinMatch> detect(UtxoTx tx, LedgerView view) {
    if (tx.isCoinbase() || tx.inputs().isEmpty() || tx.outputs().isEmpty()) {
      return Optional.empty();
    }
    return test(tx, view);
  }

  abstract Optional<CoinJoinMatch> test(UtxoTx tx, LedgerView view);

  Optional<CoinJoinMatch> match(String evidence) {
    return Optional.of(new CoinJoinMatch(name, confidence, true, evidence));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public HeuristicKind kind() {
    return kind;
  }

  @Override
  public int confidence() {
    return confidence;
  }

  @Override
  public String toString() {
    return name;
  }
}
