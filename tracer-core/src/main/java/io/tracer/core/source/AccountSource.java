package io.tracer.core.source;

import io.tracer.core.model.Address;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TxId;
import java.util.List;
import java.util.stream.Stream;

/** A source of account-model value movements (Ethereum and EVM chains, tokens included). */
public interface AccountSource extends LedgerSource {

  /** Every transfer made by a transaction (value, internal calls, token logs, gas), in order. */
  List<Transfer> transfers(TxId tx);

  /** Transfers into or out of {@code address}, in {@link Transfer#ORDER}. */
  List<Transfer> history(Address address);

  /**
   * Every transfer the source holds, in {@link Transfer#ORDER}.
   *
   * @throws UnsupportedOperationException for remote sources that cannot enumerate the chain
   */
  Stream<Transfer> transfers();
}
