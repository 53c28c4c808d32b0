package io.tracer.ethereum.internal;

import io.tracer.core.model.Address;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TxId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An immutable in-memory index of transfers: all of them in {@link Transfer#ORDER}, by
 * transaction, and by address (sender or receiver). Built once, after a whole scan succeeded, so
 * readers never see a half-loaded range. Safe for concurrent readers.
 */
public final class TransferIndex {
  private final List<Transfer> all;
  private final Map<TxId, List<Transfer>> byTx;
  private final Map<Address, List<Transfer>> byAddress;

  private TransferIndex(List<Transfer> sorted) {
    this.all = List.copyOf(sorted);
    Map<TxId, List<Transfer>> tx = new HashMap<>();
    Map<Address, List<Transfer>> addr = new HashMap<>();
    for (Transfer t : all) {
      tx.computeIfAbsent(t.txId(), k -> new ArrayList<>()).add(t);
      addr.computeIfAbsent(t.from(), k -> new ArrayList<>()).add(t);
      if (!t.to().equals(t.from())) {
        addr.computeIfAbsent(t.to(), k -> new ArrayList<>()).add(t);
      }
    }
    tx.replaceAll((k, v) -> List.copyOf(v));
    addr.replaceAll((k, v) -> List.copyOf(v));
    this.byTx = Map.copyOf(tx);
    this.byAddress = Map.copyOf(addr);
  }

  /** Sorts {@code transfers} into {@link Transfer#ORDER} and indexes them. */
  public static TransferIndex of(List<Transfer> transfers) {
    List<Transfer> sorted = new ArrayList<>(transfers);
    sorted.sort(Transfer.ORDER);
    return new TransferIndex(sorted);
  }

  public static TransferIndex empty() {
    return new TransferIndex(List.of());
  }

  public List<Transfer> transfers(TxId tx) {
    return byTx.getOrDefault(tx, List.of());
  }

  public List<Transfer> history(Address address) {
    return byAddress.getOrDefault(address, List.of());
  }

  public Stream<Transfer> stream() {
    return all.stream();
  }

  public int size() {
    return all.size();
  }

  /** Addresses that appear in some transfer. */
  public java.util.Set<Address> addresses() {
    return byAddress.keySet();
  }
}
