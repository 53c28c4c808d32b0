package io.tracer.core.intel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WatchlistTest {
  static Label label(Category c, String name) {
    return new Label(c, c.id(), name, "src", Confidence.FORENSIC, null, null, "test");
  }

  @Test
  void lookup_sameAddressTwoLabels_bothMostSevereFirstAndDuplicatesDropped() {
    Address a = Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    Watchlist w =
        Watchlist.builder()
            .add(a, label(Category.SCAM, "s"))
            .add(a, label(Category.SANCTIONS, "o"))
            .add(a, label(Category.SCAM, "s"))
            .build();
    assertEquals(1, w.size());
    assertEquals(2, w.labelCount());
    assertEquals(List.of(Category.SANCTIONS, Category.SCAM),
        w.lookup(a).stream().map(Label::category).toList());
  }

  @Test
  void lookup_evmAnyCase_sameEntry_otherChainSameTextIsDifferent() {
    Address eth = Address.of(Chain.ETHEREUM, "0x01E2919679362DFBC9EE1644BA9C6DA6D6245BB1");
    Watchlist w = Watchlist.builder().add(eth, label(Category.SANCTIONS, "x")).build();
    assertTrue(w.contains(Address.of(Chain.ETHEREUM, "0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1")));
    assertFalse(w.contains(Address.of(Chain.BSC, "0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1")));
  }

  @Test
  void lookupText_sameAnswerAsAddress_caseFoldedForEvmAndBech32() {
    Address eth = Address.of(Chain.ETHEREUM, "0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1");
    Address bc = Address.of(Chain.BITCOIN, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    Address b58 = Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    Watchlist w = Watchlist.builder().add(eth, label(Category.SANCTIONS, "e")).add(bc, label(Category.SCAM, "b"))
        .add(b58, label(Category.RANSOMWARE, "r")).build();
    assertEquals(w.lookup(eth), w.lookup(Chain.ETHEREUM, "0x01E2919679362DFBC9EE1644BA9C6DA6D6245BB1"));
    assertEquals(w.lookup(bc), w.lookup(Chain.BITCOIN, "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"));
    assertEquals(w.lookup(b58), w.lookup(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
    assertTrue(w.lookup(Chain.BITCOIN, "1a1zp1ep5qgefi2dmptftl5slmv7divfna").isEmpty()); // Base58 is case-sensitive
    assertTrue(w.lookup(Chain.BITCOIN, "").isEmpty());
  }

  @Test
  void lookup_absent_emptySharedList() {
    Watchlist w = Watchlist.builder().build();
    assertSame(List.of(), w.lookup(Address.of(Chain.BITCOIN, "x")));
    assertEquals(0, w.size());
  }

  @Test
  void lookupAll_cluster_onlyHitsInAddressOrder() {
    Address a = Address.of(Chain.BITCOIN, "b");
    Address b = Address.of(Chain.BITCOIN, "a");
    Address c = Address.of(Chain.BITCOIN, "c");
    Watchlist w = Watchlist.builder().add(a, label(Category.SCAM, "1")).add(b, label(Category.RANSOMWARE, "2")).build();
    assertEquals(List.of(b, a), new ArrayList<>(w.lookupAll(List.of(a, b, c)).keySet()));
  }

  @Test
  void forEach_manyEntries_roundTripsEveryAddressIncludingPseudo() {
    Watchlist.Builder bld = Watchlist.builder();
    Map<Address, Category> expected = new HashMap<>();
    Category[] cats = Category.values();
    for (int i = 0; i < 5_000; i++) {
      Address a = i % 100 == 0 ? Address.pseudo(Chain.BITCOIN, "script", "s" + i) : Address.of(Chain.BITCOIN, "addr" + i);
      bld.add(a, label(cats[i % cats.length], "l" + (i % 7)));
      expected.put(a, cats[i % cats.length]);
    }
    Watchlist w = bld.build();
    assertEquals(5_000, w.size());
    List<Address> seen = new ArrayList<>();
    w.forEach((a, l) -> {
      seen.add(a);
      assertEquals(expected.get(a), l.get(0).category());
    });
    assertEquals(5_000, seen.size());
    List<Address> sorted = new ArrayList<>(seen);
    sorted.sort(null);
    assertEquals(sorted, seen);
    expected.forEach((a, c) -> assertEquals(c, w.lookup(a).get(0).category()));
  }

  @Test
  void lookup_concurrentReaders_sameAnswers() throws Exception {
    Watchlist.Builder bld = Watchlist.builder();
    for (int i = 0; i < 20_000; i++) {
      bld.add(Address.of(Chain.BITCOIN, "k" + i), label(Category.SCAM, "l" + (i % 3)));
    }
    Watchlist w = bld.build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        fs.add(pool.submit(() -> {
          SplittableRandom r = new SplittableRandom(seed);
          long hits = 0;
          for (int i = 0; i < 50_000; i++) {
            int k = r.nextInt(40_000);
            boolean present = w.contains(Address.of(Chain.BITCOIN, "k" + k));
            if (present != (k < 20_000)) {
              throw new AssertionError("wrong answer for k" + k);
            }
            hits += present ? 1 : 0;
          }
          return hits;
        }));
      }
      for (Future<Long> f : fs) {
        assertTrue(f.get() > 0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void builder_afterBuild_rejectsAdds() {
    Watchlist.Builder b = Watchlist.builder();
    b.build();
    assertThrows(IllegalStateException.class, () -> b.add(Address.of(Chain.BITCOIN, "x"), label(Category.SCAM, "x")));
  }

  @Test
  void stats_countsAddressesPerCategoryOnce() {
    Address a = Address.of(Chain.BITCOIN, "a");
    Watchlist w = Watchlist.builder().add(a, label(Category.SCAM, "1")).add(a, label(Category.SCAM, "2")).build();
    assertEquals(1, w.stats().addressesByCategory().get(Category.SCAM));
    assertEquals(1, w.stats().addressesByChain().get(Chain.BITCOIN));
  }
}
