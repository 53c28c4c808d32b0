package io.tracer.core.taint;

import io.tracer.core.model.BlockRef;
import io.tracer.core.model.TxId;
import java.util.Objects;

/**
 * What one processed transaction did with taint. For every model but poison: {@code inputTaint =
 * outputTaint + feeTaint + lost}.
 *
 * @param txId the transaction
 * @param block where it is
 * @param hop its distance in transactions from the nearest seed
 * @param coinbase true for a coinbase that received fee taint ({@code taintFee}); its inputs are
 *     the block's subsidy and fees
 * @param inputTaint Σ taint of its inputs
 * @param outputTaint Σ taint of its outputs
 * @param fee the fee in satoshi (for a coinbase: the value the miner did not claim)
 * @param feeTaint the fee's taint (0 for a coinbase: taint of unclaimed value is in {@code lost})
 * @param burned taint sent to unspendable outputs (included in {@code outputTaint})
 * @param lost taint that went nowhere: haircut rounding residue beyond the fee, or unclaimed
 *     coinbase value
 * @param feeToCoinbase true if {@code feeTaint} was passed on to the block's coinbase
 */
public record TxTaint(
    TxId txId,
    BlockRef block,
    int hop,
    boolean coinbase,
    long inputTaint,
    long outputTaint,
    long fee,
    long feeTaint,
    long burned,
    long lost,
    boolean feeToCoinbase) {
  public TxTaint {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(block, "block");
  }
}
