package io.tracer.core.trace;

import io.tracer.core.model.Address;
import java.util.Objects;

/**
 * An address reached by a trace.
 *
 * @param address the address
 * @param hop the fewest transactions between the seed and this address (0 for a seed address);
 *     negative for backward hops
 * @param seed true for the seed's own address
 * @param stopReason why the trace did not continue past this address (e.g. {@code "service"}),
 *     or null
 */
public record TraceNode(Address address, int hop, boolean seed, String stopReason) {
  public TraceNode {
    Objects.requireNonNull(address, "address");
  }
}
