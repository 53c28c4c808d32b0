package io.tracer.core.heuristic;

/** What every heuristic tells about itself; evidence and reports quote these. */
public interface Heuristic {
  /** Stable kebab-case name, e.g. {@code optimal-change}; used on the command line and in JSON. */
  String name();

  HeuristicKind kind();

  /**
   * How far a merge made on this heuristic alone should be trusted, 0–100 (GraphSense scale:
   * 100 = certain, 50 = plausible).
   */
  int confidence();

  /** Checks a confidence value is in 0..100. */
  static int checkConfidence(int confidence) {
    if (confidence < 0 || confidence > 100) {
      throw new IllegalArgumentException("confidence must be in 0..100, got " + confidence);
    }
    return confidence;
  }
}
