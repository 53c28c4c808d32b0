package io.tracer.core.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.model.Address;
import io.tracer.core.report.Json;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * JSON for a {@link Clustering}: the run's parameters and counts, clusters with their members
 * and evidence (rule, txid, confidence), flagged transactions and refused merges; or, for one
 * address, its cluster and the merge path that explains it. Built as a Jackson tree with {@link
 * Json} (the single Jackson configuration); domain types carry no annotations.
 */
public final class ClusterReport {
  /** Format tag written into every report. */
  public static final String FORMAT = "tracer-clusters/1";

  private ClusterReport() {}

  /**
   * The whole run: clusters of at least {@code minSize} addresses, at most {@code maxClusters} of
   * them (largest first); evidence per cluster when {@code withEvidence}. Each cluster lists at
   * most {@code maxMembers} members and as many merges of evidence (an exchange's cluster can hold
   * millions of addresses); its {@code size} is always the whole count.
   */
  public static ObjectNode all(
      Clustering c, int minSize, int maxClusters, boolean withEvidence, int maxMembers) {
    return all(c, minSize, maxClusters, withEvidence, maxMembers, id -> true, (id, n) -> { });
  }

  /**
   * {@link #all(Clustering, int, int, boolean, int)} listing only the clusters {@code include}
   * accepts (up to {@code maxClusters} of them, largest first), each with what {@code annotate}
   * adds (e.g. intelligence labels: {@code io.tracer.core.report.ClusterAnnotations}).
   */
  public static ObjectNode all(Clustering c, int minSize, int maxClusters, boolean withEvidence,
      int maxMembers, Predicate<ClusterId> include, BiConsumer<ClusterId, ObjectNode> annotate) {
    ObjectNode root = header(c);
    List<Clustering.ClusterSize> list = c.clusters(minSize);
    ArrayNode arr = Json.mapper().createArrayNode();
    for (int i = 0; i < list.size() && arr.size() < maxClusters; i++) {
      ClusterId id = list.get(i).id();
      if (include.test(id)) {
        ObjectNode n = cluster(c, id, withEvidence, maxMembers);
        annotate.accept(id, n);
        arr.add(n);
      }
    }
    root.put("clustersListed", arr.size());
    root.put("clustersWithAtLeast", minSize);
    root.set("clusters", arr);
    flaggedAndRefused(c, root);
    return root;
  }

  /**
   * One address: its cluster, members, and with {@code explain} the merge path and evidence (at
   * most {@code maxMembers} members and merges of evidence, as in {@link #all}), with what {@code
   * annotate} adds to the cluster (e.g. intelligence labels: {@code
   * io.tracer.core.report.ClusterAnnotations}).
   */
  public static ObjectNode address(Clustering c, Address a, boolean explain, int maxMembers,
      BiConsumer<ClusterId, ObjectNode> annotate) {
    ObjectNode root = header(c);
    root.put("address", Json.address(a));
    root.put("seen", c.contains(a));
    ObjectNode cl = cluster(c, c.clusterOf(a), explain, maxMembers);
    annotate.accept(c.clusterOf(a), cl);
    root.set("cluster", cl);
    if (explain) {
      Explanation e = c.explain(a);
      ObjectNode ex = root.putObject("explanation");
      ex.put("anchor", Json.address(e.cluster().anchor()));
      ex.put("hops", e.path().size());
      ex.put("weakestConfidence", e.weakestConfidence());
      ArrayNode path = ex.putArray("path");
      e.path().forEach(m -> path.add(merge(m)));
    }
    return root;
  }

  /** The merges linking two addresses ("which transactions link these clusters"). */
  public static ObjectNode link(Clustering c, Address a, Address b) {
    ObjectNode root = header(c);
    root.put("from", Json.address(a));
    root.put("to", Json.address(b));
    var path = c.link(a, b);
    root.put("linked", path.isPresent());
    ArrayNode arr = root.putArray("path");
    path.ifPresent(p -> p.forEach(m -> arr.add(merge(m))));
    ArrayNode refused = root.putArray("refusedLinks");
    ClusterId ca = c.clusterOf(a);
    ClusterId cb = c.clusterOf(b);
    for (RefusedMerge r : c.refusedMerges()) {
      ClusterId x = c.clusterOf(r.link().a());
      ClusterId y = c.clusterOf(r.link().b());
      if ((x.equals(ca) && y.equals(cb)) || (x.equals(cb) && y.equals(ca))) {
        refused.add(refused(r));
      }
    }
    return root;
  }

