package io.tracer.core.trace;

import static io.tracer.core.testing.Txs.addr;
import static io.tracer.core.testing.Txs.id;
import static io.tracer.core.testing.Txs.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.index.AccountLedger;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.source.SourceException;
import io.tracer.core.testing.Txs;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TracerTest {
  /**
   * t0: coinbase → alice 5000. t1: alice → bob 3000, alice2 1900. t2: bob + carol(1000) → dave
   * 3900. t3: dave → exchange 3800. t4: exchange → eve 3700. t5: alice2 → alice 1800. t6: alice →
   * alice2 1700 (an address-level cycle).
   */
  static final UtxoLedger LEDGER =
      UtxoLedger.builder(Chain.BITCOIN)
          .add(tx("t0").height(1).coinbase().out("alice", 5000).build())
          .add(tx("cb-carol").height(1).position(0).coinbase().out("carol", 1000).build())
          .add(tx("t1").height(2).in("t0", 0, "alice", 5000).out("bob", 3000).out("alice2", 1900).build())
          .add(tx("t2").height(3).in("t1", 0, "bob", 3000).in("cb-carol", 0, "carol", 1000).out("dave", 3900).build())
          .add(tx("t3").height(4).in("t2", 0, "dave", 3900).out("exchange", 3800).build())
          .add(tx("t4").height(5).in("t3", 0, "exchange", 3800).out("eve", 3700).build())
          .add(tx("t5").height(6).in("t1", 1, "alice2", 1900).out("alice", 1800).build())
          .add(tx("t6").height(7).in("t5", 0, "alice", 1800).out("alice2", 1700).build())
          .build();

  private static Set<String> edgeTxs(TraceResult r) {
    return r.edges().stream().map(e -> e.txId().toString()).collect(Collectors.toSet());
  }

  @Nested
  class Utxo {
    @Test
    void forwardFromOutput_followsSpendsHopByHop() {
      TraceResult r = Tracer.builder().maxHops(2).build().trace(LEDGER, Seed.output(new OutPoint(id("t1"), 0)));
      assertEquals(0, r.node(addr("bob")).orElseThrow().hop());
      assertTrue(r.node(addr("bob")).orElseThrow().seed());
      assertEquals(1, r.node(addr("dave")).orElseThrow().hop());
      assertEquals(2, r.node(addr("exchange")).orElseThrow().hop());
      assertTrue(r.node(addr("eve")).isEmpty(), "hop 3 must not be reached with --hops 2");
      assertEquals(Set.of(id("t2").toString(), id("t3").toString()), edgeTxs(r));
      assertEquals(2, r.transactions());
      assertFalse(r.truncated());
    }

    @Test
    void attributed_isProportionalToInputs_exactIntegers() {
      TraceResult r = Tracer.builder().maxHops(1).build().trace(LEDGER, Seed.transaction(id("t2")));
      TraceEdge fromBob = r.edges().stream().filter(e -> e.from().equals(addr("bob"))).findFirst().orElseThrow();
      TraceEdge fromCarol = r.edges().stream().filter(e -> e.from().equals(addr("carol"))).findFirst().orElseThrow();
      assertEquals(BigInteger.valueOf(3900), fromBob.value());
      assertEquals(BigInteger.valueOf(2925), fromBob.attributed()); // 3900 * 3000 / 4000
      assertEquals(BigInteger.valueOf(975), fromCarol.attributed()); // 3900 * 1000 / 4000
      assertEquals(1, fromBob.hop());
    }

    @Test
    void stopAt_recordsTheServiceButDoesNotGoPast() {
      TraceResult r =
          Tracer.builder().maxHops(10).stopAt(a -> a.equals(addr("exchange"))).build()
              .trace(LEDGER, Seed.output(new OutPoint(id("t1"), 0)));
      assertEquals("service", r.node(addr("exchange")).orElseThrow().stopReason());
      assertTrue(r.node(addr("eve")).isEmpty());
      assertTrue(r.stops().stream().anyMatch(s -> s.reason().equals("service")));
    }

    @Test
    void backwardFromTx_walksFundingTransactions_negativeHops() {
      TraceResult r =
          Tracer.builder().direction(Direction.BACKWARD).maxHops(3).build().trace(LEDGER, Seed.transaction(id("t3")));
      assertEquals(0, r.node(addr("exchange")).orElseThrow().hop());
      assertEquals(-1, r.node(addr("dave")).orElseThrow().hop());
      assertEquals(-2, r.node(addr("bob")).orElseThrow().hop());
      assertEquals(-3, r.node(addr("alice")).orElseThrow().hop());
      assertEquals(
          Set.of(id("t3"), id("t2"), id("t1"), id("cb-carol")).stream().map(TxId::toString).collect(Collectors.toSet()),
          edgeTxs(r));
    }

    @Test
    void addressCycle_terminates_eachTxOnce() {
      TraceResult r = Tracer.builder().maxHops(50).build().trace(LEDGER, Seed.address(addr("alice")));
      assertEquals(0, r.node(addr("alice")).orElseThrow().hop());
      // t1, t2, t3, t4 and t5, t6 — each expanded once despite alice ↔ alice2.
      assertEquals(6, r.transactions());
    }

    @Test
    void valueFloor_skipsSmallOutputs() {
      TraceResult r = Tracer.builder().maxHops(3).valueFloor(2000).build().trace(LEDGER, Seed.transaction(id("t1")));
      assertTrue(r.node(addr("alice2")).isEmpty());
      assertFalse(edgeTxs(r).contains(id("t5").toString()));
      assertTrue(edgeTxs(r).contains(id("t2").toString()));
    }

    @Test
    void fanOutLimit_atLimit_follows_aboveLimit_stops() {
      TraceResult atLimit = Tracer.builder().maxHops(2).fanOutLimit(2).build().trace(LEDGER, Seed.transaction(id("t1")));
      assertTrue(edgeTxs(atLimit).contains(id("t2").toString()));
      TraceResult above = Tracer.builder().maxHops(2).fanOutLimit(1).build().trace(LEDGER, Seed.transaction(id("t1")));
      assertEquals(Set.of(id("t1").toString()), edgeTxs(above));
      assertEquals("fan-out", above.stops().get(0).reason());
    }

    @Test
    void budget_truncates() {
      TraceResult r = Tracer.builder().maxHops(10).maxTransactions(2).build().trace(LEDGER, Seed.transaction(id("t1")));
      assertTrue(r.truncated());
      assertEquals(2, r.transactions());
    }

    @Test
    void coinbase_isDrawnFromPseudoAddress() {
      TraceResult r = Tracer.builder().maxHops(1).build().trace(LEDGER, Seed.transaction(id("t0")));
      TraceEdge e = r.edges().get(0);
      assertTrue(e.from().isPseudo());
      assertNull(e.attributed());
    }

    @Test
    void unknownSeed_isAClearError() {
      SourceException e =
          assertThrows(SourceException.class, () -> Tracer.builder().build().trace(LEDGER, Seed.transaction(id("nope"))));
      assertTrue(e.getMessage().contains("not found"));
      assertThrows(SourceException.class, () -> Tracer.builder().build().trace(LEDGER, Seed.address(addr("nobody"))));
    }

    @Test
    void sameInput_givesIdenticalResult() {
      Tracer t = Tracer.builder().direction(Direction.BOTH).maxHops(5).build();
      assertEquals(t.trace(LEDGER, Seed.transaction(id("t2"))), t.trace(LEDGER, Seed.transaction(id("t2"))));
    }
  }

  @Nested
  class Account {
    final Address victim = Address.of(Chain.ETHEREUM, "0x" + "1".repeat(40));
    final Address mule = Address.of(Chain.ETHEREUM, "0x" + "2".repeat(40));
    final Address hop = Address.of(Chain.ETHEREUM, "0x" + "3".repeat(40));
    final Address exchange = Address.of(Chain.ETHEREUM, "0x" + "4".repeat(40));
    final Address earlier = Address.of(Chain.ETHEREUM, "0x" + "5".repeat(40));

    Transfer t(String name, long height, Address from, Address to, long wei) {
      return new Transfer(
          Txs.id(name), BlockRef.of(height, 0, Instant.ofEpochSecond(height * 12)), -1, from, to,
          Asset.ETH, BigInteger.valueOf(wei), TransferKind.NATIVE, true);
    }

    AccountLedger ledger() {
      return AccountLedger.of(
          Chain.ETHEREUM,
          "test",
          List.of(
              t("before", 1, mule, earlier, 50), // before the victim's money arrived: not followed
              t("pay", 2, victim, mule, 1000),
              t("fwd", 3, mule, hop, 990),
              t("dep", 4, hop, exchange, 980)));
    }

    @Test
    void forwardFromTx_respectsTimeOrder() {
      TraceResult r = Tracer.builder().maxHops(5).build().trace(ledger(), Seed.transaction(Txs.id("pay")));
      assertEquals(0, r.node(victim).orElseThrow().hop());
      assertEquals(1, r.node(mule).orElseThrow().hop());
      assertEquals(2, r.node(hop).orElseThrow().hop());
      assertEquals(3, r.node(exchange).orElseThrow().hop());
      assertTrue(r.node(earlier).isEmpty(), "a transfer made before the money arrived is not its path");
    }

    @Test
    void backwardFromAddress_findsVictim() {
      TraceResult r =
          Tracer.builder().direction(Direction.BACKWARD).maxHops(5).build().trace(ledger(), Seed.address(exchange));
      assertEquals(-3, r.node(victim).orElseThrow().hop());
      assertEquals(3, r.edges().size());
    }

    @Test
    void outputSeed_onAccountChain_rejected() {
      assertThrows(
          IllegalArgumentException.class,
          () -> Tracer.builder().build().trace(ledger(), Seed.output(new OutPoint(Txs.id("pay"), 0))));
    }
  }

  @Nested
  class Builder {
    @Test
    void rejectsNonsense() {
      assertThrows(IllegalArgumentException.class, () -> Tracer.builder().maxHops(0));
      assertThrows(IllegalArgumentException.class, () -> Tracer.builder().maxHops(101));
      assertThrows(IllegalArgumentException.class, () -> Tracer.builder().fanOutLimit(0));
      assertThrows(IllegalArgumentException.class, () -> Tracer.builder().valueFloor(-1));
      assertThrows(
          IllegalArgumentException.class,
          () -> Tracer.builder().timeWindow(Instant.ofEpochSecond(10), Instant.ofEpochSecond(5)));
    }

    @Test
    void seedParse_distinguishesTxOutputAddress() {
      String h = id("x").toString();
      assertEquals(Seed.Kind.TRANSACTION, Seed.parse(h, Chain.BITCOIN).kind());
      assertEquals(Seed.Kind.OUTPUT, Seed.parse(h + ":3", Chain.BITCOIN).kind());
      assertEquals(Seed.Kind.ADDRESS, Seed.parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Chain.BITCOIN).kind());
      assertEquals(Seed.Kind.TRANSACTION, Seed.parse("0x" + h, Chain.ETHEREUM).kind());
      assertEquals(Seed.Kind.ADDRESS, Seed.parse("0x" + "a".repeat(40), Chain.ETHEREUM).kind());
    }
  }
}
