package io.tracer.core.index;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Base for sources that load their data into a {@link UtxoLedger} and add facts of their own
 * (block hashes, a demo manifest). Every query goes to the ledger, and engines that have a fast
 * path over the ledger's columns can reach it through {@link #ledger()}.
 */
public abstract class LedgerBackedSource implements UtxoSource {
  private final UtxoLedger ledger;

  protected LedgerBackedSource(UtxoLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /** The index behind this source. */
  public final UtxoLedger ledger() {
    return ledger;
  }

  /** The ledger of {@code source} if it is one or is backed by one, else empty. */
  public static Optional<UtxoLedger> ledgerOf(UtxoSource source) {
    if (source instanceof UtxoLedger) {
      return Optional.of((UtxoLedger) source);
    }
    if (source instanceof LedgerBackedSource) {
      return Optional.of(((LedgerBackedSource) source).ledger());
    }
    return Optional.empty();
  }

  @Override
  public Chain chain() {
    return ledger.chain();
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
