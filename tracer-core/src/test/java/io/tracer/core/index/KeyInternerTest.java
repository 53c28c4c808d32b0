package io.tracer.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyInterner}: keys appended unchecked and deduped afterwards get exactly the ids, arena
 * and hashes that interning them one by one gives.
 */
class KeyInternerTest {

  /** Keys of the lengths address keys have (21 and 33 bytes), text (< 8 bytes), reused often. */
  private static List<byte[]> keys(int count, int distinct, long seed) {
    Random r = new Random(seed);
    List<byte[]> pool = new ArrayList<>(distinct);
    for (int i = 0; i < distinct; i++) {
      byte[] k = new byte[switch (i % 3) { case 0 -> 21; case 1 -> 33; default -> 1 + i % 7; }];
      r.nextBytes(k);
      pool.add(k);
    }
    // a key and its own prefix: equal first bytes, different lengths
    pool.set(1, java.util.Arrays.copyOf(pool.get(0), 20));
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      // reuse skewed towards a few hot keys, as hot wallets are
      out.add(pool.get(r.nextInt(4) == 0 ? r.nextInt(Math.min(50, distinct)) : r.nextInt(distinct)));
    }
    return out;
  }

  /** The keys in parts of {@code partSize}, each interned within itself, appended to one interner. */
  private static int[] appendInParts(KeyInterner into, List<byte[]> keys, int partSize) {
    int[] ref = new int[keys.size()];
    for (int from = 0; from < keys.size(); from += partSize) {
      KeyInterner part = new KeyInterner();
      int to = Math.min(keys.size(), from + partSize);
      int[] local = new int[to - from];
      for (int i = from; i < to; i++) {
        byte[] k = keys.get(i);
        local[i - from] = part.intern(k, 0, k.length);
      }
      int base = into.appendAll(part);
      for (int i = from; i < to; i++) {
        ref[i] = base + local[i - from];
      }
    }
    return ref;
  }

  private static void assertSameKeys(KeyInterner expected, KeyInterner got) {
    assertEquals(expected.size(), got.size(), "distinct keys");
    assertArrayEquals(expected.bytes(), got.bytes(), "arena");
    for (int id = 0; id < expected.size(); id++) {
      assertEquals(expected.offset(id), got.offset(id), "offset of " + id);
      assertEquals(expected.hash(id), got.hash(id), "hash of " + id);
    }
    assertEquals(expected.offset(expected.size()), got.offset(got.size()), "end of the arena");
  }

  private static void dedupe_afterAppends_givesTheIdsOfInterningOneByOne(int count, int distinct, int partSize) {
    List<byte[]> keys = keys(count, distinct, count);
    KeyInterner oneByOne = new KeyInterner();
    int[] expectedIds = new int[count];
    for (int i = 0; i < count; i++) {
      expectedIds[i] = oneByOne.intern(keys.get(i), 0, keys.get(i).length);
    }
    KeyInterner joined = new KeyInterner();
    int[] ref = appendInParts(joined, keys, partSize);
    assertTrue(joined.hasUnchecked());
    int[] newId = joined.dedupe();
    assertFalse(joined.hasUnchecked());
    for (int i = 0; i < count; i++) {
      assertEquals(expectedIds[i], newId[ref[i]], "key " + i);
    }
    assertSameKeys(oneByOne, joined);
    // interning goes on after a dedupe: known keys keep their ids, a new one comes next
    for (int i = 0; i < count; i += 97) {
      assertEquals(expectedIds[i], joined.intern(keys.get(i), 0, keys.get(i).length));
    }
    byte[] fresh = "not-seen-before".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(oneByOne.size(), joined.intern(fresh, 0, fresh.length));
  }

  @Test
  void dedupe_fewKeys_oneTable() {
    dedupe_afterAppends_givesTheIdsOfInterningOneByOne(2_000, 300, 64);
  }

  @Test
  void dedupe_manyKeys_hashRangesOnSeveralThreads() {
    // past the threshold from which keys are grouped by hash range and deduped in parallel
    dedupe_afterAppends_givesTheIdsOfInterningOneByOne(120_000, 60_000, 1_500);
  }

  @Test
  void intern_whileKeysAreUnchecked_isRefused() {
    KeyInterner k = new KeyInterner();
    KeyInterner part = new KeyInterner();
    part.intern(new byte[] {1, 2, 3}, 0, 3);
    k.appendAll(part);
    assertThrows(IllegalStateException.class, () -> k.intern(new byte[] {1, 2, 3}, 0, 3));
    k.dedupe();
    assertEquals(0, k.intern(new byte[] {1, 2, 3}, 0, 3));
  }

  @Test
  void truncate_dropsUncheckedKeys_andKeptKeysStayFindable() {
    KeyInterner k = new KeyInterner();
    byte[] a = {10, 11};
    byte[] b = {20, 21, 22};
    assertEquals(0, k.intern(a, 0, a.length));
    assertEquals(1, k.intern(b, 0, b.length));
    KeyInterner part = new KeyInterner();
    part.intern(b, 0, b.length);
    part.intern(new byte[] {30}, 0, 1);
    assertEquals(2, k.appendAll(part));
    k.truncate(2); // back to before the append
    assertFalse(k.hasUnchecked());
    assertEquals(1, k.intern(b, 0, b.length));
    k.truncate(1); // below the checked keys: b goes, a stays
    assertEquals(0, k.intern(a, 0, a.length));
    assertEquals(1, k.intern(b, 0, b.length), "b is new again");
    assertEquals(2, k.size());
  }
}
