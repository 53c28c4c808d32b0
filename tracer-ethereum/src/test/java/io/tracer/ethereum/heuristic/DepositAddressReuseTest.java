package io.tracer.ethereum.heuristic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** HEURISTICS.md §3 deposit-address reuse: α, τ and rounding probed exactly and at ±1. */
class DepositAddressReuseTest {
  private static final BigInteger ETH = BigInteger.TEN.pow(18);
  private static final BigInteger ALPHA = DepositAddressReuse.DEFAULT_ALPHA_WEI;
  private static final long TAU = DepositAddressReuse.DEFAULT_TAU_BLOCKS;
  private static final Address CUSTOMER = addr('1');
  private static final Address CUSTOMER2 = addr('2');
  private static final Address DEPOSIT = addr('3');
  private static final Address HOT = addr('4');
  private static final Address MINER = addr('5');
  private static int txCounter;

  private static Address addr(char c) {
    return Address.of(Chain.ETHEREUM, "0x" + String.valueOf(c).repeat(40));
  }

  private static Transfer t(long height, Address from, Address to, BigInteger wei) {
    String h = Integer.toHexString(++txCounter);
    TxId id = TxId.parse("0".repeat(64 - h.length()) + h);
    return new Transfer(id, BlockRef.of(height, 0, Instant.EPOCH), -1, from, to, Asset.ETH, wei, TransferKind.NATIVE, true);
  }

  private static DepositAddressReuse dar() {
    return DepositAddressReuse.builder().exchanges(Set.of(HOT)).miners(Set.of(MINER)).build();
  }

  private static List<Link> links(Transfer... ts) {
    return dar().apply(List.of(ts)).links();
  }

  @Nested
  class HappyPath {
    @Test
    void apply_sameAmountSameBlock_confidenceOne() {
      List<Link> l = links(t(10, CUSTOMER, DEPOSIT, ETH), t(10, DEPOSIT, HOT, ETH));
      assertEquals(1, l.size());
      assertEquals(CUSTOMER, l.get(0).a());
      assertEquals(DEPOSIT, l.get(0).b());
      assertEquals(DepositAddressReuse.RULE, l.get(0).rule());
      assertEquals(new BigDecimal("1.000000000"), l.get(0).confidence());
    }

    @Test
    void apply_differenceExactlyAlpha_linkedWithHalfConfidenceLost() {
      List<Link> l = links(t(10, CUSTOMER, DEPOSIT, ETH.add(ALPHA)), t(10, DEPOSIT, HOT, ETH));
      assertEquals(new BigDecimal("0.500000000"), l.get(0).confidence());
    }

    @Test
    void apply_exactlyTauBlocksApart_linked() {
      List<Link> l = links(t(10, CUSTOMER, DEPOSIT, ETH), t(10 + TAU, DEPOSIT, HOT, ETH));
      assertEquals(new BigDecimal("0.500000000"), l.get(0).confidence());
    }

    @Test
    void apply_alphaAndTauBothAtLimit_confidenceZero() {
      List<Link> l = links(t(10, CUSTOMER, DEPOSIT, ETH.add(ALPHA)), t(10 + TAU, DEPOSIT, HOT, ETH));
      assertEquals(new BigDecimal("0E-9"), l.get(0).confidence());
    }

    @Test
    void apply_roundingJustBelowHalf_sameBucketLinked() {
      // F = 1.0 ETH rounds to 10 tenths; R = 1.05 ETH − 1 wei also rounds to 10.
      BigInteger r = ETH.add(BigInteger.valueOf(5).multiply(BigInteger.TEN.pow(16))).subtract(BigInteger.ONE);
      BigInteger f = r.subtract(ALPHA);
      assertEquals(1, links(t(10, CUSTOMER, DEPOSIT, r), t(11, DEPOSIT, HOT, f)).size());
    }

    @Test
    void apply_severalReceives_latestMatchingOneWins() {
      Transfer old = t(10, CUSTOMER2, DEPOSIT, ETH);
      Transfer latest = t(12, CUSTOMER, DEPOSIT, ETH);
      Transfer other = t(13, CUSTOMER2, DEPOSIT, ETH.multiply(BigInteger.TWO));
      List<Link> l = links(old, latest, other, t(14, DEPOSIT, HOT, ETH));
      assertEquals(CUSTOMER, l.get(0).a());
      assertEquals(List.of(latest.txId(), l.get(0).evidence().get(1)), l.get(0).evidence());
    }

