package io.tracer.core.risk;

import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.source.AccountSource;
import io.tracer.core.testing.Txs;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A tiny in-memory account source for exposure tests: transfers in the order added. */
final class MemAccountSource implements AccountSource {
  private final List<Transfer> all = new ArrayList<>();

  static Address eth(String hexTail) {
    String h = "0".repeat(40 - hexTail.length()) + hexTail;
    return Address.of(Chain.ETHEREUM, "0x" + h);
  }

  MemAccountSource send(String tx, long block, Address from, Address to, long wei) {
    all.add(
        new Transfer(
            Txs.id(tx), BlockRef.of(block, all.size(), Instant.ofEpochSecond(1_700_000_000L + block * 12)),
            -1, from, to, Asset.ETH, BigInteger.valueOf(wei), TransferKind.NATIVE, true));
    return this;
  }

  @Override
  public Chain chain() {
    return Chain.ETHEREUM;
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public List<Transfer> transfers(TxId tx) {
    return all.stream().filter(t -> t.txId().equals(tx)).toList();
  }

  @Override
  public List<Transfer> history(Address address) {
    return all.stream()
        .filter(t -> t.from().equals(address) || t.to().equals(address))
        .sorted(Transfer.ORDER)
        .toList();
  }

  @Override
  public Stream<Transfer> transfers() {
    return all.stream().sorted(Transfer.ORDER);
  }
}
