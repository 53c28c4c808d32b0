package io.tracer.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The packed columns of {@link UtxoLedger}: every value round-trips, common or exception. */
class PackedColumnsTest {

  @Test
  void byteCodedInts_roundTripsCommonValuesAndExceptions() {
    int[] values = {-1, -2, -3, 0, 7, Integer.MIN_VALUE, -1, Integer.MAX_VALUE, 0xfffffffc, 0};
    ByteCodedInts c = ByteCodedInts.of(values.length, i -> values[i], -1, -2, -3, 0);
    for (int i = 0; i < values.length; i++) {
      assertEquals(values[i], c.get(i), "entry " + i);
    }
    // 10 codes + 4 common values + 4 exceptions (index and value)
    assertEquals(10 + 16 + 32, c.bytes());
  }

  @Test
  void byteCodedInts_withoutCommonValues_keepsEverythingAsExceptions() {
    ByteCodedInts c = ByteCodedInts.of(3, i -> i * 1000);
    assertEquals(0, c.get(0));
    assertEquals(2000, c.get(2));
  }

  @Test
  void charInts_roundTripsSmallAndLargeValues() {
    int[] values = {0, 1, 0xfffe, 0xffff, 0x10000, 1_000_000, Integer.MAX_VALUE, -1, 400};
    CharInts c = CharInts.of(values.length, i -> values[i]);
    for (int i = 0; i < values.length; i++) {
      assertEquals(values[i], c.get(i), "entry " + i);
    }
    assertEquals(2 * 9 + 8 * 5, c.bytes());
  }

  @Test
  void chunkedInts_narrowAndWideChunks_andUpperBound() {
    int n = 300;
    int[] v = new int[n];
    for (int i = 1; i < n; i++) {
      // chunk 1 (64..127) spans more than a char; others step by 0, 1 or 3
      v[i] = v[i - 1] + (i == 100 ? 70_000 : i % 3);
    }
    ChunkedInts m = ChunkedInts.of(v, n);
    for (int i = 0; i < n; i++) {
      assertEquals(v[i], m.get(i), "entry " + i);
    }
    for (int hi : new int[] {0, 1, 63, 64, 65, 100, 127, 128, 129, 299, 300}) {
      for (int i = 0; i < n; i++) {
        for (int key = v[i] - 1; key <= v[i] + 1; key++) {
          int expected = 0;
          while (expected < hi && v[expected] <= key) {
            expected++;
          }
          assertEquals(expected, m.upperBound(key, hi), "key " + key + ", hi " + hi);
        }
      }
    }
    assertEquals(4 * 5 + 2 * 300 + 4 * 64 + 8, m.bytes(), "one bit per chunk marks the wide ones");
  }

  @Test
  void chunkedInts_roundTripsUnorderedValues_includingUnsignedTimesAndExtremes() {
    int[] v = new int[130];
    for (int i = 0; i < v.length; i++) {
      v[i] = (int) (3_000_000_000L + (i * 7919L) % 60_000); // unsigned epoch seconds, jumbled
    }
    v[70] = Integer.MIN_VALUE; // chunk 1 spans everything: kept wide
    v[71] = Integer.MAX_VALUE;
    v[128] = 0xfffe; // chunk 2: span 0xfffe exactly stays narrow only below WIDE
    v[129] = 0;
    ChunkedInts c = ChunkedInts.of(v, v.length);
    for (int i = 0; i < v.length; i++) {
      assertEquals(v[i], c.get(i), "entry " + i);
    }
  }

  @Test
  void amountColumn_roundTripsSmallRoundAndArbitraryValues() {
    long[] values = {
      0, 1, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 5_000_000_000L, 2_100_000_000_000_000L,
      2_099_999_997_690_000L, 123_456_789_012_345L, Long.MAX_VALUE, 10_000_000_000_000_000L,
      ((1L << 27) - 1) * 1_000_000_000L, ((1L << 27) - 2) * 1_000_000_000L, 1_000_000_000_000_000_000L
    };
    AmountColumn c = AmountColumn.of(values.length, i -> values[i]);
    for (int i = 0; i < values.length; i++) {
      assertEquals(values[i], c.get(i), "entry " + i);
    }
  }

  @Test
  void amountColumn_exceptionsAtWordEdges_eachFoundByItsRank() {
    // exceptions (large, not round) on both sides of 64-entry word edges, a full word of them, and
    // long stretches without any: each is found by the exceptions counted before it
    long[] values = new long[20_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    int[] at = new int[8 + 64];
    int[] edges = {0, 63, 64, 127, 4_095, 4_096, 12_289, 19_999};
    System.arraycopy(edges, 0, at, 0, edges.length);
    for (int i = 0; i < 64; i++) {
      at[8 + i] = 640 + i; // word 10 entirely
    }
    for (int i : at) {
      values[i] = 123_456_789_012_345L + i;
    }
    AmountColumn c = AmountColumn.of(values.length, i -> values[i]);
    for (int i = 0; i < values.length; i++) {
      assertEquals(values[i], c.get(i), "entry " + i);
    }
  }

  @Test
  void blockColumn_oneRunPerBlock_whenDataHasTheUsualShape() {
    // 3 blocks of heights 10, 11, 12 with 2, 70 and 1 transactions
    int[] h = new int[73];
    int[] p = new int[73];
    int[] t = new int[73];
    for (int i = 0; i < 73; i++) {
      int block = i < 2 ? 0 : i < 72 ? 1 : 2;
      h[i] = 10 + block;
      p[i] = i < 2 ? i : i < 72 ? i - 2 : 0;
      t[i] = 1_000 + block * 600;
    }
    BlockColumn c = BlockColumn.of(73, i -> h[i], i -> p[i], i -> t[i]);
    assertEquals(3, c.blocks());
    assertRoundTrip(c, h, p, t);
  }

  @Test
  void blockColumn_oddShapes_roundTripExactly() {
    int[] h = {-1, -1, -1, 5, 5, 5, 5, 6, 8, 8, 8, Integer.MAX_VALUE, -1, 0, 1, 1};
    int[] p = {0, 1, 1, 3, 4, 9, 9, 0, 0, 1, 2, 0, 5, 0, 0, 1};
    int[] t = {0, 0, 0, 7, 7, 7, 7, -1, 9, 9, 10, -2, 3, 3, 4, 4};
    BlockColumn c = BlockColumn.of(h.length, i -> h[i], i -> p[i], i -> t[i]);
    assertRoundTrip(c, h, p, t);
    // runs: [0,1] [2] [3,4] [5] [6] [7] [8,9] [10] [11] [12] [13] [14,15]
    assertEquals(12, c.blocks());
  }

  private static void assertRoundTrip(BlockColumn c, int[] h, int[] p, int[] t) {
    for (int i = 0; i < h.length; i++) {
      assertEquals(h[i], c.height(i), "height " + i);
      assertEquals(p[i], c.position(i), "position " + i);
      assertEquals(t[i], c.time(i), "time " + i);
    }
  }
}
