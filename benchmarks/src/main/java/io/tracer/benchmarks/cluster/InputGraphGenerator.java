package io.tracer.benchmarks.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded generator of transaction input lists with a realistic shape: mostly 1–3 inputs per
 * transaction, a heavy (Pareto) tail up to 2,000 inputs, and repeated addresses (a wallet spends
 * from addresses it used before; a few hot addresses, like exchange wallets, recur very often).
 * Output: a flat {@code int[]} of address ids and per-transaction offsets; ids are dense and
 * first-seen ordered, as {@link io.tracer.core.cluster.AddressIndex} would assign them.
 *
 * <p>Written here because the shared synthetic chain generator was not on main when the benchmark
 * was needed.
 */
public final class InputGraphGenerator {
  /** Flat input lists: transaction t has inputs {@code ids[offsets[t] .. offsets[t+1])}. */
  public record Graph(int[] ids, int[] offsets, int transactions, int addresses) {
    public long inputs() {
      return offsets[transactions];
    }
  }

  private InputGraphGenerator() {}

  /** About {@code targetInputs} inputs (at least), deterministic for a seed. */
  public static Graph generate(long targetInputs, long seed) {
    if (targetInputs < 1 || targetInputs > 500_000_000L) {
      throw new IllegalArgumentException("targetInputs out of range: " + targetInputs);
    }
    SplittableRandom r = new SplittableRandom(seed);
    int[] ids = new int[(int) Math.min(Integer.MAX_VALUE - 8, targetInputs + 4_096)];
    int[] offsets = new int[(int) (targetInputs / 2 + 16)];
    int n = 0;
    int tx = 0;
    int next = 0; // next fresh address id
    // A pool of "hot" addresses that recur (exchanges, services).
    int[] hot = new int[1_000];
    for (int i = 0; i < hot.length; i++) {
      hot[i] = next++;
    }
    while (n < targetInputs) {
      if (tx + 2 >= offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 3 / 2);
      }
      offsets[tx] = n;
      int k = inputCount(r);
      if (n + k > ids.length) {
        k = ids.length - n;
      }
      for (int i = 0; i < k; i++) {
        double u = r.nextDouble();
        int id;
        if (u < 0.02) {
          id = hot[r.nextInt(hot.length)];
        } else if (u < 0.40 && next > 0) {
          // Reuse: mostly recent addresses (skewed towards the newest), sometimes any older one.
          int back = (int) Math.min(next - 1, (long) (Math.pow(r.nextDouble(), 3) * 2_000_000));
          id = next - 1 - back;
        } else {
          id = next++;
        }
        ids[n++] = id;
      }
      tx++;
    }
    offsets[tx] = n;
    return new Graph(ids, Arrays.copyOf(offsets, tx + 1), tx, next);
  }

  /** 1 input 60%, 2 22%, 3 9%, 4–10 7%, then a Pareto tail (α = 1.2) capped at 2,000. */
  static int inputCount(SplittableRandom r) {
    double u = r.nextDouble();
    if (u < 0.60) {
      return 1;
    }
    if (u < 0.82) {
      return 2;
    }
    if (u < 0.91) {
      return 3;
    }
    if (u < 0.98) {
      return 4 + r.nextInt(7);
    }
    double p = 11 / Math.pow(1 - r.nextDouble(), 1 / 1.2);
    return (int) Math.min(2_000, p);
  }
}
