package io.tracer.core.index;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TxId;
import io.tracer.core.source.AccountSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An immutable in-memory index over account-model transfers: transfers of a transaction, history
 * of an address, everything in {@link Transfer#ORDER}. Safe for concurrent readers.
 */
public final class AccountLedger implements AccountSource {
  private final Chain chain;
  private final String description;
  private final List<Transfer> ordered;
  private final Map<TxId, List<Transfer>> byTx;
  private final Map<Address, List<Transfer>> byAddress;

  private AccountLedger(Chain chain, String description, List<Transfer> transfers) {
    this.chain = chain;
    this.description = description;
    List<Transfer> sorted = new ArrayList<>(transfers);
    sorted.sort(Transfer.ORDER);
    this.ordered = List.copyOf(sorted);
    Map<TxId, List<Transfer>> tx = new HashMap<>();
    Map<Address, List<Transfer>> addr = new HashMap<>();
    for (Transfer t : ordered) {
      tx.computeIfAbsent(t.txId(), k -> new ArrayList<>(2)).add(t);
      addr.computeIfAbsent(t.from(), k -> new ArrayList<>()).add(t);
      if (!t.to().equals(t.from())) {
        addr.computeIfAbsent(t.to(), k -> new ArrayList<>()).add(t);
      }
    }
    tx.replaceAll((k, v) -> List.copyOf(v));
    addr.replaceAll((k, v) -> List.copyOf(v));
    this.byTx = tx;
    this.byAddress = addr;
  }

  public static AccountLedger of(Chain chain, String description, List<Transfer> transfers) {
    return new AccountLedger(
        Objects.requireNonNull(chain, "chain"), Objects.requireNonNull(description, "description"), transfers);
  }

  @Override
  public Chain chain() {
    return chain;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public List<Transfer> transfers(TxId tx) {
    return byTx.getOrDefault(tx, List.of());
  }

  @Override
  public List<Transfer> history(Address address) {
    return byAddress.getOrDefault(address, List.of());
  }

  @Override
  public Stream<Transfer> transfers() {
    return ordered.stream();
  }

  public int size() {
    return ordered.size();
  }
}
