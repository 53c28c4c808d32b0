package io.tracer.bitcoin.demo;

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
 * The {@code demo} source: every transaction of the built-in case, inputs resolved, indexed in
 * memory. Immutable and safe for concurrent readers.
 */
public final class DemoSource implements UtxoSource {
  private final UtxoLedger ledger;
  private final DemoManifest manifest;

  private DemoSource(UtxoLedger ledger, DemoManifest manifest) {
    this.ledger = ledger;
    this.manifest = manifest;
  }

  /** Loads the case from the class path. */
  public static DemoSource open() {
    return new DemoSource(DemoCase.ledger(), DemoCase.manifest());
  }

  /** What the case contains and what tests may expect of it. */
  public DemoManifest manifest() {
    return manifest;
  }

  /** Number of transactions (coinbases included). */
  public int size() {
    return ledger.size();
  }

  @Override
  public Chain chain() {
    return Chain.BITCOIN;
  }

  @Override
  public String describe() {
    return "built-in demo case (regtest, " + ledger.size() + " transactions)";
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
