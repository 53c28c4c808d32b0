package io.tracer.benchmarks.risk;

import io.tracer.core.intel.Label;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Watchlist lookups against the {@code HashMap<String, List<Label>>} baseline, made as fair as a
 * plain-main harness can be:
 *
 * <ul>
 *   <li>each timed loop is its own small method (C2 compiles it normally instead of as an OSR of a
 *       huge method whose inlining budget is spent elsewhere), called for every probe mix so both
 *       structures see the same mixed profile;
 *   <li>four probe mixes — all hits, all misses, hit/miss alternating, 50 % hits in random order;
 *   <li>two probe regimes — <em>warm</em>: the same probe objects every pass, so after the first
 *       pass both sides read the hash cached in the probe {@code String} (as a screen does with
 *       the addresses it holds); <em>cold</em>: a fresh copy of every probe string before each
 *       pass, so both sides compute {@code String.hashCode} inside the timed loop (as a lookup of
 *       freshly parsed text does);
 *   <li>the order of the structures rotates between rounds; times are process CPU time (so the
 *       collection of anything a lookup allocates is charged to it), best of the rounds after
 *       warm-up.
 * </ul>
 *
 * The probe key objects are never the map's own key objects, so the baseline cannot win on the
 * {@code ==} shortcut of {@code HashMap.getNode}; the baseline and the text lookups read the
 * probe Addresses' own value Strings, so all three see one heap layout and one hash state.
 */
final class LookupBench {
  private static final String[] MIXES = {"hits", "misses", "alternating", "random 50%"};
  private static final int ROUNDS = Integer.getInteger("rounds", 10);
  private static final int WARM_REPS = 10;
  private static final int WARMUP = 2;

  private LookupBench() {}