  private static ObjectNode header(Clustering c) {
    ObjectNode root = Json.object();
    root.put("format", FORMAT);
    root.put("source", c.source());
    ObjectNode p = root.putObject("parameters");
    for (Map.Entry<String, Object> e : c.params().toMap().entrySet()) {
      p.set(e.getKey(), Json.mapper().valueToTree(e.getValue()));
    }
    ClusteringStats s = c.stats();
    ObjectNode st = root.putObject("stats");
    st.put("transactions", s.transactions());
    st.put("inputs", s.inputs());
    st.put("unresolvedInputs", s.unresolvedInputs());
    st.put("dustInputs", s.dustInputs());
    st.put("flaggedTransactions", s.flaggedTransactions());
    st.put("stonewallShaped", s.stonewallShaped());
    st.put("addresses", s.addresses());
    st.put("clusters", s.clusters());
    st.put("multiInputMerges", s.multiInputMerges());
    st.put("changeMerges", s.changeMerges());
    st.put("refusedMerges", s.refusedMerges());
    return root;
  }

  private static ObjectNode cluster(Clustering c, ClusterId id, boolean withEvidence, int maxMembers) {
    if (maxMembers < 1) {
      throw new IllegalArgumentException("maxMembers must be at least 1: " + maxMembers);
    }
    ObjectNode n = Json.object();
    n.put("id", id.value());
    n.put("anchor", Json.address(id.anchor()));
    List<Address> members = c.members(id);
    if (members.isEmpty()) {
      members = List.of(id.anchor()); // a lone address is its own cluster
    }
    n.put("size", members.size());
    n.put("membersListed", Math.min(members.size(), maxMembers));
    ArrayNode m = n.putArray("members");
    members.stream().limit(maxMembers).forEach(a -> m.add(Json.address(a)));
    if (withEvidence) {
      List<Merge> evidence = c.evidence(id);
      n.put("evidenceMerges", evidence.size());
      ArrayNode ev = n.putArray("evidence");
      evidence.stream().limit(maxMembers).forEach(x -> ev.add(merge(x)));
    }
    return n;
  }

  /**
   * {@code [{txid, outcome, with, detectors}]}: what the common-input rule made of each
   * transaction an address spent from ({@link SpendOutcome}), for {@code --explain}.
   */
  public static ArrayNode spends(List<SpendOutcome> outcomes) {
    ArrayNode arr = Json.mapper().createArrayNode();
    for (SpendOutcome o : outcomes) {
      ObjectNode n = arr.addObject();
      n.put("txid", o.tx().toString());
      n.put("outcome", o.kind().id());
      ArrayNode with = n.putArray("with");
      o.others().forEach(a -> with.add(Json.address(a)));
      if (!o.detectors().isEmpty()) {
        ArrayNode d = n.putArray("detectors");
        o.detectors().forEach(d::add);
      }
    }
    return arr;
  }

  private static void flaggedAndRefused(Clustering c, ObjectNode root) {
    ArrayNode f = root.putArray("flaggedTransactions");
    for (FlaggedTransaction t : c.flaggedTransactions()) {
      ObjectNode n = f.addObject();
      n.put("txid", t.tx().toString());
      ArrayNode d = n.putArray("detectors");
      t.detectors().forEach(d::add);
    }
    ArrayNode r = root.putArray("refusedMerges");
    c.refusedMerges().forEach(x -> r.add(refused(x)));
  }

  private static ObjectNode refused(RefusedMerge r) {
    ObjectNode n = merge(r.link());
    n.put("sizeA", r.sizeA());
    n.put("sizeB", r.sizeB());
    return n;
  }

  private static ObjectNode merge(Merge m) {
    ObjectNode n = Json.object();
    n.put("a", Json.address(m.a()));
    n.put("b", Json.address(m.b()));
    n.put("rule", m.heuristic());
    n.put("txid", m.tx().toString());
    n.put("confidence", m.confidence());
    return n;
  }
}
