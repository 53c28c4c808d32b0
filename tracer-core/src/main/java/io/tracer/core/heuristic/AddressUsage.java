package io.tracer.core.heuristic;

import io.tracer.core.model.BlockRef;
import io.tracer.core.model.TxId;
import java.util.Objects;

/**
 * How an address has been used in the data a {@link LedgerView} can see.
 *
 * @param firstTx the first transaction (chain order) that pays to or spends from the address
 * @param firstSeen where {@code firstTx} sits in the chain
 * @param receivingTxs number of transactions paying to the address
 * @param spendingTxs number of transactions spending from the address
 */
public record AddressUsage(TxId firstTx, BlockRef firstSeen, int receivingTxs, int spendingTxs) {
  public AddressUsage {
    Objects.requireNonNull(firstTx, "firstTx");
    Objects.requireNonNull(firstSeen, "firstSeen");
    if (receivingTxs < 0 || spendingTxs < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