    @Test
    void clusters_twoCustomersReuseOneDeposit_oneClusterOfThree() {
      DepositAddressReuse.Result r = dar().apply(List.of(
          t(10, CUSTOMER, DEPOSIT, ETH), t(11, DEPOSIT, HOT, ETH),
          t(20, CUSTOMER2, DEPOSIT, ETH.multiply(BigInteger.TWO)), t(21, DEPOSIT, HOT, ETH.multiply(BigInteger.TWO))));
      assertEquals(List.of(Set.of(CUSTOMER, CUSTOMER2, DEPOSIT)), r.clusters());
      assertEquals(Set.of(DEPOSIT), r.depositAddresses());
    }
  }

  @Nested
  class Rejection {
    @Test
    void apply_differenceAlphaPlusOneWei_notLinked() {
      assertEquals(List.of(), links(t(10, CUSTOMER, DEPOSIT, ETH.add(ALPHA).add(BigInteger.ONE)), t(10, DEPOSIT, HOT, ETH)));
    }

    @Test
    void apply_forwardOneWeiMoreThanReceived_notLinked() {
      assertEquals(List.of(), links(t(10, CUSTOMER, DEPOSIT, ETH), t(10, DEPOSIT, HOT, ETH.add(BigInteger.ONE))));
    }

    @Test
    void apply_tauPlusOneBlocks_notLinked() {
      assertEquals(List.of(), links(t(10, CUSTOMER, DEPOSIT, ETH), t(11 + TAU, DEPOSIT, HOT, ETH)));
    }

    @Test
    void apply_roundingAtHalf_differentBucketsNotLinked() {
      // R = 1.05 ETH rounds up to 11 tenths, F = R − 0.005 ETH rounds to 10: within α but not equal.
      BigInteger r = ETH.add(BigInteger.valueOf(5).multiply(BigInteger.TEN.pow(16)));
      BigInteger f = r.subtract(ALPHA.divide(BigInteger.TWO));
      assertEquals(List.of(), links(t(10, CUSTOMER, DEPOSIT, r), t(11, DEPOSIT, HOT, f)));
    }

    @Test
    void apply_minerPaysExchange_ignored() {
      assertEquals(List.of(), links(t(10, CUSTOMER, MINER, ETH), t(11, MINER, HOT, ETH)));
    }

    @Test
    void apply_failedForward_ignored() {
      Transfer f = t(11, DEPOSIT, HOT, ETH);
      Transfer failed = new Transfer(f.txId(), f.block(), -1, f.from(), f.to(), f.asset(), f.amount(), f.kind(), false);
      assertEquals(List.of(), links(t(10, CUSTOMER, DEPOSIT, ETH), failed));
    }

    @Test
    void build_noExchanges_refused() {
      assertThrows(IllegalStateException.class, () -> DepositAddressReuse.builder().build());
    }

    @Test
    void apply_tokenWithoutParameters_ignored() {
      Asset usdt = Asset.token(Chain.ETHEREUM, "0xdac17f958d2ee523a2206206994597c13d831ec7", "USDT", 6);
      List<Transfer> ts = new ArrayList<>();
      Transfer r = t(10, CUSTOMER, DEPOSIT, BigInteger.TEN);
      Transfer f = t(11, DEPOSIT, HOT, BigInteger.TEN);
      ts.add(new Transfer(r.txId(), r.block(), 0, r.from(), r.to(), usdt, r.amount(), TransferKind.TOKEN, true));
      ts.add(new Transfer(f.txId(), f.block(), 0, f.from(), f.to(), usdt, f.amount(), TransferKind.TOKEN, true));
      assertEquals(List.of(), dar().apply(ts).links());
      DepositAddressReuse withUsdt = DepositAddressReuse.builder().exchanges(Set.of(HOT))
          .asset(usdt, BigInteger.valueOf(10_000), BigInteger.valueOf(100_000)).build();
      assertEquals(1, withUsdt.apply(ts).links().size());
    }
  }
}
