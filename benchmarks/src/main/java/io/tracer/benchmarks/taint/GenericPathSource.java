package io.tracer.benchmarks.taint;

import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The same ledger seen only through the {@link UtxoSource} interface. The engine takes its
 * integer-index fast path only for a {@link UtxoLedger}, so wrapping it forces the generic path:
 * the benchmark uses this to time the engine as it was and to check, at full scale, that both
 * paths produce the same result.
 */
final class GenericPathSource implements UtxoSource {
  private final UtxoLedger ledger;

  GenericPathSource(UtxoLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public Chain chain() {
    return ledger.chain();
  }

  @Override
  public String describe() {
    return ledger.describe();
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
