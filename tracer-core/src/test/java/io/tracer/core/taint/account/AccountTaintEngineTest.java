package io.tracer.core.taint.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.taint.TaintEngine;
import io.tracer.core.testing.Txs;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HEURISTICS.md §4.2: the Alice example for every model, gas, failures, self-transfers, cycles. */
class AccountTaintEngineTest {
  static final Address ALICE = evm("a1");
  static final Address BOB = evm("b0");
  static final Address CAROL = evm("c0");
  static final Address FUNDER = evm("f0");
  static final Address THIEF = evm("de");
  static final Address FEE = Address.feeSink(Chain.ETHEREUM);
  static final Asset USDT = Asset.token(Chain.ETHEREUM, "0xdac17f958d2ee523a2206206994597c13d831ec7", "USDT", 6);

  static Address evm(String b) {
    return Address.of(Chain.ETHEREUM, "0x" + b.repeat(20));
  }

  static Transfer tr(String tx, long height, Address from, Address to, long amount) {
    return tr(tx, height, -1, from, to, Asset.ETH, amount, TransferKind.NATIVE, true);
  }

  static Transfer tr(
      String tx, long height, int pos, Address from, Address to, Asset asset, long amount,
      TransferKind kind, boolean ok) {
    return new Transfer(
        Txs.id(tx), BlockRef.of(height, 0, Instant.ofEpochSecond(1_700_000_000L + height)), pos, from,
        to, asset, BigInteger.valueOf(amount), kind, ok);
  }

  /** An ETH transfer at a given block position (transaction index). */
  static Transfer at(
      String tx, BlockRef b, int pos, Address from, Address to, long amount, TransferKind kind) {
    return new Transfer(Txs.id(tx), b, pos, from, to, Asset.ETH, BigInteger.valueOf(amount), kind, true);
  }

  /** t1 +4,000 clean; t2 +2,000 tainted (the seed); t3 → Bob 3,000; t4 +3,000 clean; t5 → Carol 4,000. */
  static final List<Transfer> ALICE_STORY =
      List.of(
          tr("t1", 1, FUNDER, ALICE, 4_000),
          tr("t2", 2, THIEF, ALICE, 2_000),
          tr("t3", 3, ALICE, BOB, 3_000),
          tr("t4", 4, FUNDER, ALICE, 3_000),
          tr("t5", 5, ALICE, CAROL, 4_000));

  static AccountTaintResult alice(AccountTaintModel m) {
    // funder starts with unknown (clean) funds; the thief's transfer is the seed
    return TaintEngine.account(m).propagate(ALICE_STORY, List.of(AccountSeed.transaction(Txs.id("t2"))));
  }

  @Nested
  class WorkedExample {
    @ParameterizedTest(name = "{0}: Bob {1}, Carol {2}, Alice keeps {3}")
    @CsvSource({
      "poison,      3000, 4000, 2000",
      "haircut,     1000,  666,  334",
      "fifo,           0, 2000,    0",
      "lifo,        2000,    0,    0",
      "taint_first, 2000,    0,    0"
    })
    void propagate_aliceExample_matchesTable(String model, long bob, long carol, long alice) {
      AccountTaintResult r = alice(AccountTaintModel.byId(model));
      assertEquals(BigInteger.valueOf(bob), r.taintOfTransfer(ALICE_STORY.get(2)));
      assertEquals(BigInteger.valueOf(carol), r.taintOfTransfer(ALICE_STORY.get(4)));
      AccountTaintResult.Holding a = r.holding(Asset.ETH, ALICE).orElseThrow();
      assertEquals(BigInteger.valueOf(2_000), a.balance());
      assertEquals(BigInteger.valueOf(alice), a.tainted());
      if (!model.equals("poison")) {
        assertTrue(r.conserved(), model);
      }
    }

    @Test
    void propagate_seedTransfer_recordedAsSeedWithFullAmount() {
      AccountTaintResult r = alice(AccountTaintModel.FIFO);
      AccountTaintResult.TransferTaint first = r.transfers().get(0);
      assertEquals(ALICE_STORY.get(1), first.transfer());
      assertTrue(first.seed());
      assertEquals(BigInteger.valueOf(2_000), first.tainted());
      assertEquals(BigInteger.valueOf(2_000), r.totals().get(Asset.ETH).seeded());
    }

