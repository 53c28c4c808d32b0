package io.tracer.core.cluster;

import static io.tracer.core.heuristic.TestTx.pkh;
import static io.tracer.core.heuristic.TestTx.tx;
import static io.tracer.core.heuristic.TestTx.wpkh;

import io.tracer.core.heuristic.TestTx;
import io.tracer.core.model.Address;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small random chain for property tests: one transaction per block, coinbases now and then,
 * otherwise 1–3 inputs spending random unspent outputs into one output or 1–2 round payments (half
 * of them to addresses seen before) plus a change output below the smallest input (fresh and of the
 * spender's type, or a quarter of the time an address seen before); mixed P2WPKH and P2PKH. Deterministic for a seed.
 */
final class RandomChain {
  private RandomChain() {}

  static List<UtxoTx> generate(Random r, int count) {
    List<UtxoTx> txs = new ArrayList<>();
    List<int[]> unspent = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    int[] fresh = {0};
    for (int i = 0; i < count; i++) {
      TestTx.Builder b = tx("rc" + i).height(10 + i);
      long total = 0;
      if (unspent.size() < 4 || r.nextInt(8) == 0) {
        b.coinbase();
        total = 50_000_000;
        String a = address(r, seen, fresh, false);
        b.out(a, total);
      } else {
        int k = r.nextInt(10) < 5 ? 1 : 2 + r.nextInt(2);
        long minIn = Long.MAX_VALUE;
        String firstIn = null;
        for (int j = 0; j < k && !unspent.isEmpty(); j++) {
          int[] u = unspent.remove(r.nextInt(unspent.size()));
          TxOut o = txs.get(u[0]).output(u[1]);
          b.spend(txs.get(u[0]), u[1]);
          total += o.value();
          minIn = Math.min(minIn, o.value());
          firstIn = firstIn == null ? o.address().value() : firstIn;
        }
        long left = total - 1_000;
        int payments = left < 40_000 ? 1 : 1 + r.nextInt(2);
        if (payments > 1 || r.nextBoolean()) {
          // Change: fresh, the spender's type, below the smallest input; payments round.
          long change = Math.min(minIn - 1, left / (3 + r.nextInt(4))) / 100 * 100 + 37;
          left -= change;
          for (int j = 0; j < payments; j++) {
            long v = j == payments - 1 ? left : left / 2 / 1_000 * 1_000;
            left -= v;
            b.out(address(r, seen, fresh, r.nextBoolean()), v);
          }
          if (r.nextInt(4) == 0) {
            b.out(seen.get(r.nextInt(seen.size())), change); // change to an address seen before
          } else {
            String tag = "r" + fresh[0]++;
            String c = firstIn.startsWith("bc1") ? wpkh(tag) : pkh(tag);
            seen.add(c);
            b.out(c, change);
          }
        } else {
          b.out(address(r, seen, fresh, r.nextInt(3) == 0), left);
        }
      }
      UtxoTx t = b.build();
      txs.add(t);
      for (TxOut o : t.outputs()) {
        if (o.value() > 1_000) {
          unspent.add(new int[] {i, o.index()});
        }
      }
    }
    return txs;
  }

  private static String address(Random r, List<String> seen, int[] fresh, boolean reuse) {
    if (reuse && !seen.isEmpty()) {
      return seen.get(r.nextInt(seen.size()));
    }
    String tag = "r" + fresh[0]++;
    String a = r.nextInt(10) < 7 ? wpkh(tag) : pkh(tag);
    seen.add(a);
    return a;
  }

  /** Every input and output address of {@code t}. */
  static List<Address> addresses(UtxoTx t) {
    List<Address> out = new ArrayList<>();
    for (TxIn in : t.inputs()) {
      if (in.address() != null) {
        out.add(in.address());
      }
    }
    for (TxOut o : t.outputs()) {
      out.add(o.address());
    }
    return out;
  }
}
