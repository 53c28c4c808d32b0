package io.tracer.core.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Interns address keys (byte strings) into one arena: each distinct key gets a dense id, in the
 * order keys were first seen. Not thread-safe.
 *
 * <p>Keys can come in two ways. {@link #intern} looks a key up in a hash table at once. {@link
 * #appendAll} adds another interner's keys unchecked, after the ones held: that is how ledger
 * parts decoded on other threads are joined, and it costs a copy. {@link #dedupe} later drops
 * the keys seen twice, on several threads and a cache-sized table at a time (see there): probing
 * one table as large as the ledger's addresses misses the cache on nearly every key, and was the
 * largest single cost of decoding blocks.
 */
final class KeyInterner {
  /**
   * A per-process secret mixed into the table hashes of ids and address keys. Block data's txids
   * are hashes, but an ETL export names its own txids and addresses: without a secret, a crafted
   * file could put every id on one probe run and make the build quadratic (hash flooding). Only
   * table layouts depend on it, never a result.
   */
  static final long SEED = new java.security.SecureRandom().nextLong();

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** {@link #dedupe} works on this many hash ranges, each with a table of its own. */
  private static final int SHARD_BITS = 6;
  /** Keys from which {@link #dedupe} uses several threads. */
  private static final int PARALLEL_KEYS = 1 << 15;

  private byte[] bytes = new byte[1024];
  private int used;
  private int[] off = new int[1025];
  private int[] hashes = new int[1025]; // hash of each key, so that growing never rehashes text
  private int size;
  // keys [0, distinct) are distinct and in the table; keys past it were appended unchecked
  private int distinct;
  // open addressing, load <= 1/2: (hash << 32) | (id + 1), 0 empty; null until needed again
  // after a dedupe. The hash beside the id lets a probe pass over other keys without reading
  // their offsets and bytes, two cache misses each on a large ledger.
  private long[] table = new long[16];

  /** Interns {@code text[from, from+len)}; its id. Keys appended unchecked must be deduped first. */
  int intern(byte[] text, int from, int len) {
    return intern(text, from, len, hash(text, from, len));
  }

  /** {@link #intern(byte[], int, int)} for a key whose {@link #hash} is known already. */
  int intern(byte[] text, int from, int len, int hash) {
    if (distinct != size) {
      throw new IllegalStateException("keys were appended unchecked: dedupe them first");
    }
    if (table == null) {
      table = new long[tableSize(size + 1)];
      fill(table, size);
    }
    int mask = table.length - 1;
    int slot = mix(hash) & mask;
    for (long e; (e = table[slot]) != 0; slot = (slot + 1) & mask) {
      if ((int) (e >>> 32) == hash) {
        int id = (int) e - 1;
        int at = off[id];
        if (off[id + 1] - at == len && keyEquals(bytes, at, text, from, len)) {
          return id;
        }
      }
    }
    int id = add(text, from, len, hash);
    distinct = size;
    table[slot] = entry(hash, id);
    if (size * 2 > table.length) {
      long[] t = new long[table.length * 2];
      fill(t, size);
      table = t;
    }
    return id;
  }

  /** Stores a key at the end, with no check: its id. */
  private int add(byte[] text, int from, int len, int hash) {
    ensureKeys(size + 1L, (long) used + len);
    System.arraycopy(text, from, bytes, used, len);
    used += len;
    int id = size++;
    off[id + 1] = used;
    hashes[id] = hash;
    return id;
  }

  private void ensureKeys(long keys, long arenaBytes) {
    if (arenaBytes > bytes.length) {
      bytes = Arrays.copyOf(bytes, Capacity.grown(arenaBytes, bytes.length, 1, "bytes of address keys"));
    }
    if (keys + 1 > off.length) {
      int cap = Capacity.grown(keys + 1, off.length, 1, "addresses");
      off = Arrays.copyOf(off, cap);
      hashes = Arrays.copyOf(hashes, cap);
    }
  }

  /**
   * Adds every key of {@code other} after the keys held, unchecked: key {@code i} of {@code other}
   * gets id {@code base + i}, where {@code base} is the value returned. Some may equal keys held
   * already; {@link #dedupe} maps them to the first.
   */
  int appendAll(KeyInterner other) {
    return appendAll(List.of(other), false)[0];
  }

  /**
   * {@link #appendAll(KeyInterner)} for each of {@code others} in order, copied on several threads
   * if {@code parallel}: the id base of each.
   */
  int[] appendAll(List<KeyInterner> others, boolean parallel) {
    int count = others.size();
    int[] base = new int[count + 1];
    int[] byteBase = new int[count + 1];
    base[0] = size;
    byteBase[0] = used;
    long keys = size;
    long arena = used;
    for (int p = 0; p < count; p++) {
      keys += others.get(p).size;
      arena += others.get(p).used;
    }
    ensureKeys(keys, arena);
    for (int p = 0; p < count; p++) {
      base[p + 1] = base[p] + others.get(p).size;
      byteBase[p + 1] = byteBase[p] + others.get(p).used;
    }
    IntStream parts = IntStream.range(0, count);
    (parallel ? parts.parallel() : parts).forEach(p -> {
      KeyInterner other = others.get(p);
      System.arraycopy(other.bytes, 0, bytes, byteBase[p], other.used);
      for (int i = 1; i <= other.size; i++) {
        off[base[p] + i] = byteBase[p] + other.off[i];
      }
      System.arraycopy(other.hashes, 0, hashes, base[p], other.size);
    });
    size = base[count];
    used = byteBase[count];
    return base;
  }

  /** Whether keys were appended unchecked since the last {@link #dedupe}. */
  boolean hasUnchecked() {
    return distinct != size;
  }

  /**
   * Drops every key that equals an earlier one and renumbers the rest densely, keeping their
   * order: the ids then are exactly those {@link #intern}ing every key one by one would have given.
   * Returns the new id of every old id, for the caller's references.
   *
   * <p>How: keys are grouped by {@code 2^SHARD_BITS} ranges of their hash (a counting sort, which
   * keeps each group in id order), and each group is deduplicated with a table of its own, small
   * enough to stay in the cache, on several threads for many keys. Then one pass in id order
   * numbers the first copies and compacts the arena.
   */
  int[] dedupe() {
    int n = size;
    int[] first = firstCopies();
    int next = 0;
    int at = 0;
    for (int id = 0; id < n; id++) {
      int f = first[id];
      if (f != id) {
        first[id] = first[f]; // f < id: renumbered already
        continue;
      }
      // keys only move left: the arena, offsets and hashes are compacted in place
      int from = off[id];
      int len = off[id + 1] - from;
      System.arraycopy(bytes, from, bytes, at, len);
      hashes[next] = hashes[id];
      off[next] = at;
      at += len;
      first[id] = next++;
    }
    off[next] = at;
    used = at;
    size = next;
    distinct = next;
    table = null; // built again if intern is called
    return first;
  }

  /** For every key, the id of the first key equal to it (itself for a first copy). */
  private int[] firstCopies() {
    int n = size;
    int shards = n >= PARALLEL_KEYS ? 1 << SHARD_BITS : 1;
    int shift = 32 - SHARD_BITS;
    int[] start = new int[shards + 1];
    for (int id = 0; id < n; id++) {
      start[shardOf(id, shards, shift) + 1]++;
    }
    for (int s = 0; s < shards; s++) {
      start[s + 1] += start[s];
    }
    // each group: (hash << 32) | id, in id order
    long[] grouped = new long[n];
    int[] fillAt = Arrays.copyOf(start, shards);
    for (int id = 0; id < n; id++) {
      grouped[fillAt[shardOf(id, shards, shift)]++] = entry(hashes[id], id);
    }
    int[] first = new int[n];
    IntStream groups = IntStream.range(0, shards);
    (shards > 1 ? groups.parallel() : groups).forEach(s -> firstCopies(grouped, start[s], start[s + 1], first));
    return first;
  }

  private int shardOf(int id, int shards, int shift) {
    return shards == 1 ? 0 : mix(hashes[id]) >>> shift;
  }

  /** Dedupes {@code grouped[from, to)} (one hash range, in id order) into {@code first}. */
  private void firstCopies(long[] grouped, int from, int to, int[] first) {
    long[] t = new long[tableSize(to - from)];
    int mask = t.length - 1;
    for (int j = from; j < to; j++) {
      long e = grouped[j];
      int hash = (int) (e >>> 32);
      int id = (int) e - 1;
      int keyAt = off[id];
      int len = off[id + 1] - keyAt;
      int slot = mix(hash) & mask; // low bits: the group came from the high ones
      int found = id;
      for (long o; (o = t[slot]) != 0; slot = (slot + 1) & mask) {
        if ((int) (o >>> 32) == hash) {
          int other = (int) o - 1;
          int otherAt = off[other];
          if (off[other + 1] - otherAt == len && keyEquals(bytes, otherAt, bytes, keyAt, len)) {
            found = other;
            break;
          }
        }
      }
      if (found == id) {
        t[slot] = e;
      }
      first[id] = found;
    }
  }

  private static long entry(int hash, int id) {
    return ((long) hash << 32) | (id + 1L);
  }

  /** Forgets every key added after the first {@code keep} (a rolled-back block). */
  void truncate(int keep) {
    if (keep >= size) {
      return;
    }
    size = keep;
    used = off[keep];
    if (keep < distinct) {
      distinct = keep;
      if (table != null) {
        Arrays.fill(table, 0);
        fill(table, keep);
      }
    }
  }

  /** Puts ids {@code [0, count)} into the empty table {@code t} (slots from the kept hashes). */
  private void fill(long[] t, int count) {
    int mask = t.length - 1;
    for (int id = 0; id < count; id++) {
      int h = mix(hashes[id]) & mask;
      while (t[h] != 0) {
        h = (h + 1) & mask;
      }
      t[h] = entry(hashes[id], id);
    }
  }

  int size() {
    return size;
  }

  int offset(int id) {
    return off[id];
  }

  byte[] bytes() {
    return Arrays.copyOf(bytes, used);
  }

  /** The offsets array itself (entries past {@code size() + 1} unused): for a packed copy. */
  int[] offsetsNoCopy() {
    return off;
  }

  /**
   * Lets go of the arena, offsets, hashes and table, keeping only the count: for a builder whose
   * keys a ledger has copied. Nothing but {@link #size} may be called afterwards.
   */
  void release() {
    bytes = null;
    off = null;
    hashes = null;
    table = null;
  }

  /** The {@link #hash} of key {@code id}. */
  int hash(int id) {
    return hashes[id];
  }

  /**
   * The interner's and the ledger's lookups' common hash of an address key, 8 bytes a step (keys
   * are 21–33 bytes of hash, or text); {@link #mix} spreads it over a table.
   */
  static int hash(byte[] b, int from, int len) {
    long h = (SEED + len) * 0x9E3779B97F4A7C15L;
    int end = from + len;
    if (len < 8) {
      long tail = 0;
      for (int p = from, shift = 0; p < end; p++, shift += 8) {
        tail |= (b[p] & 0xffL) << shift;
      }
      h = (h ^ tail) * 0x165667B19E3779F9L;
      return (int) (h ^ (h >>> 32));
    }
    for (int p = from; p + 8 < end; p += 8) {
      h = (h ^ (long) LONGS.get(b, p)) * 0xC2B2AE3D27D4EB4FL;
      h ^= h >>> 29;
    }
    // the last 8 bytes, overlapping the words above when len is not a multiple of 8: no byte loop
    h = (h ^ (long) LONGS.get(b, end - 8)) * 0x165667B19E3779F9L;
    return (int) (h ^ (h >>> 32));
  }

  /**
   * {@code a[aFrom, aFrom+len) == b[bFrom, bFrom+len)}, 8 bytes a step: address keys are 21–33
   * bytes, where {@code Arrays.equals} on ranges costs more in set-up than in comparing.
   */
  static boolean keyEquals(byte[] a, int aFrom, byte[] b, int bFrom, int len) {
    if (len < 8) {
      return Arrays.equals(a, aFrom, aFrom + len, b, bFrom, bFrom + len);
    }
    for (int i = 0; i + 8 < len; i += 8) {
      if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
        return false;
      }
    }
    return (long) LONGS.get(a, aFrom + len - 8) == (long) LONGS.get(b, bFrom + len - 8);
  }

  /**
   * MurmurHash3's finaliser. Linear probing needs well-spread slots: String-style hashes of
   * similar addresses (or test names such as a1, a2, ...) are nearly sequential, and a weak mix
   * turned them into one long probe run (quadratic build time).
   */
  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** A power-of-two table for {@code n} entries at a load of at most 1/2. */
  static int tableSize(int n) {
    int cap = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
    return Math.max(cap, 8);
  }
}
