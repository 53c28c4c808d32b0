package io.tracer.core.trace;

import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Value moving from one address to another in one transaction.
 *
 * <p>On a UTXO chain a transaction with several input addresses does not say which input paid
 * which output. The edge therefore carries the output's full {@code value} and, as {@code
 * attributed}, the share of it proportional to {@code from}'s part of the inputs ({@code
 * floor(value · fromInputs / allInputs)}, exact integers). With a single input address both are
 * equal. {@code attributed} is null when the inputs are not all known.
 *
 * @param txId the transaction
 * @param block where it was mined
 * @param from paying address (a pseudo-address {@code ~coinbase} or {@code ~unresolved} where the
 *     payer is not an address in the data)
 * @param to receiving address
 * @param output the UTXO output paid (null on account chains)
 * @param position order inside the transaction on account chains (trace/log index), else −1
 * @param asset what moved
 * @param value the output's value (UTXO) or the transfer's amount (account), base units
 * @param attributed the part of {@code value} attributed to {@code from}, or null if unknown
 * @param hop transactions from the seed: 1 for the first; negative when walking backward
 */
public record TraceEdge(
    TxId txId,
    BlockRef block,
    Address from,
    Address to,
    OutPoint output,
    int position,
    Asset asset,
    BigInteger value,
    BigInteger attributed,
    int hop) {
  public TraceEdge {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(value, "value");
  }
}
