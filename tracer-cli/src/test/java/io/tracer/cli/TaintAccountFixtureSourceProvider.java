package io.tracer.cli;

import io.tracer.core.index.AccountLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceProvider;
import io.tracer.core.testing.Txs;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Test-only source {@code taint-eth:}: HEURISTICS.md §4.2's Alice story on Ethereum (t1 +4,000
 * clean, t2 +2,000 from the thief, t3 → Bob 3,000 with 600 wei gas, t4 +3,000, t5 → Carol 4,000).
 */
public final class TaintAccountFixtureSourceProvider implements SourceProvider {
  static final Address ALICE = evm("a1");
  static final Address BOB = evm("b0");
  static final Address CAROL = evm("c0");
  static final Address FUNDER = evm("f0");
  static final Address THIEF = evm("de");

  static Address evm(String b) {
    return Address.of(Chain.ETHEREUM, "0x" + b.repeat(20));
  }

  static Transfer tr(String tx, long h, int pos, Address from, Address to, long v, TransferKind k) {
    return new Transfer(
        Txs.id(tx), BlockRef.of(h, 0, Instant.ofEpochSecond(1_700_000_000L + h)), pos, from, to,
        Asset.ETH, BigInteger.valueOf(v), k, true);
  }

  static AccountLedger ledger() {
    return AccountLedger.of(
        Chain.ETHEREUM,
        "taint account fixture",
        List.of(
            tr("t1", 1, -1, FUNDER, ALICE, 4_000, TransferKind.NATIVE),
            tr("t2", 2, -1, THIEF, ALICE, 2_000, TransferKind.NATIVE),
            tr("t3", 3, -1, ALICE, BOB, 3_000, TransferKind.NATIVE),
            tr("t3", 3, Transfer.FEE_POSITION, ALICE, Address.feeSink(Chain.ETHEREUM), 600, TransferKind.FEE),
            tr("t4", 4, -1, FUNDER, ALICE, 3_000, TransferKind.NATIVE),
            tr("t5", 5, -1, ALICE, CAROL, 4_000, TransferKind.NATIVE)));
  }

  @Override
  public String scheme() {
    return "taint-eth";
  }

  @Override
  public String usage() {
    return "taint-eth: an account-model test ledger";
  }

  @Override
  public LedgerSource open(String location, Function<String, String> env) {
    return ledger();
  }
}
