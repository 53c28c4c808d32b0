package io.tracer.bitcoin.blocks;

import io.tracer.core.model.UtxoTx;
import java.util.List;
import java.util.Objects;

/**
 * A block turned into tracer's model. Inputs are not resolved here (a block alone does not know
 * the outputs it spends); {@link io.tracer.core.index.UtxoLedger} resolves them across blocks.
 */
public record DecodedBlock(BlockInfo info, List<UtxoTx> transactions) {
  public DecodedBlock {
    Objects.requireNonNull(info, "info");
    transactions = List.copyOf(transactions);
  }
}
