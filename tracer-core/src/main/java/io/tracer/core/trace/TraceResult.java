package io.tracer.core.trace;

import io.tracer.core.model.Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A flow graph: address nodes, transaction edges, and where the walk stopped. Nodes are sorted by
 * |hop| then address, edges by |hop|, block order, txid and output, so the same input always gives
 * the same result.
 */
public record TraceResult(
    Seed seed,
    TraceParameters parameters,
    List<TraceNode> nodes,
    List<TraceEdge> edges,
    List<TraceStop> stops,
    int transactions,
    boolean truncated) {

  public TraceResult {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    stops = List.copyOf(stops);
  }

  public Optional<TraceNode> node(Address a) {
    return nodes.stream().filter(n -> n.address().equals(a)).findFirst();
  }

  /** Nodes by address. */
  public Map<Address, TraceNode> nodesByAddress() {
    return nodes.stream().collect(Collectors.toMap(TraceNode::address, Function.identity()));
  }
}
