package io.tracer.core.heuristic.coinjoin;

import static io.tracer.core.heuristic.TestTx.tr;
import static io.tracer.core.heuristic.TestTx.tx;
import static io.tracer.core.heuristic.TestTx.wpkh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.heuristic.TestTx;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.UtxoTx;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoinJoinDetectorsTest {
  private static final LedgerView EMPTY = LedgerView.empty();

  private static boolean fires(CoinJoinDetector d, UtxoTx t) {
    return d.detect(t, EMPTY).isPresent();
  }

  @Nested
  class Generic {
    private final GenericCoinJoin d = new GenericCoinJoin();

    /** 3 participants: 3 equal outputs + 2 change, 3 inputs: p = (5+1)/2 = 3. */
    @Test
    void detect_threeEqualOfFive_fires() {
      UtxoTx t = tx("g").ins(3, "i", 200_000).outs(3, "o", 100_000).out("c1", 91_000).out("c2", 92_000).build();
      CoinJoinMatch m = d.detect(t, EMPTY).orElseThrow();
      assertEquals("blocksci-coinjoin", m.detector());
      assertTrue(m.multiParty());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void detect_equalCountOffByOneFromP_silent(int equal) {
      var b = tx("g" + equal).ins(3, "i", 200_000).outs(equal, "o", 100_000);
      for (int i = equal; i < 5; i++) {
        b.out("c" + i, 90_000 + i);
      }
      assertFalse(fires(d, b.build()));
    }

    @ParameterizedTest
    @ValueSource(longs = {GenericCoinJoin.DUST_546_SAT, GenericCoinJoin.DUST_2730_SAT})
    void detect_dustDenomination_silent(long v) {
      UtxoTx t = tx("gd" + v).ins(3, "i", 200_000).outs(3, "o", v).out("c1", 91_000).out("c2", 92_000).build();
      assertFalse(fires(d, t));
    }

    @Test
    void detect_dustPlusOne_fires() {
      UtxoTx t = tx("gd547").ins(3, "i", 200_000).outs(3, "o", 547).out("c1", 91_000).out("c2", 92_000).build();
      assertTrue(fires(d, t));
    }

    @Test
    void detect_fewerInputsThanParticipants_silent() {
      UtxoTx t = tx("g2").ins(2, "i", 200_000).outs(3, "o", 100_000).out("c1", 91_000).out("c2", 92_000).build();
      assertFalse(fires(d, t));
    }

    @Test
    void detect_participantsExceedDistinctInputAddresses_silent() {
      UtxoTx t =
          tx("g3").in(wpkh("i0"), 1).in(wpkh("i0"), 1).in(wpkh("i1"), 1).outs(3, "o", 100_000)
              .out("c1", 91_000).out("c2", 92_000).build();
      assertFalse(fires(d, t));
    }

    @Test
    void detect_minimumShapeTwoInThreeOut_fires() {
      // nIn 2, nOut 3: p = 2, two equal outputs.
      UtxoTx t = tx("g4").ins(2, "i", 200_000).outs(2, "o", 100_000).out("c", 90_000).build();
      assertTrue(fires(d, t));
      UtxoTx one = tx("g5").ins(1, "i", 400_000).outs(2, "o", 100_000).out("c", 90_000).build();
      assertFalse(fires(d, one));
      UtxoTx twoOut = tx("g6").ins(2, "i", 200_000).outs(2, "o", 100_000).build();
      assertFalse(fires(d, twoOut));
    }

    @Test
    void detect_allInputsFromOneAddress_silent() {
      UtxoTx t =
          tx("g7").in(wpkh("same"), 200_000).in(wpkh("same"), 200_000).in(wpkh("same"), 200_000)
              .outs(3, "o", 100_000).out("c1", 91_000).out("c2", 92_000).build();
      assertFalse(fires(d, t));
    }

    @Test
    void detect_equalOutputsBackToInputAddresses_notCounted() {
      // Three equal outputs, two of them paid back to input addresses: only one foreign equal output.
      UtxoTx t =
          tx("g8").ins(3, "i", 200_000).out(wpkh("i0"), 100_000).out(wpkh("i1"), 100_000)
              .out("o", 100_000).out("c1", 91_000).out("c2", 92_000).build();
      assertFalse(fires(d, t));
    }
  }

  @Nested
  class Whirlpool {
    private final WhirlpoolMix mix = new WhirlpoolMix();

    private UtxoTx mix(String name, int n, long d, long... entrantExcess) {
      var b = tx(name);
      int i = 0;
      for (long e : entrantExcess) {
        b.in(wpkh(name + "in" + i++), d + e);
      }
      while (i < n) {
        b.in(wpkh(name + "in" + i++), d);
      }
      return b.outs(n, name + "out", d).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 8})
    void mix_sizeAtLimits_fires(int n) {
      assertTrue(fires(mix, mix("m" + n, n, 1_000_000, 5_000)));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 9})
    void mix_sizeOutsideLimits_silent(int n) {
      assertFalse(fires(mix, mix("mx" + n, n, 1_000_000, 5_000)));
    }

    @ParameterizedTest
    @ValueSource(longs = {100, 110_000})
    void mix_excessAtLimits_fires(long e) {
      assertTrue(fires(mix, mix("me" + e, 5, 100_000, e)));
    }

    @ParameterizedTest
    @ValueSource(longs = {99, 110_001})
    void mix_excessOutsideLimits_silent(long e) {
      assertFalse(fires(mix, mix("mf" + e, 5, 100_000, e)));
    }

    @Test
    void mix_entrantCounts_oneToFourOnly() {
      assertFalse(fires(mix, mix("e0", 5, 5_000_000)));
      assertTrue(fires(mix, mix("e1", 5, 5_000_000, 1_000)));
      assertTrue(fires(mix, mix("e4", 5, 5_000_000, 1_000, 1_000, 1_000, 1_000)));
      assertFalse(fires(mix, mix("e5", 5, 5_000_000, 1_000, 1_000, 1_000, 1_000, 1_000)));
    }

    @Test
    void mix_inputOneBelowDenomination_silent() {
      UtxoTx t = tx("mb").in(wpkh("mb0"), 999_999).in(wpkh("mb1"), 1_005_000).ins(3, "mbi", 1_000_000)
          .outs(5, "mbo", 1_000_000).build();
      assertFalse(fires(mix, t));
    }

    @Test
    void mix_oneOutputOffDenomination_silent() {
      UtxoTx t = tx("mo").in(wpkh("mo0"), 1_005_000).ins(4, "moi", 1_000_000).outs(4, "moo", 1_000_000)
          .out(wpkh("moo4"), 1_000_001).build();
      assertFalse(fires(mix, t));
    }

    @Test
    void mix_outputCountDiffersFromInputs_silent() {
      UtxoTx t = tx("mc").in(wpkh("mc0"), 1_005_000).ins(4, "mci", 1_000_000).outs(6, "mco", 1_000_000).build();
      assertFalse(fires(mix, t));
    }

    @Test
    void mix_everyPool_fires() {
      for (WhirlpoolPool p : WhirlpoolPool.all()) {
        assertTrue(fires(mix, mix("pool" + p.denomination(), 5, p.denomination(), 1_000)), p.name());
      }
    }

    @Test
    void mix_unknownDenomination_silent() {
      assertFalse(fires(mix, mix("md", 5, 2_000_000, 1_000)));
    }

    @Test
    void mix_repeatedAddress_silent() {
      UtxoTx t = tx("mr").in(wpkh("x"), 1_001_000).ins(4, "y", 1_000_000).out(wpkh("x"), 1_000_000)
          .outs(4, "z", 1_000_000).build();
      assertFalse(fires(mix, t));
    }

    private final WhirlpoolTx0 tx0 = new WhirlpoolTx0();

    private UtxoTx tx0(String name, int premix, long premixValue, long fee) {
      return tx(name).in(wpkh(name + "u"), 10_000_000).opReturn().out(wpkh(name + "fee"), fee)
          .outs(premix, name + "pre", premixValue).out(wpkh(name + "chg"), 1_234_567).build();
    }

    @ParameterizedTest
    @ValueSource(longs = {25_000, 150_000})
    void tx0_feeAtLimits_fires(long fee) {
      CoinJoinMatch m = tx0.detect(tx0("t" + fee, 5, 1_000_170, fee), EMPTY).orElseThrow();
      assertEquals(60, m.confidence());
      assertFalse(m.multiParty());
    }

    @ParameterizedTest
    @ValueSource(longs = {24_999, 150_001})
    void tx0_feeOutsideLimits_silent(long fee) {
      assertFalse(fires(tx0, tx0("tf" + fee, 5, 1_000_170, fee)));
    }

    @Test
    void tx0_premixExcessBounds() {
      assertTrue(fires(tx0, tx0("p100", 3, 1_000_100, 50_000)));
      assertFalse(fires(tx0, tx0("p99", 3, 1_000_099, 50_000)));
      assertTrue(fires(tx0, tx0("p110k", 3, 1_110_000, 50_000)));
      assertFalse(fires(tx0, tx0("p110k1", 3, 1_110_001, 50_000)));
    }

    @Test
    void tx0_premixCountAtLimits() {
      assertTrue(fires(tx0, tx0("c70", 70, 100_500, 5_000)));
      assertFalse(fires(tx0, tx0("c71", 71, 100_500, 5_000)));
    }

    @Test
    void tx0_tooManyOtherOutputs_silent() {
      // 1 premix, fee, change, plus one more: premix 1 < spendable(4) - 2.
      UtxoTx t = tx("tm").in(wpkh("u"), 10_000_000).opReturn().out(wpkh("fee"), 50_000)
          .out(wpkh("pre"), 1_000_170).out(wpkh("chg"), 1_234_567).out(wpkh("x"), 777_777).build();
      assertFalse(fires(tx0, t));
    }

    @Test
    void tx0_premixExactlySpendableMinusTwo_fires() {
      // 2 premix, fee, change, one more: spendable 5, premix 2 < 3 -> silent; drop the extra: 2 >= 2.
      UtxoTx four = tx("t4").in(wpkh("u"), 10_000_000).opReturn().out(wpkh("fee"), 50_000)
          .outs(2, "pre", 1_000_170).out(wpkh("chg"), 1_234_567).build();
      assertTrue(fires(tx0, four));
      UtxoTx five = tx("t5").in(wpkh("u"), 10_000_000).opReturn().out(wpkh("fee"), 50_000)
          .outs(2, "pre", 1_000_170).out(wpkh("chg"), 1_234_567).out(wpkh("x"), 777_777).build();
      assertFalse(fires(tx0, five));
    }

    @Test
    void tx0_twoFeeOutputs_silent() {
      UtxoTx t = tx("tf2").in(wpkh("u"), 10_000_000).opReturn().out(wpkh("fee"), 50_000)
          .out(wpkh("fee2"), 60_000).outs(3, "pre", 1_000_170).build();
      assertFalse(fires(tx0, t));
    }

    @Test
    void tx0_noPremixOutput_silent() {
      UtxoTx t = tx("tnp").in(wpkh("u"), 10_000_000).opReturn().out(wpkh("fee"), 50_000)
          .out(wpkh("chg"), 1_234_567).build();
      assertFalse(fires(tx0, t));
    }

    @Test
    void tx0_onlyTwentyPremixOutputsCheckedForMixes() {
      // Premix outputs are at indices 2..26; the 20th is index 21, the 21st index 22.
      UtxoTx t0 = tx0("t25", 25, 1_000_170, 50_000);
      for (int idx : new int[] {21, 22}) {
        var b = tx("t25mix" + idx).height(101).spend(t0, idx);
        for (int i = 0; i < 4; i++) {
          b.in(wpkh("t25r" + idx + "x" + i), 1_000_000);
        }
        UtxoTx m = b.outs(5, "t25p" + idx, 1_000_000).build();
        assertTrue(fires(mix, m));
        UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(t0).add(m).build();
        assertEquals(idx == 21 ? 90 : 60, tx0.detect(t0, LedgerView.of(l)).orElseThrow().confidence(), "index " + idx);
      }
      assertEquals(20, WhirlpoolTx0.MAX_SPENDS_CHECKED);
    }

    @Test
    void tx0_noOrTwoOpReturns_silent() {
      UtxoTx none = tx("n0").in(wpkh("u"), 10_000_000).out(wpkh("fee"), 50_000).outs(3, "pre", 1_000_170).build();
      assertFalse(fires(tx0, none));
      UtxoTx two = tx("n2").in(wpkh("u"), 10_000_000).opReturn().opReturn().out(wpkh("fee"), 50_000)
          .outs(3, "pre", 1_000_170).build();
      assertFalse(fires(tx0, two));
    }

    @Test
    void tx0_premixSpentInMix_confidence90() {
      UtxoTx t0 = tx0("conf", 5, 1_000_170, 50_000);
      var b = tx("confmix").height(101).spend(t0, 2);
      for (int i = 0; i < 4; i++) {
        b.in(wpkh("remix" + i), 1_000_000);
      }
      UtxoTx m = b.outs(5, "post", 1_000_000).build();
      assertTrue(fires(mix, m));
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(t0).add(m).build();
      assertEquals(90, tx0.detect(t0, LedgerView.of(l)).orElseThrow().confidence());
    }
  }

  @Nested
  class Wasabi {
    private final Wasabi1 w = new Wasabi1();

    private UtxoTx round(String name, int nIn, int nEq, long d, int change) {
      var b = tx(name).ins(nIn, name + "i", 20_000_000).outs(nEq, name + "o", d);
      for (int i = 0; i < change; i++) {
        b.out(wpkh(name + "c" + i), 3_000_000 + i);
      }
      return b.build();
    }

    @Test
    void detect_typicalRound_fires() {
      assertTrue(fires(w, round("w", 20, 15, 10_000_000, 10)));
    }

    @Test
    void detect_inputCountNineVsTen() {
      assertFalse(fires(w, round("w9", 9, 5, 10_000_000, 4)));
      assertTrue(fires(w, round("w10", 10, 5, 10_000_000, 4)));
    }

    @Test
    void detect_denominationToleranceExact() {
      assertTrue(fires(w, round("t+", 20, 15, 10_500_000, 10)));
      assertFalse(fires(w, round("t++", 20, 15, 10_500_001, 10)));
      assertTrue(fires(w, round("t-", 20, 15, 9_500_000, 10)));
      assertFalse(fires(w, round("t--", 20, 15, 9_499_999, 10)));
    }

    @Test
    void detect_equalCountTwoVsThree() {
      assertFalse(fires(w, round("n2", 12, 2, 10_000_000, 2)));
      assertTrue(fires(w, round("n3", 12, 3, 10_000_000, 2)));
    }

    @Test
    void detect_tooManyChangeOutputs_silent() {
      // n=5: need 2n >= nOut-1 -> nOut <= 11: 5 + 6 ok, 5 + 7 not.
      assertTrue(fires(w, round("c6", 20, 5, 10_000_000, 6)));
      assertFalse(fires(w, round("c7", 20, 5, 10_000_000, 7)));
    }

    @Test
    void detect_distinctInputsAtSevenTimesN() {
      // n = 3 equal outputs: 21 distinct input addresses allowed, 22 not.
      assertTrue(fires(w, round("d21", 21, 3, 10_000_000, 2)));
      assertFalse(fires(w, round("d22", 22, 3, 10_000_000, 2)));
    }

    @Test
    void detect_distinctInputsOneBelowN_silent() {
      // n = 11 equal outputs need 11 distinct input addresses: 10 is one short, 11 enough.
      assertFalse(fires(w, round("dn10", 10, 11, 10_000_000, 2)));
      assertTrue(fires(w, round("dn11", 11, 11, 10_000_000, 2)));
    }

    @Test
    void detect_repeatedOutputAddress_silent() {
      UtxoTx t = tx("wdup").ins(20, "i", 20_000_000).outs(15, "o", 10_000_000).out(wpkh("o0"), 3_000_000).build();
      assertFalse(fires(w, t));
    }

    @Test
    void detect_splitCheckOnlyBelowTwentyInputs() {
      // Residual exactly 10,000 sat: a split with 19 inputs, a round with 20.
      UtxoTx s19 = tx("s19").ins(19, "i", 20_000_000).outs(5, "o", 10_000_000).out(wpkh("r"), 10_000).build();
      assertFalse(fires(w, s19));
      UtxoTx s20 = tx("s20").ins(20, "i", 20_000_000).outs(5, "o", 10_000_000).out(wpkh("r"), 10_000).build();
      assertTrue(fires(w, s20));
    }

    @Test
    void detect_wasabi11Level_needsTwoOutputs_toleranceExact() {
      // Level 1: 2d = 20,000,000 sat with tolerance 1,000,000.
      UtxoTx one = tx("lv1").ins(20, "i", 50_000_000).outs(3, "a", 10_000_000).out(wpkh("b"), 20_000_000)
          .out(wpkh("c"), 3_333_333).build();
      assertFalse(w.detect(one, EMPTY).orElseThrow().evidence().contains("higher levels"));
      UtxoTx edge = tx("lv2").ins(20, "i", 50_000_000).outs(3, "a", 10_000_000).outs(2, "b", 21_000_000)
          .out(wpkh("c"), 3_333_333).build();
      assertTrue(w.detect(edge, EMPTY).orElseThrow().evidence().contains("1 higher levels"));
      UtxoTx out = tx("lv3").ins(20, "i", 50_000_000).outs(3, "a", 10_000_000).outs(2, "b", 21_000_001)
          .out(wpkh("c"), 3_333_333).build();
      assertFalse(w.detect(out, EMPTY).orElseThrow().evidence().contains("higher levels"));
    }

    @Test
    void detect_inputAddressHoldsOverTenPercent_silent() {
      var b = tx("share").in(wpkh("big"), 20_000_000).in(wpkh("big"), 20_000_000).ins(18, "i", 20_000_000);
      assertTrue(fires(w, b.outs(15, "o", 10_000_000).out(wpkh("c"), 3_000_000).build()));
      var b3 = tx("share3").in(wpkh("big"), 1).in(wpkh("big"), 1).in(wpkh("big"), 1).ins(17, "i", 20_000_000);
      assertFalse(fires(w, b3.outs(15, "o", 10_000_000).out(wpkh("c"), 3_000_000).build()));
    }

    @Test
    void detect_nWaySplitBelowTwentyInputs_silent() {
      // 12 inputs, 5 x 0.1 BTC and 10,000 sat residual: a split, not a mix.
      UtxoTx split = tx("split").ins(12, "i", 20_000_000).outs(5, "o", 10_000_000).out(wpkh("r"), 10_000).build();
      assertFalse(fires(w, split));
      UtxoTx mixish = tx("nsplit").ins(12, "i", 20_000_000).outs(5, "o", 10_000_000).out(wpkh("r"), 10_001).build();
      assertTrue(fires(w, mixish));
    }

    @Test
    void detect_wasabi11HigherLevels_counted() {
      UtxoTx t = tx("lvl").ins(20, "i", 50_000_000).outs(3, "a", 10_000_000).outs(6, "b", 20_000_000)
          .out(wpkh("c"), 3_333_333).build();
      CoinJoinMatch m = w.detect(t, EMPTY).orElseThrow();
      assertTrue(m.evidence().contains("6 outputs of 20000000"), m.evidence());
    }

    private final WabiSabi ws = new WabiSabi();

    private UtxoTx ws(String name, int nIn, long minOut) {
      return tx(name).ins(nIn, name + "i", 5_000_000).outs(3, name + "a", 1_000_000).outs(3, name + "b", 200_000)
          .outs(2, name + "c", 50_000).out(wpkh(name + "x"), minOut).build();
    }

    @Test
    void wabiSabi_inputCountAndMinOutput() {
      assertTrue(fires(ws, ws("ok", 20, 5_000)));
      assertFalse(fires(ws, ws("in19", 19, 5_000)));
      assertFalse(fires(ws, ws("low", 20, 4_999)));
    }

    @Test
    void wabiSabi_topInputAddressShare_tenPercentExactly() {
      var ok = tx("ws10").in(wpkh("big"), 1).in(wpkh("big"), 1).ins(18, "i", 5_000_000);
      UtxoTx t2 = ok.outs(3, "a", 1_000_000).outs(3, "b", 200_000).outs(2, "c", 50_000).out(wpkh("x"), 9_999).build();
      assertTrue(fires(ws, t2));
      var bad = tx("ws15").in(wpkh("big"), 1).in(wpkh("big"), 1).in(wpkh("big"), 1).ins(17, "i", 5_000_000);
      UtxoTx t3 = bad.outs(3, "a", 1_000_000).outs(3, "b", 200_000).outs(2, "c", 50_000).out(wpkh("x"), 9_999).build();
      assertFalse(fires(ws, t3));
    }

    @Test
    void wabiSabi_repeatedOutputAddress_silent() {
      UtxoTx t = tx("wsdup").ins(20, "i", 5_000_000).outs(3, "a", 1_000_000).outs(3, "b", 200_000)
          .outs(2, "c", 50_000).out(wpkh("a0"), 70_000).build();
      assertFalse(fires(ws, t));
    }

    @Test
    void wabiSabi_twoRepeatedValues_silent() {
      UtxoTx t = tx("two").ins(20, "i", 5_000_000).outs(3, "a", 1_000_000).outs(3, "b", 200_000)
          .out(wpkh("x"), 70_000).build();
      assertFalse(fires(ws, t));
    }

    @Test
    void wabiSabi_outputsInD_atLeastHalfOfNOutMinusOne() {
      // D covers 8 outputs: 2*8 >= nOut-1 allows 9 other outputs (nOut 17), not 10.
      var ok = tx("d9").ins(20, "i", 5_000_000).outs(3, "a", 1_000_000).outs(3, "b", 200_000).outs(2, "c", 50_000);
      var bad = tx("d10").ins(20, "i", 5_000_000).outs(3, "a", 1_000_000).outs(3, "b", 200_000).outs(2, "c", 50_000);
      for (int i = 0; i < 9; i++) {
        ok.out(wpkh("x" + i), 70_000 + i);
        bad.out(wpkh("x" + i), 70_000 + i);
      }
      bad.out(wpkh("x9"), 70_009);
      assertTrue(fires(ws, ok.build()));
      assertFalse(fires(ws, bad.build()));
    }

    @Test
    void wabiSabi_everyOutputRepeated_silent() {
      UtxoTx t = tx("all").ins(20, "i", 5_000_000).outs(3, "a", 1_000_000).outs(3, "b", 200_000)
          .outs(2, "c", 50_000).build();
      assertFalse(fires(ws, t));
    }
  }

  @Nested
  class WabiSabiStrictRule {
    private final WabiSabiStrict s = new WabiSabiStrict();

    /** Sorted descending, P2WPKH/P2TR, 5 in, 6 out: 4 denominated (2 non-decimal), 1 change. */
    private TestTx.Builder base(String name) {
      return tx(name).in(wpkh(name + "i0"), 9_000_000).in(tr(name + "i1"), 8_000_000).in(wpkh(name + "i2"), 7_000_000)
          .in(wpkh(name + "i3"), 6_000_000).in(wpkh(name + "i4"), 5_000_000);
    }

    @Test
    void detect_typical_fires() {
      UtxoTx t = base("ok").out(wpkh("o0"), 10_000_000).out(tr("o1"), 8_388_608).out(wpkh("o2"), 4_782_969)
          .out(wpkh("o3"), 1_000_000).out(wpkh("o4"), 543_210).build();
      assertTrue(fires(s, t), "80% denominated, 2 distinct, 2 non-decimal");
    }

    @Test
    void detect_sixtyPercentExactly_fires_fiftyNine_silent() {
      // 5 outputs, 3 denominated = 60%.
      UtxoTx t60 = base("s60").out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969).out(wpkh("o2"), 1_000_000)
          .out(wpkh("o3"), 543_210).out(wpkh("o4"), 12_345).build();
      assertTrue(fires(s, t60));
      // 7 outputs, 4 denominated = 57%.
      UtxoTx t57 = base("s57").out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969).out(wpkh("o2"), 1_000_000)
          .out(wpkh("o3"), 543_210).out(wpkh("o4"), 100_000).out(wpkh("o5"), 12_345).out(wpkh("o6"), 12_344).build();
      assertFalse(fires(s, t57));
    }

    @Test
    void detect_nonFinalSequenceOrLocktime_silent() {
      UtxoTx seq = tx("seq").sequence(0xfffffffdL).in(wpkh("a"), 9_000_000).ins(4, "b", 5_000_000)
          .out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969).out(wpkh("o2"), 1_000_000)
          .out(wpkh("o3"), 543_210).out(wpkh("o4"), 12_345).build();
      assertFalse(fires(s, seq));
      UtxoTx lt = base("lt").lockTime(1).out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969)
          .out(wpkh("o2"), 1_000_000).out(wpkh("o3"), 543_210).out(wpkh("o4"), 12_345).build();
      assertFalse(fires(s, lt));
    }

    @Test
    void detect_unsortedOutputs_silent() {
      UtxoTx t = base("uns").out(wpkh("o0"), 4_782_969).out(wpkh("o1"), 8_388_608).out(wpkh("o2"), 1_000_000)
          .out(wpkh("o3"), 543_210).out(wpkh("o4"), 12_345).build();
      assertFalse(fires(s, t));
    }

    @Test
    void detect_legacyOutput_silent() {
      UtxoTx t = base("leg").out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969)
          .out("1legacyaddressxxxxxxxxxxxxxxxxxxx", 1_000_000, OutputType.P2PKH).out(wpkh("o3"), 543_210)
          .out(wpkh("o4"), 12_345).build();
      assertFalse(fires(s, t));
    }

    @Test
    void detect_unsortedInputs_silent() {
      UtxoTx t = tx("unsi").in(wpkh("a0"), 8_000_000).in(wpkh("a1"), 9_000_000).ins(3, "b", 5_000_000)
          .out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969).out(wpkh("o2"), 1_000_000)
          .out(wpkh("o3"), 543_210).out(wpkh("o4"), 12_345).build();
      assertFalse(fires(s, t));
    }

    @Test
    void detect_legacyInput_silent() {
      UtxoTx t = tx("legi").in(TestTx.pkh("a0"), 9_000_000).ins(4, "b", 5_000_000)
          .out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969).out(wpkh("o2"), 1_000_000)
          .out(wpkh("o3"), 543_210).out(wpkh("o4"), 12_345).build();
      assertFalse(fires(s, t));
    }

    @Test
    void detect_repeatedOutputAddressOrOpReturn_silent() {
      UtxoTx dup = base("dupo").out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969).out(wpkh("o2"), 1_000_000)
          .out(wpkh("o3"), 543_210).out(wpkh("o0"), 12_345).build();
      assertFalse(fires(s, dup));
      UtxoTx opr = base("opr").out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969).out(wpkh("o2"), 1_000_000)
          .out(wpkh("o3"), 543_210).out(wpkh("o4"), 12_345).opReturn().build();
      assertFalse(fires(s, opr));
    }

    @Test
    void detect_fourInputs_silent_fiveOutputsNeeded() {
      UtxoTx in4 = tx("in4").in(wpkh("a0"), 9_000_000).in(wpkh("a1"), 8_000_000).in(wpkh("a2"), 7_000_000)
          .in(wpkh("a3"), 6_000_000).out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969)
          .out(wpkh("o2"), 1_000_000).out(wpkh("o3"), 543_210).out(wpkh("o4"), 12_345).build();
      assertFalse(fires(s, in4));
      UtxoTx out4 = base("out4").out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969).out(wpkh("o2"), 1_000_000)
          .out(wpkh("o3"), 543_210).build();
      assertFalse(fires(s, out4));
    }

    @Test
    void detect_nonDecimalOutputsOneVsTwo() {
      // 3 of 5 denominated, two distinct; one non-decimal (8,388,608) -> silent.
      UtxoTx one = base("nd1").out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 2_000_000).out(wpkh("o2"), 1_000_000)
          .out(wpkh("o3"), 543_210).out(wpkh("o4"), 12_345).build();
      assertFalse(fires(s, one));
      UtxoTx two = base("nd2").out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 4_782_969).out(wpkh("o2"), 1_000_000)
          .out(wpkh("o3"), 543_210).out(wpkh("o4"), 12_345).build();
      assertTrue(fires(s, two));
    }

    @Test
    void detect_singleDenomination_silent() {
      // Three outputs at 8,388,608 (non-decimal, 60%) but only one distinct denomination.
      UtxoTx t = base("d1").out(wpkh("o0"), 8_388_608).out(wpkh("o1"), 8_388_608).out(wpkh("o2"), 8_388_608)
          .out(wpkh("o3"), 543_210).out(wpkh("o4"), 12_345).build();
      assertFalse(fires(s, t));
    }

    @Test
    void denominations_seriesAndFloor() {
      assertTrue(WabiSabiStrict.isDenomination(5_000));
      assertTrue(WabiSabiStrict.isDenomination(1_000));
      assertFalse(WabiSabiStrict.isDenomination(4_096)); // 2^12 < 5,000
      assertTrue(WabiSabiStrict.isDenomination(8_192));
      assertTrue(WabiSabiStrict.isDenomination(6_561)); // 3^8
      assertTrue(WabiSabiStrict.isDenomination(13_122)); // 2*3^8
      assertTrue(WabiSabiStrict.isDenomination(20_000));
      assertFalse(WabiSabiStrict.isDenomination(30_000));
      assertTrue(WabiSabiStrict.isDecimalDenomination(50_000));
      assertFalse(WabiSabiStrict.isDecimalDenomination(8_192));
    }
  }

  @Nested
  class JoinMarketRule {
    private final JoinMarket j = new JoinMarket();

    private UtxoTx jm(String name, int nIn, int n, long v, int change) {
      var b = tx(name).ins(nIn, name + "i", 50_000_000).outs(n, name + "o", v);
      for (int i = 0; i < change; i++) {
        b.out(wpkh(name + "c" + i), 1_111_111 + i);
      }
      return b.build();
    }

    @Test
    void detect_typical_fires() {
      CoinJoinMatch m = j.detect(jm("jm", 4, 4, 12_345_678, 3), EMPTY).orElseThrow();
      assertEquals(49, m.confidence());
    }

    @Test
    void detect_twoVsThreeEqual() {
      assertFalse(fires(j, jm("j2", 4, 2, 12_345_678, 1)));
      assertTrue(fires(j, jm("j3", 4, 3, 12_345_678, 1)));
    }

    @Test
    void detect_valueAtDustBoundary() {
      assertFalse(fires(j, jm("d0", 4, 3, 2_730, 1)));
      assertTrue(fires(j, jm("d1", 4, 3, 2_731, 1)));
    }

    @Test
    void detect_equalShareExactlyHalf_fires_belowHalf_silent() {
      assertTrue(fires(j, jm("h", 4, 3, 12_345_678, 3)));
      assertFalse(fires(j, jm("h-", 4, 3, 12_345_678, 4)));
    }

    @Test
    void detect_equalOutputsAtMostDistinctInputs() {
      assertTrue(fires(j, jm("di3", 3, 3, 12_345_678, 1)));
      assertFalse(fires(j, jm("di4", 3, 4, 12_345_678, 1)));
    }

    @Test
    void detect_repeatedOutputAddress_silent() {
      UtxoTx t = tx("jdup").ins(4, "i", 50_000_000).outs(3, "o", 12_345_678).out(wpkh("o0"), 1_111_111).build();
      assertFalse(fires(j, t));
    }

    @Test
    void detect_noOddOutput_silent() {
      assertFalse(fires(j, jm("odd", 4, 3, 12_345_678, 0)));
    }

    @Test
    void detect_largeInputCountRatios() {
      // nIn 60, n 3: 60 <= 20*3 ok; nOut 6: 10*6 = 60 >= 17*3 = 51 ok.
      assertTrue(fires(j, jm("l60", 60, 3, 12_345_678, 3)));
      assertFalse(fires(j, jm("l61", 61, 3, 12_345_678, 3)));
      // nOut 5: 50 < 51.
      assertFalse(fires(j, jm("l60b", 60, 3, 12_345_678, 2)));
      // nIn 50, n 10, nOut 16 -> 160 < 170.
      assertFalse(fires(j, jm("r16", 50, 10, 12_345_678, 6)));
      assertTrue(fires(j, jm("r17", 50, 10, 12_345_678, 7)));
      // 49 inputs: ratios not checked.
      assertTrue(fires(j, jm("r49", 49, 10, 12_345_678, 6)));
    }
  }

  @Nested
  class StonewallVeto {
    private final Stonewall sw = new Stonewall();

    private UtxoTx stonewall(String name, long pair, int outs) {
      var b = tx(name).ins(3, name + "i", 1_000_000).out(wpkh(name + "a"), pair).out(wpkh(name + "b"), pair);
      for (int i = 2; i < outs; i++) {
        b.out(wpkh(name + "c" + i), 123_456 + i);
      }
      return b.build();
    }

    @Test
    void detect_pairValueThreshold() {
      assertTrue(fires(sw, stonewall("s5000", 5_000, 4)));
      assertFalse(fires(sw, stonewall("s4999", 4_999, 4)));
    }

    @Test
    void detect_twoPairs_silent() {
      UtxoTx t = tx("pairs").ins(3, "i", 1_000_000).out(wpkh("a"), 500_000).out(wpkh("b"), 500_000)
          .out(wpkh("c"), 300_000).out(wpkh("d"), 300_000).build();
      assertFalse(fires(sw, t));
    }

    @Test
    void detect_repeatedOutputAddress_silent() {
      UtxoTx t = tx("swdup").ins(3, "i", 1_000_000).out(wpkh("a"), 500_000).out(wpkh("b"), 500_000)
          .out(wpkh("a"), 1_234_567).build();
      assertFalse(fires(sw, t));
    }

    @Test
    void detect_oneInput_silent() {
      UtxoTx t = tx("sw1").in(wpkh("only"), 3_000_000).out(wpkh("a"), 500_000).out(wpkh("b"), 500_000)
          .out(wpkh("c"), 1_234_567).build();
      assertFalse(fires(sw, t));
      UtxoTx two = tx("sw2").in(wpkh("x"), 1_500_000).in(wpkh("y"), 1_500_000).out(wpkh("a"), 500_000)
          .out(wpkh("b"), 500_000).out(wpkh("c"), 1_234_567).build();
      assertTrue(fires(sw, two));
    }

    @Test
    void detect_outputCountLimits() {
      assertTrue(fires(sw, stonewall("o3", 500_000, 3)));
      assertFalse(fires(sw, stonewall("o2", 500_000, 2)));
      assertFalse(fires(sw, stonewall("o5", 500_000, 5)));
    }

    @Test
    void screen_stonewallVetoesGenericLabel_blocksNothingByItself() {
      UtxoTx t = stonewall("veto", 500_000, 4);
      assertTrue(fires(new GenericCoinJoin(), t), "the generic rule alone calls it a CoinJoin");
      CoinJoinScreen.Screening s = CoinJoinScreen.defaults().screen(t, EMPTY);
      assertEquals(List.of("stonewall"), s.labels());
      assertFalse(s.isCoinJoin());
      assertFalse(s.blocksMerges());
      assertTrue(s.isStonewallShape());
    }

    @Test
    void minOutputs_neverSkipsAShapeTheDetectorAccepts() {
      // The smallest accepted shape of each detector, from the tests above, has >= minOutputs().
      assertEquals(3, new GenericCoinJoin().minOutputs());
      assertEquals(5, new WhirlpoolMix().minOutputs());
      assertEquals(3, new WhirlpoolTx0().minOutputs());
      assertEquals(3, new Wasabi1().minOutputs());
      assertEquals(6, new WabiSabi().minOutputs());
      assertEquals(5, new WabiSabiStrict().minOutputs());
      assertEquals(4, new JoinMarket().minOutputs());
      assertEquals(3, new Stonewall().minOutputs());
      UtxoTx tx0Minimal = tx("tx0min").in(wpkh("u"), 2_000_000).opReturn().out(wpkh("fee"), 50_000)
          .out(wpkh("pre"), 1_000_170).build();
      assertTrue(fires(new WhirlpoolTx0(), tx0Minimal));
      assertEquals(List.of("whirlpool-tx0"), CoinJoinScreen.defaults().screen(tx0Minimal, EMPTY).labels());
    }

    @Test
    void screen_ordinaryPayment_passes() {
      UtxoTx t = tx("pay").in(wpkh("a"), 100_000).in(wpkh("b"), 50_000).out(wpkh("p"), 120_000)
          .out(wpkh("c"), 29_000).build();
      CoinJoinScreen.Screening s = CoinJoinScreen.defaults().screen(t, EMPTY);
      assertFalse(s.blocksMerges());
      assertEquals(List.of(), s.labels());
    }

    @Test
    void screen_coinbaseAndGarbageShapes_neverThrow() {
      UtxoTx cb = tx("cb").coinbase().out(wpkh("m"), 625_000_000).build();
      UtxoTx noOut = tx("noout").in(wpkh("a"), 1).build();
      UtxoTx unresolved = tx("unres").unresolvedIn().unresolvedIn().outs(3, "o", 100_000).build();
      for (UtxoTx t : List.of(cb, noOut, unresolved)) {
        CoinJoinScreen.defaults().screen(t, EMPTY);
      }
      assertFalse(CoinJoinScreen.defaults().screen(cb, EMPTY).blocksMerges());
    }
  }
}
