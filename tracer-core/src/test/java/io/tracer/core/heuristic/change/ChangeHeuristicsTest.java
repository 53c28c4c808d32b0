package io.tracer.core.heuristic.change;

import static io.tracer.core.heuristic.TestTx.addr;
import static io.tracer.core.heuristic.TestTx.pkh;
import static io.tracer.core.heuristic.TestTx.sh;
import static io.tracer.core.heuristic.TestTx.tx;
import static io.tracer.core.heuristic.TestTx.wpkh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.UtxoTx;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChangeHeuristicsTest {
  private static final LedgerView EMPTY = LedgerView.empty();

  private static List<Integer> cands(ChangeHeuristic h, UtxoTx t, LedgerView v) {
    return h.candidates(t, v).outputs();
  }

  private static UtxoLedger ledger(UtxoTx... txs) {
    UtxoLedger.Builder b = UtxoLedger.builder(Chain.BITCOIN);
    for (UtxoTx t : txs) {
      b.add(t);
    }
    return b.build();
  }

  @Nested
  class OptimalChange {
    @Test
    void candidates_outputJustBelowSmallestInput_isCandidate() {
      UtxoTx t = tx("oc1").in("a", 10_000).in("b", 20_000).out("p", 25_000).out("c", 9_999).build();
      assertEquals(List.of(1), cands(ChangeHeuristics.optimalChange(), t, EMPTY));
    }

    @ParameterizedTest
    @ValueSource(longs = {10_000, 10_001})
    void candidates_outputAtOrAboveSmallestInput_isNotCandidate(long v) {
      UtxoTx t = tx("oc2").in("a", 10_000).in("b", 20_000).out("p", 15_000).out("c", v).build();
      assertEquals(List.of(), cands(ChangeHeuristics.optimalChange(), t, EMPTY));
    }

    @Test
    void candidates_unresolvedInput_none() {
      UtxoTx t = tx("oc3").in("a", 10_000).unresolvedIn().out("c", 1).build();
      ChangeCandidates c = ChangeHeuristics.optimalChange().candidates(t, EMPTY);
      assertTrue(c.isEmpty());
      assertEquals("inputs not resolved", c.evidence());
    }

    @Test
    void candidates_opReturnBelowMin_neverCandidate() {
      UtxoTx t = tx("oc4").in("a", 10_000).out("p", 9_000).opReturn().build();
      assertEquals(List.of(0), cands(ChangeHeuristics.optimalChange(), t, EMPTY));
    }

    @Test
    void candidates_coinbase_none() {
      UtxoTx t = tx("cb").coinbase().out("miner", 5_000_000_000L).build();
      assertTrue(ChangeHeuristics.optimalChange().candidates(t, EMPTY).isEmpty());
    }
  }

  @Nested
  class PowerOfTen {
    @ParameterizedTest
    @ValueSource(longs = {999_999, 1_000_001, 1_500_000})
    void candidates_notMultipleOf10e6_isCandidate(long v) {
      UtxoTx t = tx("p10").in("a", 5_000_000).out("p", v).build();
      assertEquals(List.of(0), cands(ChangeHeuristics.powerOfTen(6), t, EMPTY));
    }

    @ParameterizedTest
    @ValueSource(longs = {1_000_000, 2_000_000, 0})
    void candidates_multipleOf10e6_ruledOut(long v) {
      UtxoTx t = tx("p10b").in("a", 5_000_000).out("p", v).build();
      assertEquals(List.of(), cands(ChangeHeuristics.powerOfTen(6), t, EMPTY));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 19, -1})
    void powerOfTen_digitsOutOfRange_rejected(int d) {
      assertThrows(IllegalArgumentException.class, () -> ChangeHeuristics.powerOfTen(d));
    }

    @Test
    void powerOfTen_digitsAtLimits_accepted() {
      assertEquals("power-of-ten:1", ChangeHeuristics.powerOfTen(1).name());
      assertEquals("power-of-ten:18", ChangeHeuristics.powerOfTen(18).name());
      assertEquals("power-of-ten", ChangeHeuristics.powerOfTen(6).name());
    }
  }

  @Nested
  class AddressType {
    @Test
    void candidates_allInputsP2wpkh_keepsP2wpkhOutputs() {
      UtxoTx t =
          tx("at1").in(wpkh("a"), 5_000).in(wpkh("b"), 5_000).out(pkh("p"), 6_000).out(wpkh("c"), 3_000)
              .build();
      assertEquals(List.of(1), cands(ChangeHeuristics.addressType(), t, EMPTY));
    }

    @Test
    void candidates_mixedInputTypes_none() {
      UtxoTx t = tx("at2").in(wpkh("a"), 5_000).in(sh("b"), 5_000).out(wpkh("c"), 3_000).build();
      ChangeCandidates c = ChangeHeuristics.addressType().candidates(t, EMPTY);
      assertTrue(c.isEmpty());
      assertEquals("inputs of mixed or unknown type", c.evidence());
    }

    @Test
    void candidates_unknownInputType_none() {
      UtxoTx t = tx("at3").in("plainname", 5_000).out(wpkh("c"), 3_000).build();
      assertTrue(ChangeHeuristics.addressType().candidates(t, EMPTY).isEmpty());
    }

    @Test
    void candidates_fundingTxLoaded_typeFromFundingOutput() {
      UtxoTx f = tx("fund").in("x", 10_000).out("plain", 9_000, OutputType.P2SH).build();
      UtxoTx t = tx("at4").height(101).spend(f, 0).out(sh("p"), 4_000).out(wpkh("c"), 4_000).build();
      assertEquals(List.of(0), cands(ChangeHeuristics.addressType(), t, LedgerView.of(ledger(f, t))));
    }
  }

  @Nested
  class AddressReuseAndDirectChange {
    @Test
    void candidates_outputToInputAddress_isCandidate() {
      UtxoTx t = tx("ar").in("a", 10_000).out("p", 4_000).out("a", 5_000).build();
      assertEquals(List.of(1), cands(ChangeHeuristics.addressReuse(), t, EMPTY));
      assertEquals(List.of(1), cands(ChangeHeuristics.directChange(), t, EMPTY));
      assertEquals(100, ChangeHeuristics.directChange().confidence());
    }

    @Test
    void candidates_noReuse_none() {
      UtxoTx t = tx("ar2").in("a", 10_000).out("p", 4_000).out("c", 5_000).build();
      assertEquals(List.of(), cands(ChangeHeuristics.directChange(), t, EMPTY));
    }
  }

  @Nested
  class FreshAddress {
    @Test
    void candidates_addressFirstSeenHere_isCandidate() {
      UtxoTx old = tx("old").height(50).in("z", 9_000).out("p", 8_000).build();
      UtxoTx t = tx("fa").height(60).in("a", 10_000).out("p", 4_000).out("c", 5_000).build();
      LedgerView v = LedgerView.of(ledger(old, t));
      assertEquals(List.of(1), cands(ChangeHeuristics.freshAddress(), t, v));
      assertEquals(HeuristicKind.DYNAMIC, ChangeHeuristics.freshAddress().kind());
    }

    @Test
    void candidates_addressSeenInEarlierTx_ruledOut_opReturnNever() {
      UtxoTx old = tx("old2").height(50).in("z", 9_000).out("c", 8_000).build();
      UtxoTx t = tx("fa3").height(60).in("a", 10_000).out("p", 4_000).out("c", 5_000).opReturn().build();
      assertEquals(List.of(0), cands(ChangeHeuristics.freshAddress(), t, LedgerView.of(ledger(old, t))));
    }

    @Test
    void candidates_emptyView_none() {
      UtxoTx t = tx("fa2").in("a", 10_000).out("c", 5_000).build();
      assertEquals(List.of(), cands(ChangeHeuristics.freshAddress(), t, EMPTY));
    }
  }

  @Nested
  class Locktime {
    @Test
    void candidates_spenderLocktimeMatches_keptOtherwiseRuledOut() {
      UtxoTx t = tx("lt").height(10).lockTime(9).in("a", 10_000).out("p", 4_000).out("c", 5_000).build();
      UtxoTx s1 = tx("lt-s1").height(11).lockTime(0).spend(t, 0).out("q", 3_000).build();
      UtxoTx s2 = tx("lt-s2").height(11).position(2).lockTime(10).spend(t, 1).out("r", 4_000).build();
      assertEquals(List.of(1), cands(ChangeHeuristics.locktime(), t, LedgerView.of(ledger(t, s1, s2))));
    }

    @Test
    void candidates_locktimeZeroVersusOne_isTheBoundary() {
      UtxoTx t = tx("lt0").height(10).lockTime(0).in("a", 10_000).out("p", 4_000).out("c", 5_000).build();
      UtxoTx s1 = tx("lt0-s1").height(11).lockTime(1).spend(t, 0).out("q", 3_000).build();
      UtxoTx s0 = tx("lt0-s0").height(11).position(2).lockTime(0).spend(t, 1).out("r", 4_000).build();
      assertEquals(List.of(1), cands(ChangeHeuristics.locktime(), t, LedgerView.of(ledger(t, s1, s0))));
      UtxoTx u = tx("lt1").height(10).lockTime(1).in("a", 10_000).out("p", 4_000).out("c", 5_000).build();
      UtxoTx u1 = tx("lt1-s1").height(11).lockTime(1).spend(u, 0).out("q", 3_000).build();
      UtxoTx u0 = tx("lt1-s0").height(11).position(2).lockTime(0).spend(u, 1).out("r", 4_000).build();
      assertEquals(List.of(0), cands(ChangeHeuristics.locktime(), u, LedgerView.of(ledger(u, u1, u0))));
    }

    @Test
    void candidates_unspentOutputs_allKept() {
      UtxoTx t = tx("lt2").lockTime(0).in("a", 10_000).out("p", 4_000).out("c", 5_000).build();
      assertEquals(List.of(0, 1), cands(ChangeHeuristics.locktime(), t, LedgerView.of(ledger(t))));
    }
  }

  @Nested
  class FixedFee {
    // t: fee 1,000 sat over 200 vB -> 5,000 sat/kvB.
    private UtxoTx base() {
      return tx("ff").height(10).vsize(200).in("a", 10_000).out("p", 4_000).out("c", 5_000).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {199, 201})
    void candidates_spenderRateOffByOne_ruledOut(int vsizeThousandths) {
      UtxoTx t = base();
      // spender fee 1,000 -> rate 1000*1000/vsize: 199 -> 5025, 201 -> 4975.
      UtxoTx s = tx("ffs" + vsizeThousandths).height(11).vsize(vsizeThousandths).spend(t, 0).out("q", 3_000).build();
      assertEquals(List.of(1), cands(ChangeHeuristics.fixedFee(), t, LedgerView.of(ledger(t, s))));
    }

    @Test
    void candidates_spenderSameRate_kept() {
      UtxoTx t = base();
      UtxoTx s = tx("ffs").height(11).vsize(200).spend(t, 0).out("q", 3_000).build();
      assertEquals(List.of(0, 1), cands(ChangeHeuristics.fixedFee(), t, LedgerView.of(ledger(t, s))));
    }

    @Test
    void candidates_unknownVsize_none() {
      UtxoTx t = tx("ff0").vsize(0).in("a", 10_000).out("c", 5_000).build();
      assertEquals("fee or vsize unknown", ChangeHeuristics.fixedFee().candidates(t, EMPTY).evidence());
    }
  }

  @Nested
  class PeelingChain {
    @Test
    void candidates_middleOfPeelChain_continuingOutputIsCandidate() {
      UtxoTx p0 = tx("peel0").height(10).in("a", 100_000).out("pay0", 10_000).out("c0", 89_000).build();
      UtxoTx p1 = tx("peel1").height(11).spend(p0, 1).out("pay1", 10_000).out("c1", 78_000).build();
      UtxoTx p2 = tx("peel2").height(12).spend(p1, 1).out("pay2", 10_000).out("c2", 67_000).build();
      UtxoTx pay = tx("paysp").height(12).position(2).spend(p1, 0).in("x", 1_000).out("m", 10_500).build();
      LedgerView v = LedgerView.of(ledger(p0, p1, p2, pay));
      assertTrue(ChangeHeuristics.isPeel(p1, v));
      assertEquals(List.of(1), cands(ChangeHeuristics.peelingChain(), p1, v));
    }

    @Test
    void candidates_threeOutputs_notPeel() {
      UtxoTx t = tx("np").in("a", 100_000).out("x", 1).out("y", 2).out("z", 3).build();
      assertEquals(List.of(), cands(ChangeHeuristics.peelingChain(), t, EMPTY));
    }

    @Test
    void isPeel_onlyTheSpenderIsAPeel_stillAPeel_nonPeelSpenderRuledOut() {
      // Parent has 2 inputs (not a peel); output 1 is spent by a peel, output 0 by a 2-in tx.
      UtxoTx parent = tx("pp").height(10).in("a", 50_000).in("b", 50_000).out("s", 99_000).build();
      UtxoTx t = tx("pt").height(11).spend(parent, 0).out("pay", 10_000).out("chg", 88_000).build();
      UtxoTx next = tx("pn").height(12).spend(t, 1).out("pay2", 10_000).out("chg2", 77_000).build();
      UtxoTx other = tx("po").height(12).position(2).spend(t, 0).in("z", 1_000).out("m", 10_500).build();
      LedgerView v = LedgerView.of(ledger(parent, t, next, other));
      assertTrue(ChangeHeuristics.isPeel(t, v));
      assertEquals(List.of(1), cands(ChangeHeuristics.peelingChain(), t, v));
    }

    @Test
    void looksLikePeel_exactlyOneInputAndTwoOutputs() {
      assertTrue(ChangeHeuristics.looksLikePeel(tx("l12").in("a", 9).out("x", 1).out("y", 2).build()));
      assertTrue(!ChangeHeuristics.looksLikePeel(tx("l22").in("a", 9).in("b", 9).out("x", 1).out("y", 2).build()));
      assertTrue(!ChangeHeuristics.looksLikePeel(tx("l11").in("a", 9).out("x", 1).build()));
      assertTrue(!ChangeHeuristics.looksLikePeel(tx("l13").in("a", 9).out("x", 1).out("y", 2).out("z", 3).build()));
      assertTrue(!ChangeHeuristics.looksLikePeel(tx("lcb").coinbase().out("x", 1).out("y", 2).build()));
    }

    @Test
    void candidates_isolatedOneInTwoOut_notPeel() {
      UtxoTx t = tx("iso").in("a", 100_000).out("x", 1).out("y", 2).build();
      assertEquals(List.of(), cands(ChangeHeuristics.peelingChain(), t, LedgerView.of(ledger(t))));
    }
  }

  @Nested
  class OneTimeChange {
    private UtxoTx withOutputs(String name, int n, long changeValue) {
      TestTxBuilder b = new TestTxBuilder(name);
      return b.build(n, changeValue);
    }

    /** n outputs: n-1 round P2PKH payments plus one P2WPKH change of {@code changeValue}. */
    private final class TestTxBuilder {
      private final String name;

      TestTxBuilder(String name) {
        this.name = name;
      }

      UtxoTx build(int n, long changeValue) {
        var b = tx(name).in(wpkh("in-a"), 50_000).in(wpkh("in-b"), 60_000);
        for (int i = 0; i < n - 1; i++) {
          b.out(pkh("pay" + i), 1_000);
        }
        return b.out(wpkh("chg-" + name), changeValue).build();
      }
    }

    private List<Integer> run(UtxoTx t, UtxoTx... more) {
      UtxoTx[] all = new UtxoTx[more.length + 1];
      all[0] = t;
      System.arraycopy(more, 0, all, 1, more.length);
      return cands(ChangeHeuristics.oneTimeChange(), t, LedgerView.of(ledger(all)));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 10})
    void candidates_outputCountAtLimits_findsChange(int n) {
      UtxoTx t = withOutputs("otc" + n, n, 12_345);
      assertEquals(List.of(n - 1), run(t));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 11})
    void candidates_outputCountOutsideLimits_none(int n) {
      UtxoTx t = withOutputs("otcx" + n, n, 12_345);
      assertEquals(List.of(), run(t));
    }

    @Test
    void candidates_roundChange_none() {
      assertEquals(List.of(), run(withOutputs("round", 3, 12_000)));
      assertEquals(List.of(2), run(withOutputs("round1", 3, 12_001)));
    }

    @Test
    void candidates_changeEqualToSmallestInput_none() {
      assertEquals(List.of(), run(withOutputs("min", 3, 50_000)));
      assertEquals(List.of(), run(withOutputs("min1", 3, 50_001)));
      assertEquals(List.of(2), run(withOutputs("min-1", 3, 49_999)));
    }

    @Test
    void candidates_addressReceivedBefore_none() {
      UtxoTx t = withOutputs("reused", 3, 12_345);
      UtxoTx earlier = tx("earlier").height(50).in("z", 9_000).out(wpkh("chg-reused"), 8_000).build();
      assertEquals(List.of(), run(t, earlier));
    }

    @Test
    void candidates_addressSpentOnce_stillOneTime() {
      UtxoTx t = withOutputs("spent1", 3, 12_345);
      UtxoTx spend = tx("spend1").height(101).spend(t, 2).out("elsewhere", 12_000).build();
      assertEquals(List.of(2), run(t, spend));
    }

    @Test
    void candidates_addressReceivesAgainLater_none() {
      // Dynamic: a later payment to the change address makes it reused (2 receiving txs).
      UtxoTx t = withOutputs("again", 3, 12_345);
      UtxoTx later = tx("later").height(101).in("z", 9_000).out(wpkh("chg-again"), 8_000).build();
      assertEquals(List.of(), run(t, later));
    }

    @Test
    void candidates_changeTypeDiffersFromInputs_none() {
      UtxoTx t = tx("type").in(wpkh("ta"), 50_000).out(pkh("tp"), 30_000).out(pkh("tc"), 12_345).build();
      assertEquals(List.of(), run(t));
    }

    @Test
    void candidates_addressTwiceAmongOutputs_none() {
      UtxoTx t = tx("twice").in(wpkh("wa"), 50_000).out(pkh("wp"), 20_000).out(wpkh("wc"), 12_345)
          .out(wpkh("wc"), 12_346).build();
      assertEquals(List.of(), run(t));
    }

    @Test
    void candidates_twoQualifyingOutputs_none() {
      UtxoTx t =
          tx("two").in(wpkh("a"), 50_000).out(wpkh("c1"), 12_345).out(wpkh("c2"), 12_346).build();
      assertEquals(List.of(), run(t));
    }
  }

  @Nested
  class MultiInputChange {
    @Test
    void candidates_outputInInputsCluster_isCandidate() {
      UtxoTx t = tx("mic").in("a", 10_000).out("p", 4_000).out("known", 5_000).build();
      LedgerView v = EMPTY.withMultiInputClusters((x, y) -> x.equals(addr("a")) && y.equals(addr("known")));
      assertEquals(List.of(1), cands(ChangeHeuristics.multiInputChange(), t, v));
      assertEquals(List.of(), cands(ChangeHeuristics.multiInputChange(), t, EMPTY));
    }
  }

  @Nested
  class Combinators {
    private final UtxoTx t =
        tx("comb").in(wpkh("a"), 10_000).out(wpkh("p"), 2_000_000).out(wpkh("c"), 5_123).out(pkh("d"), 7_000)
            .build();

    @Test
    void and_intersectsCandidates() {
      ChangeHeuristic h = ChangeHeuristics.optimalChange().and(ChangeHeuristics.addressType());
      assertEquals(List.of(1), cands(h, t, EMPTY));
      assertEquals("(optimal-change & address-type)", h.name());
      assertEquals(50, h.confidence());
    }

    @Test
    void or_unitesCandidates() {
      ChangeHeuristic h = ChangeHeuristics.powerOfTen(6).or(ChangeHeuristics.addressType());
      assertEquals(List.of(0, 1, 2), cands(h, t, EMPTY));
      assertEquals(30, h.confidence());
    }

    @Test
    void minus_removesRightCandidates() {
      ChangeHeuristic h = ChangeHeuristics.optimalChange().minus(ChangeHeuristics.addressType());
      assertEquals(List.of(2), cands(h, t, EMPTY));
    }

    @Test
    void unique_twoCandidates_none() {
      ChangeHeuristic h = ChangeHeuristics.optimalChange().unique();
      assertEquals(List.of(), cands(h, t, EMPTY));
      assertEquals("unique(optimal-change)", h.name());
    }

    @Test
    void kind_dynamicIfAnyPartIs() {
      assertEquals(HeuristicKind.STATIC, ChangeHeuristics.optimalChange().and(ChangeHeuristics.addressType()).kind());
      assertEquals(HeuristicKind.DYNAMIC, ChangeHeuristics.optimalChange().or(ChangeHeuristics.locktime()).kind());
    }

    @Test
    void defaultRule_freshSmallSameTypeOutput_isChange() {
      UtxoTx d = tx("def").height(70).in(wpkh("a"), 10_000).out(pkh("p"), 4_000).out(wpkh("c"), 5_000).build();
      ChangeHeuristic h = ChangeHeuristics.defaultRule();
      ChangeCandidates c = h.candidates(d, LedgerView.of(ledger(d)));
      // optimal: both outputs < 10,000 -> unique() fails: the default rule finds nothing here.
      assertEquals(List.of(), c.outputs());
      UtxoTx d2 = tx("def2").height(70).in(wpkh("a2"), 10_000).out(pkh("p2"), 40_000).in(wpkh("a3"), 50_000)
          .out(wpkh("c2"), 5_000).build();
      // The payee was paid before, so only the change address is fresh.
      UtxoTx before = tx("before").height(60).in("z", 90_000).out(pkh("p2"), 80_000).build();
      ChangeCandidates c2 = h.candidates(d2, LedgerView.of(ledger(before, d2)));
      assertEquals(List.of(1), c2.outputs());
      assertEquals("default", c2.heuristic());
      assertEquals(ChangeHeuristics.DEFAULT_RULE_CONFIDENCE, c2.confidence());
    }
  }

  @Nested
  class Consensus {
    @Test
    void consensus_keepsOnlyHighestConfidenceVotes() {
      // Output 1 pays back to the input (direct-change, 100); output 2 is in the input's
      // multi-input cluster (50): direct change wins.
      UtxoTx t = tx("cons").in("a", 10_000).out("p", 3_000).out("a", 3_000).out("k", 3_000).build();
      LedgerView v = EMPTY.withMultiInputClusters((x, y) -> x.equals(addr("a")) && y.equals(addr("k")));
      ChangeCandidates c = ChangeHeuristics.graphSense().candidates(t, v);
      assertEquals(List.of(1), c.outputs());
      assertEquals(100, c.confidence());
      assertTrue(c.evidence().contains("direct-change@100"), c.evidence());
    }

    @Test
    void consensus_onlyLowerVotes_keepsThemAtTheirConfidence() {
      UtxoTx t = tx("cons2").in("a", 10_000).out("p", 3_000).out("k", 3_000).build();
      LedgerView v = EMPTY.withMultiInputClusters((x, y) -> x.equals(addr("a")) && y.equals(addr("k")));
      ChangeCandidates c = ChangeHeuristics.named("graphsense").candidates(t, v);
      assertEquals(List.of(1), c.outputs());
      assertEquals(50, c.confidence());
    }

    @Test
    void consensus_noVotes_none() {
      UtxoTx t = tx("cons3").in("a", 10_000).out("p", 3_000).build();
      assertTrue(ChangeHeuristics.graphSense().candidates(t, EMPTY).isEmpty());
      assertThrows(IllegalArgumentException.class, () -> ChangeHeuristics.consensus("x", List.of()));
    }
  }

  @Nested
  class Parser {
    @Test
    void parse_defaultExpression_sameAsDefaultRuleCandidates() {
      ChangeHeuristic h = ChangeHeuristics.parse("unique(optimal-change) & unique(fresh-address) & address-type");
      assertEquals("((unique(optimal-change) & unique(fresh-address)) & address-type)", h.name());
    }

    @Test
    void parse_precedenceAndBindsTighter() {
      ChangeHeuristic h = ChangeHeuristics.parse("locktime | optimal-change & address-type - power-of-ten:4");
      assertEquals("((locktime | (optimal-change & address-type)) - power-of-ten:4)", h.name());
    }

    @Test
    void parse_everyName_works() {
      for (String n : ChangeHeuristics.names()) {
        assertTrue(ChangeHeuristics.parse(n).name().length() > 0, n);
      }
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "", "   ", "nope", "unique(", "unique()", "(optimal-change", "optimal-change)",
          "optimal-change &", "& address-type", "power-of-ten:x", "power-of-ten:99",
          "optimal-change; rm -rf /", "<script>alert(1)</script>", "optimal-change address-type"
        })
    void parse_garbage_rejectedWithIllegalArgument(String s) {
      assertThrows(IllegalArgumentException.class, () -> ChangeHeuristics.parse(s));
    }

    @Test
    void parse_deepNesting_rejected() {
      String deep = "(".repeat(100) + "locktime" + ")".repeat(100);
      assertThrows(IllegalArgumentException.class, () -> ChangeHeuristics.parse(deep));
    }

    @Test
    void parse_hugeInput_rejected() {
      assertThrows(IllegalArgumentException.class, () -> ChangeHeuristics.parse("locktime|".repeat(200) + "locktime"));
    }

    @Test
    void named_unknown_messageListsKnownNames() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChangeHeuristics.named("x\u0000y"));
      assertTrue(e.getMessage().contains("optimal-change"));
      assertTrue(!e.getMessage().contains("\u0000"));
    }
  }
}
