package io.tracer.ethereum.heuristic;

import io.tracer.core.model.Address;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds exchange deposit addresses from behaviour (HEURISTICS.md §3, "exchange deposit
 * detection"): an address that received from outside the exchange and sent value only ever to
 * exchange addresses (its sweeps). Gas is not counted as sending. The exchange's own addresses
 * are never deposit addresses.
 */
public final class ExchangeDeposits {
  private ExchangeDeposits() {}

  /** Deposit addresses of the exchange whose hot wallets are {@code exchanges}, sorted. */
  public static Set<Address> detect(Iterable<Transfer> transfers, Set<Address> exchanges) {
    Map<Address, int[]> stats = new HashMap<>(); // [inflows from outside, sweeps, other outflows]
    for (Transfer t : transfers) {
      if (!t.movesValue() || t.kind() == TransferKind.FEE || t.from().equals(t.to())) {
        continue;
      }
      if (!exchanges.contains(t.from())) {
        int[] s = stats.computeIfAbsent(t.from(), k -> new int[3]);
        s[exchanges.contains(t.to()) ? 1 : 2]++;
      }
      if (!exchanges.contains(t.from())) {
        stats.computeIfAbsent(t.to(), k -> new int[3])[0]++;
      }
    }
    Set<Address> out = new TreeSet<>();
    stats.forEach((a, s) -> {
      if (!exchanges.contains(a) && !a.isPseudo() && s[0] > 0 && s[1] > 0 && s[2] == 0) {
        out.add(a);
      }
    });
    return out;
  }
}