    @Test
    void propagate_sameBlock_orderedByTxIndexThenTracePosition() {
      Address forwarder = evm("fa");
      Instant at = Instant.ofEpochSecond(1_700_000_002L);
      BlockRef tx0 = BlockRef.of(2, 0, at);
      BlockRef tx1 = BlockRef.of(2, 1, at);
      BlockRef tx2 = BlockRef.of(2, 2, at);
      Transfer funding = tr("t1", 1, FUNDER, ALICE, 4_000);
      // index 0: Alice pays Bob before the tainted 2,000 (index 1) arrives in the same block
      Transfer early = at("early", tx0, -1, ALICE, BOB, 1_000, TransferKind.NATIVE);
      Transfer seed = at("seed", tx1, -1, THIEF, ALICE, 2_000, TransferKind.NATIVE);
      // index 2: Alice calls a forwarder (top-level value, position -1) that passes it on to
      // Carol (internal trace, position 0); the trace must come after the value it forwards
      Transfer call = at("fw", tx2, -1, ALICE, forwarder, 2_000, TransferKind.NATIVE);
      Transfer inner = at("fw", tx2, 0, forwarder, CAROL, 2_000, TransferKind.INTERNAL);
      List<Transfer> given = List.of(inner, call, seed, early, funding); // reversed on purpose
      AccountTaintResult r =
          TaintEngine.account(AccountTaintModel.TAINT_FIRST)
              .propagate(given, List.of(AccountSeed.transaction(Txs.id("seed"))));
      assertEquals(BigInteger.ZERO, r.taintOfTransfer(early));
      assertEquals(BigInteger.valueOf(2_000), r.taintOfTransfer(call));
      assertEquals(BigInteger.valueOf(2_000), r.taintOfTransfer(inner));
      assertEquals(BigInteger.ZERO, r.holding(Asset.ETH, forwarder).orElseThrow().unknownFunds());
      assertEquals(BigInteger.valueOf(2_000), r.holding(Asset.ETH, CAROL).orElseThrow().tainted());
      assertEquals(
          List.of(seed, call, inner),
          r.transfers().stream().map(AccountTaintResult.TransferTaint::transfer).toList());
      assertTrue(r.conserved());
    }

    @Test
    void propagate_givenOutOfOrder_sameAsInOrder() {
      List<Transfer> shuffled = new ArrayList<>(ALICE_STORY);
      java.util.Collections.reverse(shuffled);
      AccountTaintResult r =
          TaintEngine.account(AccountTaintModel.HAIRCUT)
              .propagate(shuffled, List.of(AccountSeed.transaction(Txs.id("t2"))));
      assertEquals(BigInteger.valueOf(666), r.taintOfTransfer(ALICE_STORY.get(4)));
    }
  }

  @Nested
  class GasAndFailures {
    @Test
    void propagate_gas_takenAfterValueAndRecordedAsFeeTaint() {
      List<Transfer> l = new ArrayList<>(ALICE_STORY.subList(0, 2));
      l.add(tr("t3", 3, Transfer.FEE_POSITION, ALICE, FEE, Asset.ETH, 600, TransferKind.FEE, true));
      l.add(tr("t3", 3, -1, ALICE, BOB, Asset.ETH, 3_000, TransferKind.NATIVE, true));
      AccountTaintResult r =
          TaintEngine.account(AccountTaintModel.LIFO)
              .propagate(l, List.of(AccountSeed.transaction(Txs.id("t2"))));
      // value first: Bob takes 2,000 T + 1,000 C; then gas takes 600 C
      assertEquals(BigInteger.valueOf(2_000), r.taintOfTransfer(l.get(3)));
      assertEquals(BigInteger.ZERO, r.feeTaint(Txs.id("t3")));
      // with taint-first… value took all taint too; with haircut gas takes its share
      AccountTaintResult h =
          TaintEngine.account(AccountTaintModel.HAIRCUT)
              .propagate(l, List.of(AccountSeed.transaction(Txs.id("t2"))));
      assertEquals(BigInteger.valueOf(1_000), h.taintOfTransfer(l.get(3)));
      // after value: balance 3,000 with 1,000 taint; gas 600 carries 200
      assertEquals(BigInteger.valueOf(200), h.feeTaint(Txs.id("t3")));
      assertEquals(BigInteger.valueOf(200), h.totals().get(Asset.ETH).fees());
      assertTrue(h.conserved());
    }

    @Test
    void propagate_failedTx_movesNoValueButPaysGas() {
      List<Transfer> l = new ArrayList<>(ALICE_STORY.subList(0, 2));
      l.add(tr("t3", 3, -1, ALICE, BOB, Asset.ETH, 3_000, TransferKind.NATIVE, false));
      l.add(tr("t3", 3, Transfer.FEE_POSITION, ALICE, FEE, Asset.ETH, 600, TransferKind.FEE, false));
      AccountTaintResult r =
          TaintEngine.account(AccountTaintModel.HAIRCUT)
              .propagate(l, List.of(AccountSeed.transaction(Txs.id("t2"))));
      assertEquals(BigInteger.ZERO, r.taintOfTransfer(l.get(2)));
      assertTrue(r.holding(Asset.ETH, BOB).isEmpty());
      assertEquals(BigInteger.valueOf(200), r.feeTaint(Txs.id("t3")));
      assertEquals(BigInteger.valueOf(5_400), r.holding(Asset.ETH, ALICE).orElseThrow().balance());
      assertTrue(r.conserved());
    }
  }

