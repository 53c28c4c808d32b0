package io.tracer.core.index;

import static io.tracer.core.testing.Txs.addr;
import static io.tracer.core.testing.Txs.id;
import static io.tracer.core.testing.Txs.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UtxoLedgerTest {

  /** An input with prevout only, as a block parser produces it. */
  private static UtxoTx unresolvedSpend(String name, long height, String funding, int vout, String to, long v) {
    return new UtxoTx(
        id(name), BlockRef.of(height, 1, Instant.ofEpochSecond(height)), 1, 0, 100,
        List.of(TxIn.unresolved(new OutPoint(id(funding), vout), 0xfffffffeL)),
        List.of(new TxOut(0, addr(to), v, OutputType.P2PKH)));
  }

  @Test
  void build_resolvesInputs_evenWhenFundingTxAddedLater() {
    UtxoLedger l =
        UtxoLedger.builder(Chain.BITCOIN)
            .add(unresolvedSpend("spend", 2, "fund", 1, "bob", 900))
            .add(tx("fund").height(1).coinbase().out("x", 1).out("alice", 1000).build())
            .build();
    UtxoTx spend = l.transaction(id("spend")).orElseThrow();
    assertTrue(spend.inputsResolved());
    assertEquals(addr("alice"), spend.inputs().get(0).address());
    assertEquals(1000, spend.inputs().get(0).value());
    assertEquals(0xfffffffeL, spend.inputs().get(0).sequence());
    assertEquals(100, spend.fee().getAsLong());
    assertEquals(0, l.unresolvedInputs());
    // chain order: fund (height 1) before spend (height 2)
    assertEquals(List.of(id("fund"), id("spend")), l.transactions().map(UtxoTx::id).collect(Collectors.toList()));
    assertEquals(new InPoint(id("spend"), 0), l.spender(new OutPoint(id("fund"), 1)).orElseThrow());
    assertTrue(l.spender(new OutPoint(id("fund"), 0)).isEmpty());
    assertTrue(l.spender(new OutPoint(id("fund"), 7)).isEmpty());
  }

  @Test
  void missingFunding_keepsInputUnresolved_andCountsIt() {
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(unresolvedSpend("spend", 2, "elsewhere", 0, "bob", 900)).build();
    TxIn in = l.transaction(id("spend")).orElseThrow().inputs().get(0);
    assertFalse(in.isResolved());
    assertNull(in.address());
    assertEquals(new OutPoint(id("elsewhere"), 0), in.prevout());
    assertEquals(1, l.unresolvedInputs());
    assertTrue(l.transaction(id("spend")).orElseThrow().fee().isEmpty());
  }

  @Test
  void preResolvedExternalInput_keepsItsAddressAndValue() {
    UtxoTx t = tx("etl").height(5).in("not-loaded", 3, "carol", 777).out("dave", 700).build();
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(t).build();
    assertEquals(t, l.transaction(id("etl")).orElseThrow());
    assertEquals(List.of(id("etl")), l.history(addr("carol")));
    assertEquals(0, l.unresolvedInputs());
  }

  @Test
  void roundTrip_everyFieldSurvives_includingPseudoAddressesAndBigValues() {
    UtxoTx cb =
        new UtxoTx(
            id("cb"), BlockRef.of(840_000, 0, Instant.ofEpochSecond(1_713_571_767L)), 0xffffffffL, 0xfffffff0L, 321,
            List.of(TxIn.coinbase(0xffffffffL)),
            List.of(
                new TxOut(0, addr("miner"), 2_100_000_000_000_000L, OutputType.P2WPKH),
                new TxOut(1, Address.pseudo(Chain.BITCOIN, "op_return", "abcd"), 0, OutputType.OP_RETURN),
                new TxOut(2, Address.pseudo(Chain.BITCOIN, "script", "ef01"), 5, OutputType.MULTISIG)));
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(cb).build();
    assertEquals(cb, l.transaction(id("cb")).orElseThrow());
    assertEquals(3, l.addressCount());
    assertTrue(l.footprintBytes() > 0);
  }

  @Test
  void history_isChainOrdered_andDeduplicatedPerTx() {
    UtxoLedger l =
        UtxoLedger.builder(Chain.BITCOIN)
            .add(tx("b").height(2).in("a", 0, "alice", 10).in("a", 1, "alice", 10).out("alice", 15).build())
            .add(tx("a").height(1).coinbase().out("alice", 10).out("alice", 10).build())
            .build();
    assertEquals(List.of(id("a"), id("b")), l.history(addr("alice")));
    assertTrue(l.history(addr("nobody")).isEmpty());
    assertTrue(l.history(Address.of(Chain.ETHEREUM, "0x" + "0".repeat(40))).isEmpty());
  }

  @Test
  void duplicateTxid_keepsFirst() {
    UtxoTx first = tx("dup").height(1).coinbase().out("a", 1).build();
    UtxoTx second = tx("dup").height(2).coinbase().out("b", 2).build();
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(first).add(second).build();
    assertEquals(1, l.size());
    assertEquals(first, l.transaction(id("dup")).orElseThrow());
  }

  @Test
  void empty_answersNothing() {
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).build();
    assertEquals(0, l.size());
    assertTrue(l.transaction(id("x")).isEmpty());
    assertTrue(l.spender(new OutPoint(id("x"), 0)).isEmpty());
    assertEquals(0, l.transactions().count());
  }

  @Test
  void manyTransactions_allFindable_spendersCorrect() {
    UtxoLedger.Builder b = UtxoLedger.builder(Chain.BITCOIN);
    b.add(tx("c0").height(0).coinbase().out("a0", 1_000_000).build());
    for (int i = 1; i < 5000; i++) {
      b.add(tx("c" + i).height(i).in("c" + (i - 1), 0, "a" + (i - 1), 1_000_000 - (i - 1)).out("a" + i, 1_000_000 - i).build());
    }
    UtxoLedger l = b.build();
    assertEquals(5000, l.size());
    for (int i = 0; i < 4999; i += 97) {
      assertEquals(id("c" + (i + 1)), l.spender(new OutPoint(id("c" + i), 0)).orElseThrow().txId());
      assertEquals(List.of(id("c" + i), id("c" + (i + 1))), l.history(addr("a" + i)));
    }
  }

  @Test
  void unknownHeight_roundTrips_andSortsLast() {
    UtxoTx loose =
        new UtxoTx(
            id("loose"), BlockRef.of(BlockRef.UNKNOWN_HEIGHT, 0, Instant.ofEpochSecond(1_700_000_000L)), 2, 0, 100,
            List.of(TxIn.coinbase(0)), List.of(new TxOut(0, addr("z"), 1, OutputType.P2WPKH)));
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(loose).add(tx("mined").height(7).coinbase().out("y", 1).build()).build();
    assertEquals(loose, l.transaction(id("loose")).orElseThrow());
    assertEquals(id("loose"), l.transactions().reduce((a, b) -> b).orElseThrow().id());
  }

  @Test
  void rawFields_every32BitValue_roundTripsUnsigned() {
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN)
        .beginTx(1, 2, 3, 4, 5, 0, 6, 0xffff_ffffL, 0xffff_fffeL, 7)
        .coinbaseInput(0xffff_ffffL)
        .build();
    UtxoTx t = l.transaction(l.txId(0)).orElseThrow();
    assertEquals(4294967295L, t.version());
    assertEquals(4294967294L, t.lockTime());
    assertEquals(4294967295L, t.inputs().get(0).sequence());
  }

  @Test
  void rawFields_outside32Bits_areRejectedNotCut() {
    UtxoLedger.Builder b = UtxoLedger.builder(Chain.BITCOIN);
    IllegalArgumentException v = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> b.beginTx(1, 2, 3, 4, 5, 0, 6, 1L << 32, 0, 7));
    assertTrue(v.getMessage().contains("version must be an unsigned 32-bit value"), v.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> b.beginTx(1, 2, 3, 4, 5, 0, 6, 1, -1, 7));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> b.beginTx(1, 2, 3, 4, 5, 0, 6, 1, 0, -7));
    b.beginTx(1, 2, 3, 4, 5, 0, 6, 1, 0, 7);
    IllegalArgumentException s = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> b.input(9, 9, 9, 9, 0, 1L << 32));
    assertTrue(s.getMessage().contains("sequence"), s.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> b.coinbaseInput(-1));
    assertEquals(1, b.size()); // the refused inputs left nothing behind
    assertEquals(0, b.build().inputTotal());
  }

  @Test
  void blockTimeBefore1970_isRejectedClearly() {
    UtxoTx old =
        new UtxoTx(
            id("old"), BlockRef.of(1, 0, Instant.ofEpochSecond(-5)), 2, 0, 100,
            List.of(TxIn.coinbase(0)), List.of(new TxOut(0, addr("z"), 1, OutputType.P2WPKH)));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> UtxoLedger.builder(Chain.BITCOIN).add(old).build());
    assertTrue(e.getMessage().contains("block time"));
  }
}
