package io.tracer.core.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters a clustering ran with, stored with its result so that a report says how it was
 * made and a run can be repeated.
 *
 * @param multiInput whether common-input ownership was applied
 * @param multiInputConfidence confidence recorded for multi-input merges
 * @param changeHeuristic the change rule's name, or {@code none}
 * @param changeDefinition the change rule spelled out ({@link
 *     io.tracer.core.heuristic.change.ChangeHeuristic#definition}), or {@code none}
 * @param changeKind STATIC or DYNAMIC, or {@code none}
 * @param changeConfidence the change rule's confidence, or -1 without a change rule
 * @param changeOrder {@code chain-order} (change merged right after each transaction's inputs) or
 *     {@code after-multi-input} (a second pass, for rules needing the complete multi-input
 *     clustering)
 * @param coinJoinDetectors the detectors screening every transaction
 * @param guard the super-cluster guard
 * @param dustLimitSat inputs of at most this value are not merged (unsolicited-dust trap)
 */
public record ClusteringParams(
    boolean multiInput,
    int multiInputConfidence,
    String changeHeuristic,
    String changeDefinition,
    String changeKind,
    int changeConfidence,
    String changeOrder,
    List<String> coinJoinDetectors,
    SuperClusterGuard guard,
    long dustLimitSat) {
  public ClusteringParams {
    Objects.requireNonNull(changeHeuristic, "changeHeuristic");
    Objects.requireNonNull(changeDefinition, "changeDefinition");
    Objects.requireNonNull(changeKind, "changeKind");
    Objects.requireNonNull(changeOrder, "changeOrder");
    coinJoinDetectors = List.copyOf(coinJoinDetectors);
    Objects.requireNonNull(guard, "guard");
  }

  /** An ordered map for JSON reports. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("multiInput", multiInput);
    m.put("multiInputConfidence", multiInputConfidence);
    m.put("changeHeuristic", changeHeuristic);
    m.put("changeDefinition", changeDefinition);
    m.put("changeKind", changeKind);
    m.put("changeConfidence", changeConfidence < 0 ? null : changeConfidence);
    m.put("changeOrder", changeOrder);
    m.put("coinJoinDetectors", coinJoinDetectors);
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("enabled", guard.isEnabled());
    g.put("minClusterSize", guard.isEnabled() ? guard.minClusterSize() : null);
    g.put("minConfidence", guard.minConfidence());
    m.put("superClusterGuard", g);
    m.put("dustLimitSat", Long.toString(dustLimitSat));
    return m;
  }
}