  @Nested
  class SafetyCases {
    @Test
    void propagate_selfTransfer_noOpButReported() {
      List<Transfer> l = new ArrayList<>(ALICE_STORY.subList(0, 2));
      l.add(tr("self", 3, ALICE, ALICE, 1_000));
      l.add(tr("t5", 5, ALICE, CAROL, 4_000));
      AccountTaintResult r =
          TaintEngine.account(AccountTaintModel.FIFO)
              .propagate(l, List.of(AccountSeed.transaction(Txs.id("t2"))));
      assertEquals(BigInteger.ZERO, r.taintOfTransfer(l.get(2))); // oldest 1,000 is clean
      // FIFO unchanged by the self-transfer: Carol takes 4,000 C
      assertEquals(BigInteger.ZERO, r.taintOfTransfer(l.get(3)));
      assertEquals(BigInteger.valueOf(2_000), r.holding(Asset.ETH, ALICE).orElseThrow().tainted());
    }

    @Test
    void propagate_cycleAliceBobAlice_eachEventOnceAndConserved() {
      List<Transfer> l = new ArrayList<>(ALICE_STORY.subList(0, 3)); // Bob gets 3,000
      l.add(tr("back", 4, BOB, ALICE, 3_000));
      l.add(tr("again", 5, ALICE, BOB, 6_000));
      for (AccountTaintModel m : AccountTaintModel.values()) {
        AccountTaintResult r =
            TaintEngine.account(m).propagate(l, List.of(AccountSeed.transaction(Txs.id("t2"))));
        if (m.conservesTaint()) {
          assertTrue(r.conserved(), m.id());
          assertEquals(BigInteger.valueOf(2_000), r.taintOfTransfer(l.get(4)), m.id());
        }
      }
    }

    @Test
    void propagate_tokenLedgerSeparateFromEth() {
      List<Transfer> l = new ArrayList<>(ALICE_STORY);
      l.add(tr("tok", 3, 0, FUNDER, ALICE, USDT, 500, TransferKind.TOKEN, true));
      l.add(tr("tok2", 6, 0, ALICE, CAROL, USDT, 500, TransferKind.TOKEN, true));
      AccountTaintResult r =
          TaintEngine.account(AccountTaintModel.HAIRCUT)
              .propagate(l, List.of(AccountSeed.transaction(Txs.id("t2"))));
      assertEquals(BigInteger.ZERO, r.taintOfTransfer(l.get(6)));
      assertEquals(BigInteger.valueOf(666), r.taintOfTransfer(ALICE_STORY.get(4)));
      assertFalse(r.totals().containsKey(USDT) && r.totals().get(USDT).held().signum() > 0);
    }

    @Test
    void propagate_spendBeyondKnownBalance_unknownFundsCleanAndReported() {
      // Alice spends 3,000 having received only the 2,000 seed: 1,000 of unknown (clean) origin
      List<Transfer> l =
          List.of(tr("t2", 2, THIEF, ALICE, 2_000), tr("t3", 3, ALICE, BOB, 3_000));
      AccountTaintResult r =
          TaintEngine.account(AccountTaintModel.FIFO)
              .propagate(l, List.of(AccountSeed.transaction(Txs.id("t2"))));
      // unknown funds are the oldest: FIFO takes 1,000 C then 2,000 T
      assertEquals(BigInteger.valueOf(2_000), r.taintOfTransfer(l.get(1)));
      assertEquals(BigInteger.valueOf(1_000), r.holding(Asset.ETH, ALICE).orElseThrow().unknownFunds());
    }

    @Test
    void propagate_untilHeight_laterTransfersIgnored() {
      AccountTaintResult r =
          TaintEngine.account(
                  AccountTaintModel.HAIRCUT, AccountTaintOptions.builder().untilHeight(4).build())
              .propagate(ALICE_STORY, List.of(AccountSeed.transaction(Txs.id("t2"))));
      assertEquals(BigInteger.ZERO, r.taintOfTransfer(ALICE_STORY.get(4)));
      assertEquals(BigInteger.valueOf(1_000), r.holding(Asset.ETH, ALICE).orElseThrow().tainted());
    }

