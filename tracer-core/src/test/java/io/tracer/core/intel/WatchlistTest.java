package io.tracer.core.intel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.cluster.AddressClustering;
import io.tracer.core.cluster.Clustering;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.testing.Txs;
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
  void lookup_oneAddressManyLabelsAddedTwice_eachOnceInLabelOrder() {
    Address a = Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    Address b = Address.of(Chain.BITCOIN, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h");
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      labels.add(label(i % 3 == 0 ? Category.SANCTIONS : Category.SCAM, "l" + i));
    }
    Watchlist.Builder builder = Watchlist.builder();
    for (int round = 0; round < 2; round++) {
      for (Label l : labels) {
        builder.add(a, l);
      }
    }
    builder.add(b, labels.get(7)).add(b, labels.get(3)).add(b, labels.get(7));
    Watchlist w = builder.build();
    List<Label> expected = new ArrayList<>(labels);
    expected.sort(Label.ORDER);
    assertEquals(expected, w.lookup(a));
    assertEquals(List.of(labels.get(3), labels.get(7)), w.lookup(b));
    assertEquals(50_000, w.labelCount());
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

  @Test
  void lookupText_nonAsciiProbeWithTheKeysLowBytes_noMatch() {
    // Keys are compared byte-wise against the low byte of each probe char; a probe char such as
    // U+0131 (low byte 0x31 = '1') must not pass for the key's '1'.
    String key = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
    Watchlist w = Watchlist.builder().add(Address.of(Chain.BITCOIN, key), label(Category.SANCTIONS, "k")).build();
    assertEquals(1, w.lookup(Chain.BITCOIN, key).size());
    int probes = 0;
    for (int pos = 0; pos < key.length(); pos++) {
      for (int high = 1; high < 256; high++) {
        char[] c = key.toCharArray();
        c[pos] = (char) (high << 8 | c[pos]);
        assertTrue(w.lookup(Chain.BITCOIN, new String(c)).isEmpty(), "matched " + pos + "/" + high);
        probes++;
      }
    }
    assertEquals(34 * 255, probes);
  }

  @Test
  void lookup_keysLongerThanTheScratchBuffer_foundExactly() {
    Watchlist.Builder b = Watchlist.builder();
    String base = "x".repeat(200);
    for (int i = 0; i < 100; i++) {
      b.add(Address.of(Chain.BITCOIN, base + i), label(Category.SCAM, "long"));
    }
    Watchlist w = b.build();
    for (int i = 0; i < 100; i++) {
      assertEquals(1, w.lookup(Address.of(Chain.BITCOIN, base + i)).size());
      assertTrue(w.lookup(Address.of(Chain.BITCOIN, base + (i + 100))).isEmpty());
      assertEquals(1, w.lookup(Chain.BITCOIN, base + i).size());
    }
  }

  @Test
  void lookup_hundredThousandKeys_everyPresentFoundNoAbsentFound() {
    // 8-bit slot tags collide often at this size: the key compare must decide every one.
    Watchlist.Builder b = Watchlist.builder();
    for (int i = 0; i < 100_000; i++) {
      b.add(Address.of(Chain.BITCOIN, "k" + i), label(Category.SCAM, "s"));
    }
    Watchlist w = b.build();
    int found = 0;
    for (int i = 0; i < 200_000; i++) {
      if (w.contains(Address.of(Chain.BITCOIN, "k" + i))) {
        assertTrue(i < 100_000, "k" + i);
        found++;
      }
    }
    assertEquals(100_000, found);
    assertFalse(w.contains(Address.of(Chain.LITECOIN, "k1"))); // same text, other chain
  }

  @Test
  void lookupCluster_coSpentWithAFlaggedAddress_returnsTheFlaggedMember() {
    // A and F spend together (multi-input): one cluster. Looking up A finds F's label; C, which
    // only received from them, stays outside.
    UtxoLedger ledger = UtxoLedger.builder(Chain.BITCOIN)
        .add(Txs.tx("cb").height(1).coinbase().out("A", 5_000).out("F", 7_000).build())
        .add(Txs.tx("t").height(2).in("cb", 0, "A", 5_000).in("cb", 1, "F", 7_000).out("C", 11_000).build())
        .build();
    Clustering clustering = AddressClustering.builder().build().run(ledger);
    Watchlist w = Watchlist.builder().add(Txs.addr("F"), label(Category.HUMAN_TRAFFICKING, "ring")).build();

    Map<Address, List<Label>> hits = w.lookupCluster(clustering, Txs.addr("A"));
    assertEquals(List.of(Txs.addr("F")), new ArrayList<>(hits.keySet()));
    assertEquals("ring", hits.get(Txs.addr("F")).get(0).label());
    assertTrue(w.lookup(Txs.addr("A")).isEmpty()); // the address alone is clean
    assertTrue(w.lookupCluster(clustering, Txs.addr("C")).isEmpty());
    // An address the clustering never saw is its own cluster.
    assertTrue(w.lookupCluster(clustering, Txs.addr("unseen")).isEmpty());
    Watchlist w2 = Watchlist.builder().add(Txs.addr("G"), label(Category.SCAM, "g")).build();
    assertEquals(List.of(Txs.addr("G")), new ArrayList<>(w2.lookupCluster(clustering, Txs.addr("G")).keySet()));
  }
}
