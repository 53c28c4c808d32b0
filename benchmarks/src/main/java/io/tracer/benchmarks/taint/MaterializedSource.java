package io.tracer.benchmarks.taint;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every transaction of a source held as ready {@link UtxoTx} objects in hash maps, so that source
 * lookups cost next to nothing and the benchmark measures the taint work itself. Uses far more
 * memory than the columnar {@code UtxoLedger}.
 */
final class MaterializedSource implements UtxoSource {
  private final Map<TxId, UtxoTx> txs;
  private final Map<OutPoint, InPoint> spenders;

  MaterializedSource(UtxoSource from, int expected) {
    txs = new HashMap<>(expected * 2);
    spenders = new HashMap<>(expected * 4);
    from.transactions()
        .forEach(
            tx -> {
              txs.put(tx.id(), tx);
              for (int i = 0; i < tx.inputs().size(); i++) {
                TxIn in = tx.inputs().get(i);
                if (!in.isCoinbase()) {
                  spenders.put(in.prevout(), new InPoint(tx.id(), i));
                }
              }
            });
  }

  @Override
  public Chain chain() {
    return Chain.BITCOIN;
  }

  @Override
  public String describe() {
    return "materialized benchmark source";
  }

  @Override
  public Optional<UtxoTx> transaction(TxId id) {
    return Optional.ofNullable(txs.get(id));
  }

  @Override
  public Optional<InPoint> spender(OutPoint out) {
    return Optional.ofNullable(spenders.get(out));
  }

  @Override
  public List<TxId> history(Address address) {
    throw new UnsupportedOperationException("not needed by the benchmark");
  }

  @Override
  public Stream<UtxoTx> transactions() {
    return txs.values().stream();
  }
}
