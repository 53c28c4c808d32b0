package io.tracer.core.cluster;

import io.tracer.core.model.Address;
import java.util.Arrays;
import java.util.Objects;

/**
 * Interns addresses to dense int ids in first-seen order, with an open-addressing table of {@code
 * int} (linear probing, load factor ≤ 0.5) instead of a {@code HashMap<Address, Integer>}: no
 * entry or boxed-integer objects per address. Each address's mixed hash is kept in an {@code
 * int[]} by id, so probes compare hashes before touching the {@code Address} object and a rehash
 * never dereferences one. Not thread-safe while being filled; safe for concurrent readers
 * afterwards.
 */
public final class AddressIndex {
  private Address[] byId;
  private int[] hashes; // id -> mixed hash
  private int[] table; // slot -> id + 1, 0 = empty
  private int mask;
  private int n;

  public AddressIndex(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    table = new int[cap];
    mask = cap - 1;
    byId = new Address[Math.max(16, expected)];
    hashes = new int[byId.length];
  }

  /** Number of addresses. */
  public int size() {
    return n;
  }

  /** The id of {@code a}, adding it if new. */
  public int intern(Address a) {
    Objects.requireNonNull(a, "address");
    int h = mix(a);
    int slot = h & mask;
    while (true) {
      int v = table[slot];
      if (v == 0) {
        break;
      }
      if (hashes[v - 1] == h && byId[v - 1].equals(a)) {
        return v - 1;
      }
      slot = (slot + 1) & mask;
    }
    if (n == byId.length) {
      int c = (int) Math.min(Integer.MAX_VALUE - 8, n * 3L / 2 + 16);
      byId = Arrays.copyOf(byId, c);
      hashes = Arrays.copyOf(hashes, c);
    }
    byId[n] = a;
    hashes[n] = h;
    table[slot] = ++n;
    if (2L * n > table.length) {
      rehash();
    }
    return n - 1;
  }

  /** The id of {@code a}, or -1. */
  public int id(Address a) {
    int h = mix(a);
    int slot = h & mask;
    while (true) {
      int v = table[slot];
      if (v == 0) {
        return -1;
      }
      if (hashes[v - 1] == h && byId[v - 1].equals(a)) {
        return v - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The address with id {@code id}. */
  public Address address(int id) {
    Objects.checkIndex(id, n);
    return byId[id];
  }

  private static int mix(Address a) {
    int h = a.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private void rehash() {
    int cap = table.length * 2;
    int[] t = new int[cap];
    int m = cap - 1;
    for (int id = 0; id < n; id++) {
      int s = hashes[id] & m;
      while (t[s] != 0) {
        s = (s + 1) & m;
      }
      t[s] = id + 1;
    }
    table = t;
    mask = m;
  }
}