    @Test
    void propagate_maxHops_taintBeyondRestsAtTheLimitAndConserves() {
      // t2 (seed, hop 0) → Alice; t3 Alice → Bob is hop 1; then Bob → Carol is hop 2
      List<Transfer> l = new ArrayList<>(ALICE_STORY.subList(0, 3));
      Transfer onward = tr("b2c", 6, BOB, CAROL, 3_000);
      l.add(onward);
      AccountSeed seed = AccountSeed.transaction(Txs.id("t2"));
      AccountTaintResult one =
          TaintEngine.account(AccountTaintModel.LIFO, AccountTaintOptions.builder().maxHops(1).build())
              .propagate(l, List.of(seed));
      AccountTaintResult.TransferTaint toBob = one.transfers().get(1);
      assertEquals(1, toBob.hop());
      assertFalse(toBob.limit());
      AccountTaintResult.TransferTaint toCarol = one.transfers().get(2);
      assertEquals(onward, toCarol.transfer());
      assertEquals(2, toCarol.hop());
      assertTrue(toCarol.limit());
      assertEquals(BigInteger.valueOf(2_000), toCarol.tainted());
      assertTrue(one.holding(Asset.ETH, CAROL).isEmpty(), "Carol is not followed");
      assertEquals(BigInteger.valueOf(2_000), one.totals().get(Asset.ETH).limit());
      assertTrue(one.conserved());
      // without the limit Carol holds it
      AccountTaintResult all = TaintEngine.account(AccountTaintModel.LIFO).propagate(l, List.of(seed));
      assertEquals(BigInteger.valueOf(2_000), all.holding(Asset.ETH, CAROL).orElseThrow().tainted());
      assertEquals(BigInteger.ZERO, all.totals().get(Asset.ETH).limit());
      // hops 0: only the seed transfer; Alice's taint rests where it first went
      AccountTaintResult zero =
          TaintEngine.account(AccountTaintModel.LIFO, AccountTaintOptions.builder().maxHops(0).build())
              .propagate(l, List.of(seed));
      assertTrue(zero.transfers().get(1).limit());
      assertTrue(zero.holding(Asset.ETH, BOB).isEmpty());
      assertTrue(zero.conserved());
    }

    @Test
    void propagate_sourceAddressSeed_everyOutflowTainted() {
      AccountTaintResult r =
          TaintEngine.account(AccountTaintModel.HAIRCUT)
              .propagate(ALICE_STORY, List.of(AccountSeed.sourceAddress(THIEF)));
      assertEquals(BigInteger.valueOf(1_000), r.taintOfTransfer(ALICE_STORY.get(2)));
      assertTrue(r.conserved());
    }

    @Test
    void propagate_rewardFromPseudoAddress_cleanInflow() {
      Address mint = Address.pseudo(Chain.ETHEREUM, "reward", "");
      List<Transfer> l =
          List.of(
              tr("r", 1, 0, mint, ALICE, Asset.ETH, 4_000, TransferKind.REWARD, true),
              tr("t2", 2, THIEF, ALICE, 2_000),
              tr("t3", 3, ALICE, BOB, 3_000));
      AccountTaintResult r =
          TaintEngine.account(AccountTaintModel.HAIRCUT)
              .propagate(l, List.of(AccountSeed.transaction(Txs.id("t2"))));
      assertEquals(BigInteger.valueOf(1_000), r.taintOfTransfer(l.get(2)));
    }
  }

  @Nested
  class Rejection {
    @Test
    void byId_unknown_throwsListingModels() {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> AccountTaintModel.byId("lifo2"));
      assertTrue(e.getMessage().contains("taint_first"));
    }

    @Test
    void byId_tiho_isTaintFirst() {
      assertEquals(AccountTaintModel.TAINT_FIRST, AccountTaintModel.byId("TIHO"));
    }

    @Test
    void seedParse_badPosition_throws() {
      assertThrows(IllegalArgumentException.class, () -> AccountSeed.parse(Txs.id("a") + ":x"));
      assertThrows(IllegalArgumentException.class, () -> AccountSeed.parse(Txs.id("a") + ":-2"));
      assertThrows(IllegalArgumentException.class, () -> AccountSeed.parse("0x1234"));
    }

    @Test
    void seedParse_txAndTransfer_roundTrip() {
      TxId id = Txs.id("a");
      assertEquals(AccountSeed.transaction(id), AccountSeed.parse(id.toString()));
      assertEquals(AccountSeed.transfer(id, -1), AccountSeed.parse(id + ":-1"));
      // printed with 0x, as account reports write txids, and read back
      assertEquals(id.toHex0x() + ":3", AccountSeed.transfer(id, 3).toString());
      assertEquals(AccountSeed.transfer(id, 3), AccountSeed.parse(AccountSeed.transfer(id, 3).toString()));
      assertEquals(AccountSeed.transaction(id), AccountSeed.parse(AccountSeed.transaction(id).toString()));
    }

    @Test
    void maxHops_negative_rejected() {
      assertThrows(IllegalArgumentException.class, () -> AccountTaintOptions.builder().maxHops(-1));
    }

    @Test
    void untilHeight_negative_rejected() {
      assertThrows(IllegalArgumentException.class, () -> AccountTaintOptions.builder().untilHeight(-1));
    }
  }
}
