package io.tracer.bitcoin.source;

import io.tracer.bitcoin.blocks.BlockInfo;
import io.tracer.core.index.LedgerBackedSource;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.model.UtxoTx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded Bitcoin source: the transactions in a {@link UtxoLedger} plus the block facts the
 * source knew (hash, height, time), so that {@code tracer tx} can name a transaction's block.
 * Immutable; safe for concurrent readers.
 */
public final class BitcoinSource extends LedgerBackedSource {
  private final List<BlockInfo> blocks;
  private final Map<Long, BlockInfo> byHeight;
  private final String description;

  BitcoinSource(UtxoLedger ledger, List<BlockInfo> blocks, String description) {
    super(ledger);
    this.blocks = List.copyOf(blocks);
    this.description = description;
    Map<Long, BlockInfo> m = new HashMap<>();
    for (BlockInfo b : this.blocks) {
      if (b.hasHeight()) {
        m.putIfAbsent(b.height(), b); // a stale sibling at the same height keeps the first
      }
    }
    this.byHeight = m;
  }

  /** Facts of every block read, in read order (empty for exports that carry no block records). */
  public List<BlockInfo> blocks() {
    return blocks;
  }

  /** The block at {@code height}, if it was read. */
  public Optional<BlockInfo> block(long height) {
    return Optional.ofNullable(byHeight.get(height));
  }

  /** The block holding {@code tx}, when its height is known and the block was read. */
  public Optional<BlockInfo> blockOf(UtxoTx tx) {
    return block(tx.block().height());
  }

  @Override
  public Chain chain() {
    return Chain.BITCOIN;
  }

  @Override
  public String describe() {
    return description;
  }
}
