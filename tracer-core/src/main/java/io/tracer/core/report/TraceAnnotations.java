package io.tracer.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.cluster.Clustering;
import io.tracer.core.intel.Label;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.model.Transfer;
import io.tracer.core.taint.UtxoTaintResult;
import io.tracer.core.taint.account.AccountTaintResult;
import io.tracer.core.trace.TraceEdge;
import io.tracer.core.trace.TraceNode;
import io.tracer.core.trace.TraceResult;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Ready-made annotators for {@link TraceReport}: intelligence labels on nodes, tainted amounts on
 * edges, cluster (entity) ids on nodes, and a flow summary between entities.
 *
 * <pre>{@code
 * TraceReport.of(result)
 *     .annotateNodes(TraceAnnotations.labels(watchlist))
 *     .annotateEdges(TraceAnnotations.taint(taintResult))
 *     .json();
 * }</pre>
 */
public final class TraceAnnotations {
  private TraceAnnotations() {}

  /** Adds {@code labels: [{category, label, source, confidence}]} to nodes the watchlist knows. */
  public static BiConsumer<TraceNode, ObjectNode> labels(Watchlist watchlist) {
    Objects.requireNonNull(watchlist, "watchlist");
    return (n, j) -> {
      List<Label> ls = watchlist.lookup(n.address());
      if (ls.isEmpty()) {
        return;
      }
      ArrayNode arr = j.putArray("labels");
      for (Label l : ls) {
        arr.add(label(l));
        if (l.category().isIllicit()) {
          j.put("flagged", true);
        }
      }
    };
  }

  /** {@code {category, label, source, confidence}}: a label as reports write it. */
  public static ObjectNode label(Label l) {
    ObjectNode o = Json.object();
    o.put("category", l.category().id());
    o.put("label", l.label());
    o.put("source", l.source());
    o.put("confidence", l.confidence().level());
    return o;
  }

  /**
   * Adds {@code tainted}: the tainted part of the output an edge pays (UTXO). All payer edges of
   * one output carry the output's taint: taint belongs to outputs, not to payer–payee pairs. An
   * output the propagation did not reach gets {@code "0"} where the result {@linkplain
   * UtxoTaintResult#covers covers} its height, and no {@code tainted} field where it does not
   * (a hop limit or budget cut the propagation short: the amount is unknown, not zero).
   */
  public static BiConsumer<TraceEdge, ObjectNode> taint(UtxoTaintResult taint) {
    Objects.requireNonNull(taint, "taint");
    return (e, j) -> {
      if (e.output() != null && e.hop() > 0) {
        taint
            .output(e.output())
            .map(o -> Long.toString(o.tainted()))
            .or(() -> taint.covers(e.block().height()) ? Optional.of("0") : Optional.empty())
            .ifPresent(t -> j.put("tainted", t));
      }
    };
  }

  /**
   * Adds {@code tainted} to account-chain edges from an account taint result: what the transfer
   * carried, {@code "0"} for a transfer the propagation applied without taint.
   */
  public static BiConsumer<TraceEdge, ObjectNode> taint(AccountTaintResult taint) {
    Objects.requireNonNull(taint, "taint");
    Map<String, BigInteger> byKey = new HashMap<>();
    for (AccountTaintResult.TransferTaint t : taint.transfers()) {
      byKey.merge(key(t.transfer()), t.tainted(), BigInteger::add);
    }
    long until = taint.options().untilHeight();
    return (e, j) -> {
      if (e.output() == null && e.hop() > 0) {
        BigInteger v = byKey.get(key(e));
        if (v != null) {
          j.put("tainted", v.toString());
        } else if (e.block().height() <= until) {
          j.put("tainted", "0");
        }
      }
    };
  }

  private static String key(Transfer t) {
    return t.txId() + "/" + t.position() + "/" + t.asset() + "/" + t.from().value() + "/" + t.to().value();
  }

  private static String key(TraceEdge e) {
    return e.txId() + "/" + e.position() + "/" + e.asset() + "/" + e.from().value() + "/" + e.to().value();
  }

  /** Adds {@code cluster} (stable entity id) and {@code clusterSize} to nodes. */
  public static BiConsumer<TraceNode, ObjectNode> clusters(Clustering clustering) {
    Objects.requireNonNull(clustering, "clustering");
    return (n, j) -> {
      if (clustering.contains(n.address())) {
        j.put("cluster", clustering.clusterOf(n.address()).toString());
        j.put("clusterSize", clustering.sizeOf(n.address()));
      }
    };
  }

  /**
   * The flow between entities: edges whose endpoints are in different clusters, summed per
   * (from-cluster, to-cluster, asset). Uses the attributed amount where known, else the value.
   * Addresses outside the clustering stand for themselves.
   */
  public static ObjectNode entityFlows(TraceResult result, Clustering clustering) {
    Map<String, BigInteger[]> sums = new TreeMap<>();
    Map<String, Integer> hops = new HashMap<>();
    for (TraceEdge e : result.edges()) {
      String from = entity(clustering, e.from());
      String to = entity(clustering, e.to());
      if (from.equals(to)) {
        continue; // moves inside one entity (change, consolidation) are not flows between entities
      }
      String k = from + "\n" + to + "\n" + e.asset();
      BigInteger amount = e.attributed() != null ? e.attributed() : e.value();
      sums.computeIfAbsent(k, x -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
      sums.get(k)[0] = sums.get(k)[0].add(amount);
      sums.get(k)[1] = sums.get(k)[1].add(BigInteger.ONE);
      hops.merge(k, e.hop(), (a, b) -> Math.abs(a) <= Math.abs(b) ? a : b);
    }
    ObjectNode n = Json.object();
    n.put("level", "cluster");
    // The clustering's settings travel with the flows, so the entity ids can be reproduced.
    ObjectNode params = n.putObject("clustering");
    clustering.params().toMap().forEach((k, v) -> params.set(k, Json.mapper().valueToTree(v)));
    ArrayNode arr = n.putArray("flows");
    for (Map.Entry<String, BigInteger[]> s : sums.entrySet()) {
      String[] parts = s.getKey().split("\n", 3);
      ObjectNode f = arr.addObject();
      f.put("from", parts[0]);
      f.put("to", parts[1]);
      f.put("asset", parts[2]);
      f.put("amount", s.getValue()[0].toString());
      f.put("edges", s.getValue()[1].intValue());
      f.put("firstHop", hops.get(s.getKey()));
    }
    return n;
  }

  private static String entity(Clustering c, Address a) {
    return c.contains(a) ? c.clusterOf(a).toString() : a.display();
  }
}
