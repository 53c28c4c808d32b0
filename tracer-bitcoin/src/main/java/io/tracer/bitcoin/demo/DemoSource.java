package io.tracer.bitcoin.demo;

import io.tracer.core.index.LedgerBackedSource;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;

/**
 * The {@code demo} source: every transaction of the built-in case, inputs resolved, indexed in
 * memory. Immutable and safe for concurrent readers.
 */
public final class DemoSource extends LedgerBackedSource {
  private final DemoManifest manifest;

  private DemoSource(UtxoLedger ledger, DemoManifest manifest) {
    super(ledger);
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
    return ledger().size();
  }

  @Override
  public Chain chain() {
    return Chain.BITCOIN;
  }

  @Override
  public String describe() {
    return "built-in demo case (regtest, " + ledger().size() + " transactions)";
  }
}
