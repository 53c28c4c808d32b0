package io.tracer.examples;

import io.tracer.bitcoin.demo.DemoManifest;
import io.tracer.bitcoin.demo.DemoSource;
import io.tracer.core.cluster.AddressClustering;
import io.tracer.core.cluster.ClusterId;
import io.tracer.core.cluster.Clustering;
import io.tracer.core.cluster.Merge;
import io.tracer.core.model.Address;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * For the researcher: cluster the demo chain with the default heuristics and compare the result
 * with the ground truth the demo was built from (its manifest names every entity's addresses).
 * Prints precision (no cluster mixes two true entities) and recall per entity.
 */
public final class GroupIntoEntities {
  private GroupIntoEntities() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Returns the number of clusters that mix addresses of different true entities (should be 0). */
  public static int run(PrintStream out) {
    DemoSource chain = DemoSource.open();
    DemoManifest truth = chain.manifest();
    Clustering clusters = AddressClustering.builder().heuristics(AddressClustering.DEFAULT_HEURISTICS).build().run(chain);
    out.println("clustering: " + clusters.params());

    int mixed = 0;
    for (Clustering.ClusterSize c : clusters.clusters(2)) {
      Set<String> owners = new HashSet<>();
      for (Address a : clusters.members(c.id())) {
        truth.entities().forEach((name, addrs) -> {
          if (addrs.contains(a)) {
            owners.add(name);
          }
        });
      }
      if (owners.size() > 1) {
        mixed++;
      }
      out.printf("cluster %s: %d addresses, true owner(s) %s%n", c.id(), c.size(), owners);
    }
    for (String entity : List.of("advertiser", "exchange")) {
      List<Address> addrs = truth.entity(entity);
      ClusterId biggest = null;
      int best = 0;
      for (Address a : addrs) {
        if (clusters.contains(a) && clusters.sizeOf(a) > best) {
          best = clusters.sizeOf(a);
          biggest = clusters.clusterOf(a);
        }
      }
      out.printf("%s: %d true addresses, largest cluster %s covers %d%n", entity, addrs.size(), biggest, best);
      if (biggest != null) {
        List<Merge> why = clusters.evidence(biggest);
        why.stream().limit(3).forEach(m -> out.printf(
            "    because %s links %s and %s in tx %s (confidence %d)%n",
            m.heuristic(), m.a().display(), m.b().display(), m.tx(), m.confidence()));
      }
    }
    out.println(mixed == 0 ? "no cluster mixes two entities" : mixed + " cluster(s) mix entities");
    return mixed;
  }
}
