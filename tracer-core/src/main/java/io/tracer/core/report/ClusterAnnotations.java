package io.tracer.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.cluster.ClusterId;
import io.tracer.core.cluster.ClusterReport;
import io.tracer.core.cluster.Clustering;
import io.tracer.core.intel.Label;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Intelligence on clusters for {@link ClusterReport}: who controls a flagged wallet controls its
 * cluster, so a cluster is reported with every labelled member, listed or not.
 */
public final class ClusterAnnotations {
  private ClusterAnnotations() {}

  /**
   * Adds {@code flagged} (some member has a label of an illicit category) and {@code
   * labelledMembers: [{address, labels}]} (address order) to each cluster.
   */
  public static BiConsumer<ClusterId, ObjectNode> labels(Watchlist intel, Clustering clustering) {
    Objects.requireNonNull(intel, "intel");
    Objects.requireNonNull(clustering, "clustering");
    return (id, n) -> {
      Map<Address, List<Label>> labelled = intel.lookupCluster(clustering, id.anchor());
      n.put("flagged", isFlagged(labelled));
      ArrayNode arr = n.putArray("labelledMembers");
      for (Map.Entry<Address, List<Label>> e : labelled.entrySet()) {
        ObjectNode m = arr.addObject();
        m.put("address", Json.address(e.getKey()));
        ArrayNode ls = m.putArray("labels");
        e.getValue().forEach(l -> ls.add(TraceAnnotations.label(l)));
      }
    };
  }

  /** Clusters with a member labelled in an illicit category. */
  public static Predicate<ClusterId> flagged(Watchlist intel, Clustering clustering) {
    Objects.requireNonNull(intel, "intel");
    Objects.requireNonNull(clustering, "clustering");
    return id -> isFlagged(intel.lookupCluster(clustering, id.anchor()));
  }

  private static boolean isFlagged(Map<Address, List<Label>> labelled) {
    return labelled.values().stream().flatMap(List::stream).anyMatch(l -> l.category().isIllicit());
  }
}