  /** Per mix and regime: ns per lookup of the Watchlist (Address), Watchlist (text), baseline. */
  static void run(Watchlist w, HashMap<String, List<Label>> baseline, List<Address> keys, int probes) {
    SplittableRandom rnd = new SplittableRandom(42);
    Address[][] sets = new Address[MIXES.length][probes];
    for (int i = 0; i < probes; i++) {
      Address hit = keys.get(rnd.nextInt(keys.size()));
      Address miss = Address.of(Chain.BITCOIN, RiskBenchmark.p2pkh(rnd));
      Address hit2 = keys.get(rnd.nextInt(keys.size()));
      Address miss2 = Address.of(Chain.BITCOIN, RiskBenchmark.p2pkh(rnd));
      sets[0][i] = hit;
      sets[1][i] = miss;
      sets[2][i] = (i & 1) == 0 ? hit2 : miss2;
      sets[3][i] = rnd.nextBoolean() ? hit2 : miss2;
    }
    // Process CPU time: includes the collector's work for whatever a lookup allocates (thread CPU
    // time would not), and is not inflated by other processes on a shared machine.
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf("WATCHLIST lookups, %,d probes per mix, process CPU ns per lookup, %d rounds after %d"
        + " warm-up rounds:%n", probes, ROUNDS - WARMUP, WARMUP);
    System.out.printf("  %-8s %-12s %10s %10s %10s %8s %8s%n", "regime", "mix", "Watchlist", "text",
        "HashMap", "ratio", "text");
    // -Dregimes=cold runs the cold regime alone: its loops are then compiled for hashes computed
    // in the loop, not recompiled after a warm profile.
    String regimes = System.getProperty("regimes", "warm,cold");
    for (boolean cold : new boolean[] {false, true}) {
      if (!regimes.contains(cold ? "cold" : "warm")) {
        continue;
      }
      // Warm: best pass (of WARM_REPS sweeps, long enough for the 10 ms resolution of process CPU
      // time). Cold: every pass needs fresh objects, so one sweep per pass, summed over rounds.
      int reps = cold ? 1 : WARM_REPS;
      double[][] best = new double[MIXES.length][3];
      long[][] sum = new long[MIXES.length][3];
      for (double[] b : best) {
        Arrays.fill(b, Double.MAX_VALUE);
      }
      long check = 0;
      // Warm probes: built once, reused every pass.
      Address[][] pa = new Address[MIXES.length][];
      String[][] ps = new String[MIXES.length][];
      Chain[] pc = new Chain[probes];
      Arrays.fill(pc, Chain.BITCOIN);
      for (int m = 0; m < MIXES.length; m++) {
        pa[m] = fresh(sets[m]);
        ps[m] = texts(pa[m]);
      }
      // Profile first on the random mix: C2 compiles each loop once, with the branch profile it has
      // seen; compiled during the first (all-hits) pass, both structures' code was laid out for
      // hits only, and when the compile landed varied with the machine's load (run-to-run
      // swings of the mixed cells).
      long pre = 0;
      for (int r = 0; r < 3; r++) {
        pre += lookupAddresses(w, pa[3]) + lookupTexts(w, pc, ps[3]) + lookupBaseline(baseline, ps[3]);
      }
      check += pre;
      for (int round = 0; round < ROUNDS; round++) {
        for (int m = 0; m < MIXES.length; m++) {
          for (int k = 0; k < 3; k++) {
            int which = (k + round) % 3; // rotate which structure goes first
            Address[] a = pa[m];
            String[] s = ps[m];
            if (cold) { // fresh objects: every hash is computed inside the timed loop
              a = fresh(sets[m]);
              s = texts(a);
            }
            long c0 = os.getProcessCpuTime();
            long h = 0;
            for (int r = 0; r < reps; r++) {
              h +=
                  switch (which) {
                    case 0 -> lookupAddresses(w, a);
                    case 1 -> lookupTexts(w, pc, s);
                    default -> lookupBaseline(baseline, s);
                  };
            }
            long cpu = os.getProcessCpuTime() - c0;
            check += h;
            if (Boolean.getBoolean("verbose")) {
              System.out.printf("    round %d %s %s: %.1f ns%n", round, MIXES[m],
                  new String[] {"Watchlist", "text", "HashMap"}[which], (double) cpu / ((long) probes * reps));
            }
            if (round >= WARMUP) {
              best[m][which] = Math.min(best[m][which], (double) cpu / ((long) probes * reps));
              sum[m][which] += cpu;
            }
          }
        }
      }
      for (int m = 0; m < MIXES.length; m++) {
        double[] ns = new double[3];
        for (int k = 0; k < 3; k++) {
          ns[k] = cold ? (double) sum[m][k] / ((long) probes * (ROUNDS - WARMUP)) : best[m][k];
        }
        System.out.printf("  %-8s %-12s %10.1f %10.1f %10.1f %7.2fx %7.2fx%n", cold ? "cold" : "warm",
            MIXES[m], ns[0], ns[1], ns[2], ns[2] / ns[0], ns[2] / ns[1]);
      }
      System.out.printf("  (ratio = baseline time / Watchlist time, >1 means Watchlist faster; %s; checksum %d)%n",
          cold ? "mean of all measured passes" : "best pass of " + reps + " sweeps", check);
    }
  }

  /** Copies with their own String objects, hash not yet computed. */
  private static Address[] fresh(Address[] src) {
    Address[] out = new Address[src.length];
    for (int i = 0; i < src.length; i++) {
      out[i] = Address.ofValue(src[i].chain(), new String(src[i].value().toCharArray()));
    }
    return out;
  }

  /**
   * The probes' own value Strings: text lookups and the baseline read exactly the objects (same
   * heap layout, same cached or uncached hashes) the Address lookups read, minus the Address.
   */
  private static String[] texts(Address[] probes) {
    String[] out = new String[probes.length];
    for (int i = 0; i < probes.length; i++) {
      out[i] = probes[i].value();
    }
    return out;
  }

  private static long lookupAddresses(Watchlist w, Address[] probes) {
    long h = 0;
    for (Address a : probes) {
      h += w.lookup(a).size();
    }
    return h;
  }

  private static long lookupTexts(Watchlist w, Chain[] chains, String[] probes) {
    long h = 0;
    for (int i = 0; i < probes.length; i++) {
      h += w.lookup(chains[i], probes[i]).size();
    }
    return h;
  }

  private static long lookupBaseline(HashMap<String, List<Label>> m, String[] probes) {
    long h = 0;
    for (String s : probes) {
      List<Label> l = m.get(s);
      h += l == null ? 0 : l.size();
    }
    return h;
  }
}
