package io.tracer.bitcoin.source;

import io.tracer.bitcoin.blocks.BlockInfo;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A loaded Bitcoin source: the transactions in a {@link UtxoLedger} plus the block facts the
 * source knew (hash, height, time), so that {@code tracer tx} can name a transaction's block.
 * Immutable; safe for concurrent readers.
 */
public final class BitcoinSource implements UtxoSource {
  private final UtxoLedger ledger;
  private final List<BlockInfo> blocks;
  private final Map<Long, BlockInfo> byHeight;
  private final String description;

  BitcoinSource(UtxoLedger ledger, List<BlockInfo> blocks, String description) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
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

  /** The index behind this source. */
  public UtxoLedger ledger() {
    return ledger;
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

  @Override
  public Optional<UtxoTx> transaction(TxId id) {
    return ledger.transaction(id);
  }

  @Override
  public Optional<InPoint> spender(OutPoint out) {
    return ledger.spender(out);
  }

  @Override
  public List<TxId> history(Address address) {
    return ledger.history(address);
  }

  @Override
  public Stream<UtxoTx> transactions() {
    return ledger.transactions();
  }
}
