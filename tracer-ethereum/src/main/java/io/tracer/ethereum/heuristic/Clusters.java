package io.tracer.ethereum.heuristic;

import io.tracer.core.model.Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Connected components of links (union-find with path halving and union by size). */
public final class Clusters {
  private Clusters() {}

  /**
   * The clusters the links form, each sorted, largest first (ties by first address). Addresses
   * linked to nothing are not listed.
   */
  public static List<Set<Address>> of(List<Link> links) {
    Map<Address, Address> parent = new HashMap<>();
    Map<Address, Integer> size = new HashMap<>();
    for (Link l : links) {
      union(parent, size, l.a(), l.b());
    }
    Map<Address, Set<Address>> groups = new HashMap<>();
    for (Address a : parent.keySet()) {
      groups.computeIfAbsent(find(parent, a), k -> new TreeSet<>()).add(a);
    }
    List<Set<Address>> out = new ArrayList<>();
    for (Set<Address> g : groups.values()) {
      out.add(java.util.Collections.unmodifiableSet(g));
    }
    out.sort(Comparator.<Set<Address>>comparingInt(Set::size).reversed()
        .thenComparing(s -> s.iterator().next()));
    return List.copyOf(out);
  }

  private static Address find(Map<Address, Address> parent, Address a) {
    parent.putIfAbsent(a, a);
    Address x = a;
    while (!parent.get(x).equals(x)) {
      Address p = parent.get(x);
      parent.put(x, parent.get(p));
      x = p;
    }
    return x;
  }

  private static void union(Map<Address, Address> parent, Map<Address, Integer> size, Address a, Address b) {
    Address ra = find(parent, a);
    Address rb = find(parent, b);
    if (ra.equals(rb)) {
      return;
    }
    int sa = size.getOrDefault(ra, 1);
    int sb = size.getOrDefault(rb, 1);
    if (sa < sb) {
      Address t = ra;
      ra = rb;
      rb = t;
    }
    parent.put(rb, ra);
    size.put(ra, sa + sb);
  }
}
