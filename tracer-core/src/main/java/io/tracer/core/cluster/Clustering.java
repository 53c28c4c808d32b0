package io.tracer.core.cluster;

import io.tracer.core.model.Address;
import io.tracer.core.model.TxId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a clustering run: which cluster (entity) each address belongs to, the evidence
 * for every merge, the merges the guard refused, the transactions the CoinJoin screen flagged, and
 * the parameters of the run. Immutable and safe for concurrent readers.
 *
 * <p>For {@code tracer trace --level cluster}: {@link #clusterOf(Address)} maps any address to a
 * stable {@link ClusterId}; an address the run never saw is its own singleton cluster.
 */
public final class Clustering {
  private final AddressIndex index;
  private final UnionFind uf;
  private final MergeLog merges;
  private final List<RefusedMerge> refused;
  private final List<TxId> txs;
  private final List<String> rules;
  private final List<FlaggedTransaction> flagged;
  private final ClusteringParams params;
  private final ClusteringStats stats;
  private final String source;
  private volatile MemberIndex members; // built on first use (see memberIndex)

  Clustering(
      AddressIndex index,
      IdClusterer engine,
      List<TxId> txs,
      List<String> rules,
      List<FlaggedTransaction> flagged,
      ClusteringParams params,
      ClusteringStats partialStats,
      String source) {
    this.index = index;
    this.uf = engine.unionFind();
    this.uf.flatten();
    this.merges = engine.merges();
    this.txs = txs;
    this.rules = List.copyOf(rules);
    this.flagged = List.copyOf(flagged);
    this.params = params;
    this.source = source;
    List<RefusedMerge> r = new ArrayList<>();
    MergeLog rl = engine.refused();
    for (int i = 0; i < rl.size(); i++) {
      r.add(new RefusedMerge(merge(rl, i), engine.refusedSizeA(i), engine.refusedSizeB(i)));
    }
    this.refused = List.copyOf(r);
    this.stats =
        new ClusteringStats(
            partialStats.transactions(),
            partialStats.inputs(),
            partialStats.unresolvedInputs(),
            partialStats.dustInputs(),
            partialStats.flaggedTransactions(),
            partialStats.stonewallShaped(),
            index.size(),
            uf.countSets(),
            partialStats.multiInputMerges(),
            partialStats.changeMerges(),
            refused.size());
  }

  public ClusteringParams params() {
    return params;
  }

  public ClusteringStats stats() {
    return stats;
  }

  /** The source's one-line description (no secrets). */
  public String source() {
    return source;
  }

  /** True if the run saw {@code address}. */
  public boolean contains(Address address) {
    return index.id(address) >= 0;
  }

  /** The cluster of {@code address}; an unseen address is its own singleton cluster. */
  public ClusterId clusterOf(Address address) {
    int id = index.id(address);
    if (id < 0) {
      return ClusterId.of(address);
    }
    return ClusterId.of(index.address(uf.setMin(root(id))));
  }

  /** Number of addresses in {@code address}'s cluster (1 for an unseen address). */
  public int sizeOf(Address address) {
    int id = index.id(address);
    return id < 0 ? 1 : uf.setSize(root(id));
  }

  /** The members of a cluster, in first-seen order; empty if the id is not a cluster of this run. */
  public List<Address> members(ClusterId cluster) {
    int anchor = index.id(cluster.anchor());
    if (anchor < 0 || uf.setMin(root(anchor)) != anchor) {
      return List.of();
    }
    int r = root(anchor);
    MemberIndex m = memberIndex();
    List<Address> out = new ArrayList<>(m.start[r + 1] - m.start[r]);
    for (int p = m.start[r]; p < m.start[r + 1]; p++) {
      out.add(index.address(m.order[p]));
    }
    return out;
  }

  /**
   * Every address grouped by cluster (a counting sort by root, first-seen order within each), built
   * once on first use: reports list the members of thousands of clusters, and a scan of all
   * addresses per cluster made that quadratic. Costs 8 bytes an address.
   */
  private record MemberIndex(int[] start, int[] order) {}

  private MemberIndex memberIndex() {
    MemberIndex m = members;
    if (m == null) {
      int n = uf.size();
      int[] start = new int[n + 1];
      for (int i = 0; i < n; i++) {
        start[root(i) + 1]++;
      }
      for (int i = 0; i < n; i++) {
        start[i + 1] += start[i];
      }
      int[] fill = Arrays.copyOf(start, n);
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[fill[root(i)]++] = i;
      }
      m = new MemberIndex(start, order);
      members = m; // a race only builds it twice: the record's fields are final
    }
    return m;
  }

  /** A cluster by its text id ({@code cl-…}), scanning the clusters. */
  public Optional<ClusterId> findCluster(String value) {
    for (int i = 0; i < uf.size(); i++) {
      if (uf.setMin(root(i)) == i) {
        ClusterId c = ClusterId.of(index.address(i));
        if (c.value().equals(value)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /** A cluster and its size. */
  public record ClusterSize(ClusterId id, int size) {}

  /** Clusters with at least {@code minSize} addresses, largest first, then by anchor. */
  public List<ClusterSize> clusters(int minSize) {
    List<ClusterSize> out = new ArrayList<>();
    for (int i = 0; i < uf.size(); i++) {
      int r = root(i);
      if (uf.setMin(r) == i && uf.setSize(r) >= minSize) {
        out.add(new ClusterSize(ClusterId.of(index.address(i)), uf.setSize(r)));
      }
    }
    out.sort(
        Comparator.comparingInt(ClusterSize::size)
            .reversed()
            .thenComparing(c -> index.id(c.id().anchor())));
    return out;
  }

  /** Every merge recorded inside {@code cluster}, in the order they were made. */
  public List<Merge> evidence(ClusterId cluster) {
    int anchor = index.id(cluster.anchor());
    if (anchor < 0) {
      return List.of();
    }
    int r = root(anchor);
    List<Merge> out = new ArrayList<>();
    for (int i = 0; i < merges.size(); i++) {
      if (root(merges.a(i)) == r) {
        out.add(merge(merges, i));
      }
    }
    return out;
  }

  /** Why {@code address} is in its cluster: the merge path to the cluster's anchor. */
  public Explanation explain(Address address) {
    ClusterId c = clusterOf(address);
    List<Merge> path = link(address, c.anchor()).orElse(List.of());
    int weakest = 100;
    for (Merge m : path) {
      weakest = Math.min(weakest, m.confidence());
    }
    return new Explanation(address, c, sizeOf(address), path, weakest);
  }

  /**
   * The shortest chain of merges joining {@code a} and {@code b} (each naming its transaction):
   * answers "which transactions link these two clusters". Empty if they are not in one cluster; an
   * empty list if {@code a} equals {@code b}.
   */
  public Optional<List<Merge>> link(Address a, Address b) {
    int ia = index.id(a);
    int ib = index.id(b);
    if (ia < 0 || ib < 0 || root(ia) != root(ib)) {
      return a.equals(b) ? Optional.of(List.of()) : Optional.empty();
    }
    if (ia == ib) {
      return Optional.of(List.of());
    }
    int r = root(ia);
    Map<Integer, List<Integer>> adj = new HashMap<>();
    for (int i = 0; i < merges.size(); i++) {
      if (root(merges.a(i)) == r) {
        adj.computeIfAbsent(merges.a(i), k -> new ArrayList<>(2)).add(i);
        adj.computeIfAbsent(merges.b(i), k -> new ArrayList<>(2)).add(i);
      }
    }
    Map<Integer, Integer> via = new HashMap<>();
    via.put(ia, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(ia);
    while (!queue.isEmpty()) {
      int x = queue.poll();
      if (x == ib) {
        break;
      }
      for (int m : adj.getOrDefault(x, List.of())) {
        int y = merges.a(m) == x ? merges.b(m) : merges.a(m);
        if (!via.containsKey(y)) {
          via.put(y, m);
          queue.add(y);
        }
      }
    }
    if (!via.containsKey(ib)) {
      // Cannot happen: every union is logged. Fail loudly rather than explain wrongly.
      throw new IllegalStateException("no evidence path inside one cluster");
    }
    List<Merge> path = new ArrayList<>();
    for (int x = ib; x != ia; ) {
      int m = via.get(x);
      path.add(merge(merges, m));
      x = merges.a(m) == x ? merges.b(m) : merges.a(m);
    }
    Collections.reverse(path);
    return Optional.of(List.copyOf(path));
  }

  /** Merges the super-cluster guard refused, in the order they were attempted. */
  public List<RefusedMerge> refusedMerges() {
    return refused;
  }

  /** Transactions the CoinJoin screen kept out of merges, in chain order. */
  public List<FlaggedTransaction> flaggedTransactions() {
    return flagged;
  }

  private int root(int id) {
    return uf.findNoCompress(id);
  }

  private Merge merge(MergeLog log, int i) {
    return new Merge(
        index.address(log.a(i)),
        index.address(log.b(i)),
        rules.get(log.rule(i)),
        txs.get(log.tx(i)),
        log.confidence(i));
  }

  @Override
  public String toString() {
    return "Clustering[" + stats.addresses() + " addresses, " + stats.clusters() + " clusters]";
  }
}
