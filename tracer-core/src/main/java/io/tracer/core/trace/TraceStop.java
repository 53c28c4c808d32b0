package io.tracer.core.trace;

/**
 * A place where the trace deliberately did not continue, so a reader knows the graph is not the
 * whole story there.
 *
 * @param reason {@code service} (a stop address such as an exchange), {@code fan-out} (more than
 *     the fan-out limit of outputs or transfers), {@code budget} (the transaction budget ran out),
 *     {@code time-window}, {@code missing} (the source does not have the transaction)
 * @param at the txid, outpoint or address concerned
 * @param hop where it happened
 */
public record TraceStop(String reason, String at, int hop) {}
