package io.tracer.core.cluster;

import io.tracer.core.model.Address;
import java.util.List;
import java.util.Objects;

/**
 * Why an address belongs to its cluster: the shortest chain of merges from the address to the
 * cluster's anchor (its earliest address), each with its heuristic, transaction and confidence.
 *
 * @param address the address asked about
 * @param cluster its cluster
 * @param size addresses in the cluster
 * @param path merges leading from {@code address} to the anchor; empty if it is the anchor
 * @param weakestConfidence the lowest confidence on the path (100 for an empty path)
 */
public record Explanation(
    Address address, ClusterId cluster, int size, List<Merge> path, int weakestConfidence) {
  public Explanation {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(cluster, "cluster");
    path = List.copyOf(path);
  }
}
