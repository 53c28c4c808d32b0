package io.tracer.benchmarks.taint;

import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic UTXO chain for the taint benchmark: {@code funding} coinbase-like
 * transactions, then transactions that each spend 1–3 outputs picked at random from the pool of
 * unspent outputs and pay 1–3 outputs plus a small fee. Random picks from one pool mix funds the
 * way busy wallets and services do, so taint from one seed reaches most of the chain: the worst
 * case for propagation. Deterministic for a given seed.
 */
final class ChainGenerator {
  static final int TXS_PER_BLOCK = 2_000;
  /** Index of the funding transaction whose output 0 is the benchmark's seed. */
  static final int WHALE = 7;

  private ChainGenerator() {}

  /** Generates {@code n} transactions (the first {@code funding} are coinbases) into a ledger. */
  static UtxoLedger generate(int n, int funding, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Address[] addrs = new Address[50_000];
    for (int i = 0; i < addrs.length; i++) {
      addrs[i] = Address.of(Chain.BITCOIN, "bench" + i);
    }
    // pool of unspent outputs: parallel arrays, swap-remove on spend
    TxId[] poolTx = new TxId[funding * 4 + 16];
    int[] poolIdx = new int[poolTx.length];
    long[] poolVal = new long[poolTx.length];
    Address[] poolAddr = new Address[poolTx.length];
    int pool = 0;
    UtxoLedger.Builder b = UtxoLedger.builder(Chain.BITCOIN).describedAs("synthetic chain, " + n + " txs");
    for (int i = 0; i < n; i++) {
      TxId id = id(i);
      BlockRef block = BlockRef.of(1 + i / TXS_PER_BLOCK, 1 + i % TXS_PER_BLOCK, Instant.ofEpochSecond(1_500_000_000L + (i / TXS_PER_BLOCK) * 600L));
      List<TxIn> ins = new ArrayList<>(3);
      long in = 0;
      if (i < funding) {
        ins.add(TxIn.coinbase(0xffffffffL));
        in = 10_000_000L + rnd.nextLong(5_000_000_000L);
        if (i == WHALE) {
          // the seed: a large holding (200,000 BTC, about 40% of the pool) that is split and
          // mixed again and again, so that FIFO taint spreads too (an ordinary seed's FIFO taint
          // stays in one or two outputs and reaches only ~1,500 transactions in a million)
          in = 20_000_000_000_000L;
        }
      } else {
        // a large pool consolidates (2–3 inputs, 1–2 outputs), a small one splits: the pool size
        // random-walks around 1.5 × funding without ever dropping an output
        boolean large = pool > funding + funding / 2;
        int k = Math.min(pool, large ? 2 + rnd.nextInt(2) : 1 + rnd.nextInt(2));
        for (int j = 0; j < k; j++) {
          int p = rnd.nextInt(pool);
          ins.add(TxIn.resolved(new OutPoint(poolTx[p], poolIdx[p]), poolAddr[p], poolVal[p], 0xffffffffL));
          in += poolVal[p];
          pool--;
          poolTx[p] = poolTx[pool];
          poolIdx[p] = poolIdx[pool];
          poolVal[p] = poolVal[pool];
          poolAddr[p] = poolAddr[pool];
        }
      }
      long fee = i < funding ? 0 : Math.min(in / 2, rnd.nextInt(5_000));
      int nOut =
          i == WHALE ? 1 : i >= funding && pool > funding + funding / 2 ? 1 + rnd.nextInt(2) : 1 + rnd.nextInt(3);
      long left = in - fee;
      List<TxOut> outs = new ArrayList<>(nOut);
      for (int j = 0; j < nOut; j++) {
        long v = j == nOut - 1 ? left : left / 4 + rnd.nextLong(left / 2 + 1);
        left -= v;
        Address a = addrs[rnd.nextInt(addrs.length)];
        outs.add(new TxOut(j, a, v, OutputType.P2WPKH));
        if (pool == poolTx.length) {
          throw new IllegalStateException("pool overflow");
        }
        poolTx[pool] = id;
        poolIdx[pool] = j;
        poolVal[pool] = v;
        poolAddr[pool] = a;
        pool++;
      }
      b.add(new UtxoTx(id, block, 2, 0, 200, ins, outs));
    }
    return b.build();
  }

  /** A deterministic, well-mixed txid for transaction number {@code i}. */
  static TxId id(int i) {
    byte[] bytes = new byte[32];
    long x = mix(i + 1L);
    long y = mix(x ^ 0x9E3779B97F4A7C15L);
    for (int k = 0; k < 8; k++) {
      bytes[k] = (byte) (x >>> (56 - 8 * k));
      bytes[8 + k] = (byte) (y >>> (56 - 8 * k));
      bytes[16 + k] = (byte) (i >>> (24 - 8 * (k & 3)));
    }
    return TxId.of(bytes);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
