package io.tracer.core.source;

import io.tracer.core.model.Address;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.UtxoTx;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A source of UTXO-model transactions (Bitcoin and its relatives). */
public interface UtxoSource extends LedgerSource {

  /**
   * The transaction, with input addresses and values resolved where the source knows the spent
   * outputs.
   */
  Optional<UtxoTx> transaction(TxId id);

  /** The input that spends {@code out}, or empty if it is unspent (as far as the source knows). */
  Optional<InPoint> spender(OutPoint out);

  /** Ids of transactions that pay to or spend from {@code address}, in chain order. */
  List<TxId> history(Address address);

  /**
   * Every transaction the source holds, in chain order (height, then position in block).
   *
   * @throws UnsupportedOperationException for remote sources that cannot enumerate the chain
   */
  Stream<UtxoTx> transactions();
}
