package io.tracer.core.taint.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.taint.TaintEngine;
import io.tracer.core.testing.Txs;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random account histories (fixed seeds): seeded = held + gas taint, for every conserving model. */
class AccountConservationPropertyTest {
  private static final Asset TOKEN =
      Asset.token(Chain.ETHEREUM, "0x" + "ab".repeat(20), "TKN", 18);

  @Test
  void propagate_randomHistories_conservePerAsset() {
    for (long seed = 1; seed <= 25; seed++) {
      Random rnd = new Random(seed);
      List<Address> addrs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        addrs.add(Address.of(Chain.ETHEREUM, String.format("0x%040x", i + 1)));
      }
      List<Transfer> l = new ArrayList<>();
      List<AccountSeed> seeds = new ArrayList<>();
      for (int t = 0; t < 200; t++) {
        String tx = "acc" + seed + "-" + t;
        Address from = addrs.get(rnd.nextInt(addrs.size()));
        Address to = addrs.get(rnd.nextInt(addrs.size())); // self-transfers happen
        Asset asset = rnd.nextInt(4) == 0 ? TOKEN : Asset.ETH;
        // up to ~1e24 wei: beyond long
        BigInteger amount = new BigInteger(80, rnd);
        boolean ok = rnd.nextInt(10) != 0;
        BlockRef b = BlockRef.of(1 + t / 3, t % 3, Instant.ofEpochSecond(1_700_000_000L + t));
        l.add(new Transfer(Txs.id(tx), b, -1, from, to, asset, amount, TransferKind.NATIVE, ok));
        l.add(
            new Transfer(
                Txs.id(tx), b, Transfer.FEE_POSITION, from, Address.feeSink(Chain.ETHEREUM), Asset.ETH,
                new BigInteger(50, rnd), TransferKind.FEE, ok));
        if (rnd.nextInt(15) == 0) {
          seeds.add(AccountSeed.transaction(Txs.id(tx)));
        }
      }
      seeds.add(AccountSeed.sourceAddress(addrs.get(0)));
      for (AccountTaintModel m : AccountTaintModel.values()) {
        AccountTaintResult r = TaintEngine.account(m).propagate(l, seeds);
        if (m.conservesTaint()) {
          // with a hop limit, taint beyond it rests at the limit and the balance still holds
          for (int hops : new int[] {0, 1, 3}) {
            AccountTaintResult h =
                TaintEngine.account(m, AccountTaintOptions.builder().maxHops(hops).build()).propagate(l, seeds);
            assertTrue(h.conserved(), m + " hops " + hops + " chain " + seed + " " + h.totals());
            for (AccountTaintResult.TransferTaint t : h.transfers()) {
              assertEquals(t.hop() > hops && t.tainted().signum() > 0, t.limit(), m + " " + t);
            }
          }
        }
        for (AccountTaintResult.Holding h : r.holdings()) {
          assertTrue(h.tainted().compareTo(h.balance()) <= 0, m + " " + h);
          assertTrue(h.tainted().signum() >= 0, m + " " + h);
        }
        if (m.conservesTaint()) {
          assertTrue(r.conserved(), m + " chain " + seed + " " + r.totals());
          assertTrue(r.totals().get(Asset.ETH).seeded().signum() > 0, m + " chain " + seed);
          // the totals equal the records they summarise, summed here independently
          for (Asset asset : List.of(Asset.ETH, TOKEN)) {
            BigInteger held =
                r.holdings().stream()
                    .filter(h -> h.asset().equals(asset))
                    .map(AccountTaintResult.Holding::tainted)
                    .reduce(BigInteger.ZERO, BigInteger::add);
            BigInteger fees =
                r.transfers().stream()
                    .filter(t -> t.transfer().asset().equals(asset) && t.transfer().kind() == TransferKind.FEE)
                    .map(AccountTaintResult.TransferTaint::tainted)
                    .reduce(BigInteger.ZERO, BigInteger::add);
            AccountTaintResult.Totals tot = r.totals().get(asset);
            assertEquals(held, tot == null ? BigInteger.ZERO : tot.held(), m + " " + asset + " held");
            assertEquals(fees, tot == null ? BigInteger.ZERO : tot.fees(), m + " " + asset + " fees");
          }
          assertEquals(
              r.totals().get(Asset.ETH).fees(),
              r.feeTaints().values().stream().reduce(BigInteger.ZERO, BigInteger::add),
              m + " fee taint per tx");
        }
      }
      // the engine is deterministic: same input, same transfer list
      AccountTaintResult a = TaintEngine.account(AccountTaintModel.FIFO).propagate(l, seeds);
      AccountTaintResult b = TaintEngine.account(AccountTaintModel.FIFO).propagate(l, seeds);
      assertEquals(a.transfers(), b.transfers());
      assertEquals(a.holdings(), b.holdings());
    }
  }
}
