package io.tracer.core.heuristic.change;

import io.tracer.core.heuristic.Heuristic;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a change heuristic found in one transaction.
 *
 * @param heuristic the name of the heuristic (or combination) that produced this
 * @param confidence 0–100
 * @param outputs indices of the outputs that cannot be ruled out as change, ascending, no
 *     duplicates
 * @param evidence one line saying why, for reports (e.g. {@code value < min input 30000})
 */
public record ChangeCandidates(
    String heuristic, int confidence, List<Integer> outputs, String evidence) {
  public ChangeCandidates {
    Objects.requireNonNull(heuristic, "heuristic");
    Objects.requireNonNull(evidence, "evidence");
    Heuristic.checkConfidence(confidence);
    outputs = List.copyOf(outputs);
    for (int i = 0; i < outputs.size(); i++) {
      if (outputs.get(i) < 0 || (i > 0 && outputs.get(i) <= outputs.get(i - 1))) {
        throw new IllegalArgumentException("outputs must be ascending and distinct: " + outputs);
      }
    }
  }

  /** No candidates, with the reason. */
  public static ChangeCandidates none(String heuristic, int confidence, String why) {
    return new ChangeCandidates(heuristic, confidence, List.of(), why);
  }

  public boolean isEmpty() {
    return outputs.isEmpty();
  }

  /** The output index if exactly one candidate is left (BlockSci's {@code uniqueChange}). */
  public OptionalInt unique() {
    return outputs.size() == 1 ? OptionalInt.of(outputs.get(0)) : OptionalInt.empty();
  }
}
