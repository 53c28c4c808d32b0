package io.tracer.core.intel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Loaders on the real samples in ../shared/data and on hand-made fixtures. */
class IntelLoaderTest {
  static final Path FIXTURES = Path.of("src/test/resources/intel");

  static Watchlist load(Path p) {
    return Watchlist.builder().load(p).build();
  }

  static Address btc(String a) {
    return Address.of(Chain.BITCOIN, a);
  }

  static Address eth(String a) {
    return Address.of(Chain.ETHEREUM, a);
  }

  @Nested
  class OfacLists {
    @Test
    void load_xbtTxt_keeps434AndReportsTheTronAddressWithLine() {
      Watchlist w = load(SharedData.file("ofac/sanctioned_addresses_XBT.txt"));
      assertEquals(434, w.size());
      assertEquals(1, w.problems().size());
      LoadProblem p = w.problems().get(0);
      assertEquals("sanctioned_addresses_XBT.txt", p.file());
      assertEquals(355, p.line());
      assertTrue(p.message().contains("TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq"), p.message());
      Label l = w.lookup(btc("123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX")).get(0);
      assertEquals(Category.SANCTIONS, l.category());
      assertEquals("Digital Currency Address - XBT", l.originalCategory());
      assertEquals(Confidence.AUTHORITY_DATA, l.confidence());
      assertEquals(IntelFormat.OFAC_TXT, w.loads().get(0).format());
    }

    @Test
    void load_xbtJson_sameAddressesAsTxt() {
      Watchlist txt = load(SharedData.file("ofac/sanctioned_addresses_XBT.txt"));
      Watchlist json = load(SharedData.file("ofac/sanctioned_addresses_XBT.json"));
      assertEquals(IntelFormat.OFAC_JSON, json.loads().get(0).format());
      assertEquals(txt.size(), json.size());
      txt.forEach((a, l) -> assertTrue(json.contains(a), a.toString()));
    }

    @Test
    void load_ethTxt_matchesCaseInsensitively() {
      Watchlist w = load(SharedData.file("ofac/sanctioned_addresses_ETH.txt"));
      assertEquals(152, w.size());
      assertTrue(w.contains(eth("0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1")));
      assertTrue(w.contains(eth("0x01E2919679362DFBC9EE1644BA9C6DA6D6245BB1")));
    }

    @Test
    void load_usdt_assignsChainFromAddressShape() {
      Watchlist w = load(SharedData.file("ofac/sanctioned_addresses_USDT.txt"));
      assertEquals(26, w.size());
      assertEquals(8, w.stats().addressesByChain().get(Chain.ETHEREUM));
      assertEquals(11, w.stats().addressesByChain().get(Chain.TRON));
      assertEquals(7, w.stats().addressesByChain().get(Chain.BITCOIN));
      assertTrue(w.contains(eth("0x175d44451403Edf28469dF03A9280c1197ADb92c")));
    }

    @Test
    void load_xmr_reportsTheHexEntryAndKeepsTheTwoAddresses() {
      Watchlist w = load(SharedData.file("ofac/sanctioned_addresses_XMR.txt"));
      assertEquals(2, w.size());
      assertEquals(1, w.problems().size());
      assertEquals(2, w.problems().get(0).line());
    }

    @Test
    void load_everyOfacFile_noFileFailsAndEverySymbolMapsToAChain() throws Exception {
      Watchlist.Builder b = Watchlist.builder();
      try (Stream<Path> s = Files.list(SharedData.file("ofac"))) {
        s.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(b::load);
      }
      Watchlist w = b.build();
      assertEquals(17, w.loads().size());
      assertEquals(2, w.problems().size()); // the Tron address in XBT, the hex string in XMR
      assertEquals(7, w.stats().addressesByChain().get(Chain.BITCOIN_CASH));
      assertEquals(1, w.stats().addressesByChain().get(Chain.RIPPLE));
    }

    @Test
    void load_bch_cashAddrMatchesWithOrWithoutPrefixInEitherCase() {
      Watchlist w = load(SharedData.file("ofac/sanctioned_addresses_BCH.txt"));
      assertEquals(7, w.size());
      assertEquals(0, w.problems().size());
      String bare = "qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq";
      for (String form : List.of(bare, "bitcoincash:" + bare, "BITCOINCASH:" + bare.toUpperCase(),
          bare.toUpperCase(), "bitcoinCash:" + bare)) {
        assertTrue(w.contains(Address.of(Chain.BITCOIN_CASH, form)), form);
        assertEquals(1, w.lookup(Chain.BITCOIN_CASH, form).size(), form);
      }
      assertTrue(w.contains(Address.parse("bitcoin-cash:bitcoincash:" + bare, null)));
      assertTrue(w.contains(Address.of(Chain.BITCOIN_CASH, "18M8bJWMzWHDBMxoLqjHHAffdRy4SrzkfB")));
      assertTrue(w.lookup(Chain.BITCOIN_CASH, "18m8bjwmzwhdbmxolqjhhaffdry4srzkfb").isEmpty());
    }

    @Test
    void load_bchListInThreeSpellings_oneEntry() {
      String bare = "qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq";
      String list = bare + "\nbitcoincash:" + bare + "\n" + bare.toUpperCase() + "\n";
      Watchlist.Builder b = Watchlist.builder();
      LoadSummary s = IntelLoader.load(new java.io.ByteArrayInputStream(list.getBytes()),
          "sanctioned_addresses_BCH.txt", IntelLoader.Options.DEFAULT, b);
      assertEquals(3, s.accepted());
      Watchlist w = b.build();
      assertEquals(1, w.size());
      w.forEach((a, l) -> assertEquals(bare, a.value()));
    }

    @Test
    void load_zec_realListKeptGarbageReportedWithLines() {
      assertEquals(3, load(SharedData.file("ofac/sanctioned_addresses_ZEC.txt")).size());
      String list = "t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUWL\nz\nzzzz-not-an-address\n"
          + "u1<script>alert(1)</script>\nZS1MRHC9Y7JDH5R9ECE8U5KHGVJ9KG0ZGKXZDDUYV0WHKG7LKCRKX5XQEM3E48AVJQ9WN2RUKYDKWN\n";
      Watchlist.Builder b = Watchlist.builder();
      IntelLoader.load(new java.io.ByteArrayInputStream(list.getBytes()),
          "sanctioned_addresses_ZEC.txt", IntelLoader.Options.DEFAULT, b);
      assertEquals(List.of(2L, 3L, 4L), b.problems().stream().map(LoadProblem::line).toList());
      Watchlist w = b.build();
      assertEquals(2, w.size());
      String sapling = "zs1mrhc9y7jdh5r9ece8u5khgvj9kg0zgkxzdduyv0whkg7lkcrkx5xqem3e48avjq9wn2rukydkwn";
      assertTrue(w.contains(Address.of(Chain.ZCASH, sapling)));
      assertEquals(1, w.lookup(Chain.ZCASH, sapling.toUpperCase()).size());
    }

    @Test
    void load_plainListWithoutSymbolInName_throwsWithHint() {
      var e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IntelException.class,
              () ->
                  IntelLoader.load(
                      new java.io.ByteArrayInputStream(
                          "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n".getBytes()),
                      "list.txt",
                      IntelLoader.Options.DEFAULT,
                      Watchlist.builder()));
      assertTrue(e.getMessage().contains("sanctioned_addresses_XBT.txt"), e.getMessage());
    }
  }

  @Nested
  class TagPacks {
    @Test
    void load_hydra_headerDefaultsInheritedAndSanctionsInferredFromOfacSource() {
      Watchlist w = load(SharedData.file("graphsense-tagpacks/hydra.yaml"));
      assertEquals(117, w.size());
      List<Label> ls = w.lookup(btc("1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA"));
      assertEquals(2, ls.size());
      Label sanction = ls.get(0);
      Label market = ls.get(1);
      assertEquals(Category.SANCTIONS, sanction.category());
      assertTrue(sanction.originalCategory().contains("inferred"), sanction.originalCategory());
      assertEquals(Category.DARKNET_MARKET, market.category());
      assertEquals("category:market", market.originalCategory());
      assertEquals("Hydra Market", market.label());
      assertEquals(Confidence.AUTHORITY_DATA, market.confidence());
      assertEquals(LocalDate.of(2023, 5, 10), market.date());
      assertEquals("hydramarket", market.actor());
      assertTrue(market.source().startsWith("https://home.treasury.gov/"));
    }

    @Test
    void load_ransomware_tagLabelOverridesAndAbuseMapsToRansomware() {
      Watchlist w = load(SharedData.file("graphsense-tagpacks/ransomware.yaml"));
      assertEquals(7178, w.size());
      Label l = w.lookup(btc("1Lud76Q98VRHCUiyK7XUs7AgFofrqXeP78")).get(0);
      assertEquals(Category.RANSOMWARE, l.category());
      assertEquals("7ev3n", l.label());
      assertEquals(Confidence.FORENSIC, l.confidence());
      assertEquals("abuse:ransomware", l.originalCategory());
    }

    @Test
    void load_walletexplorer_servicesAreServices() {
      Watchlist w = load(SharedData.file("graphsense-tagpacks/walletexplorer.yaml"));
      Address huobi = btc("1vdXJDiDSzeUAoM7eAcWZPhM9wEKmH8dG");
      assertTrue(w.isService(huobi));
      assertEquals(java.util.Set.of(Category.EXCHANGE), w.categories(huobi));
    }

    @Test
    void load_etherscamdb_reportsTheBadBitcoinAddressAndKeepsTheRest() {
      Watchlist w = load(SharedData.file("graphsense-tagpacks/etherscamdb_tagpack.yaml"));
      assertEquals(1, w.problems().size());
      assertEquals(15521, w.problems().get(0).line());
      assertEquals(3116, w.loads().get(0).accepted());
      assertTrue(w.contains(eth("0xD0cC2B24980CBCCA47EF755Da88B220a82291407")));
    }

    @Test
    void load_usdtBlacklist_unknownConceptBlackListMapsToBlocklisted() {
      Watchlist w = load(SharedData.file("graphsense-tagpacks/usdt_blacklist.yaml"));
      assertEquals(774, w.size());
      assertEquals(774, w.stats().addressesByCategory().get(Category.BLOCKLISTED));
    }

    @Test
    void load_allPacksAndOfacLists_loadsInSeconds() throws Exception {
      Watchlist.Builder b = Watchlist.builder();
      for (String dir : List.of("graphsense-tagpacks", "ofac")) {
        try (Stream<Path> s = Files.list(SharedData.file(dir))) {
          s.filter(p -> !p.toString().endsWith(".json")).sorted().forEach(b::load);
        }
      }
      Watchlist w = b.build();
      assertEquals(31 + 17, w.loads().size());
      assertTrue(w.size() > 70_000, "size " + w.size());
      // An address on both the OFAC list and in the INTERPOL OFAC TagPack carries both labels.
      assertTrue(w.lookup(btc("12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")).size() >= 2);
    }
  }

  @Nested
  class SdnXml {
    @Test
    void load_advancedFixture_mapsFeatureTypesAndNamesParties() {
      Watchlist w = load(FIXTURES.resolve("SDN_ADVANCED_sample.xml"));
      assertEquals(IntelFormat.SDN_ADVANCED_XML, w.loads().get(0).format());
      assertEquals(3, w.size());
      Label l = w.lookup(btc("12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")).get(0);
      assertEquals("GHADDAR, Ali Khalil", l.label());
      assertEquals("Digital Currency Address - XBT", l.originalCategory());
      assertTrue(w.contains(Address.of(Chain.TRON, "TEAqwfMhXLaomXhZ8KeMhx3njGmQEDnsUR")));
      assertEquals(2, w.problems().size()); // bad checksum, NEO has no chain
      assertEquals(65, w.problems().get(0).line());
    }

    @Test
    void load_classicFixture_readsIdTypeAndPrograms() {
      Watchlist w = load(FIXTURES.resolve("sdn_classic_sample.xml"));
      assertEquals(IntelFormat.SDN_XML, w.loads().get(0).format());
      assertEquals(2, w.size());
      Label l = w.lookup(eth("0x2f389ce8bd8ff92de3402ffce4691d17fc4f6535")).get(0);
      assertEquals("SUEX OTC, S.R.O.", l.label());
      assertTrue(l.source().contains("CYBER2"));
      assertEquals(LocalDate.of(2024, 9, 27), l.date());
      assertEquals(1, w.problems().size());
    }
  }

  @Nested
  class MispStixCsv {
    @Test
    void load_mispEvent_attributesAndCoinAddressObjectsWithGalaxyCategory() {
      Watchlist w = load(FIXTURES.resolve("misp_event.json"));
      assertEquals(IntelFormat.MISP, w.loads().get(0).format());
      assertEquals(3, w.size());
      Label l = w.lookup(btc("1E38kt7ryhbRXUzbam6iQ6sd93VHUUdjEE")).get(0);
      assertEquals(Category.RANSOMWARE, l.category());
      assertEquals("Ransomware campaign payment wallets", l.label());
      assertTrue(l.source().contains("CIRCL"));
      assertTrue(w.contains(btc("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")));
      assertTrue(w.contains(eth("0x175d44451403edf28469df03a9280c1197adb92c")));
      assertEquals(1, w.problems().size());
      assertTrue(w.problems().get(0).message().contains("Attribute[1]"));
    }

    @Test
    void load_stixBundle_walletsIndicatorsAndIndicatedMalware() {
      Watchlist w = load(FIXTURES.resolve("stix_bundle.json"));
      assertEquals(IntelFormat.STIX, w.loads().get(0).format());
      assertEquals(
          java.util.Set.of(Category.DARKNET_MARKET),
          w.categories(btc("1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA")));
      assertEquals(
          java.util.Set.of(Category.SEXTORTION),
          w.categories(btc("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0")));
      assertTrue(w.categories(btc("1Lud76Q98VRHCUiyK7XUs7AgFofrqXeP78")).contains(Category.RANSOMWARE));
      assertEquals(75, w.lookup(eth("0x2f389ce8bd8ff92de3402ffce4691d17fc4f6535")).get(0).confidence().level());
      assertEquals(1, w.problems().size());
    }

    @Test
    void load_csv_goodRowsKeptBadRowsReportedWithLines() {
      Watchlist w = load(FIXTURES.resolve("sample.csv"));
      assertEquals(IntelFormat.CSV, w.loads().get(0).format());
      assertEquals(5, w.size());
      assertEquals(
          List.of(5L, 6L, 7L, 8L, 11L), w.problems().stream().map(LoadProblem::line).toList());
      Label l = w.lookup(btc("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")).get(0);
      assertEquals(Category.HUMAN_TRAFFICKING, l.category());
      assertEquals("Trafficking ring \"A\"", l.label());
      assertEquals(90, l.confidence().level());
      assertEquals(LocalDate.of(2024, 1, 5), l.date());
    }
  }

  @Test
  void detect_stixBundleLabelledEvent_isStixNotMisp() {
    String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":"
        + "\"cryptocurrency-wallet\",\"value\":\"1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA\",\"labels\":[\"Event\"]}]}";
    assertEquals(IntelFormat.STIX, IntelLoader.detect(bundle.getBytes(), "x.json").orElseThrow());
    String list = "[{\"type\":\"indicator\",\"id\":\"i--1\",\"description\":\"\\\"Event\\\"\"}]";
    assertEquals(IntelFormat.STIX, IntelLoader.detect(list.getBytes(), "x.json").orElseThrow());
    assertEquals(IntelFormat.MISP,
        IntelLoader.detect("{\"response\":[{\"Event\":{}}]}".getBytes(), "x").orElseThrow());
  }

  @Test
  void load_csvColumnsInAnotherOrder_detectedAndRead() {
    String csv = "# tracer CSV, columns reordered\n"
        + "\"confidence\",\"source\",\"label\",\"category\",\"chain\",\"address\"\n"
        + "60,https://ofac.treasury.gov,\"Lazarus, \"\"APT38\"\"\",sanctions,ethereum,"
        + "0x098B716B8Aaf21512996dC57EB0615e2383E2f96\n";
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s = IntelLoader.load(new java.io.ByteArrayInputStream(csv.getBytes()), "intel.csv",
        IntelLoader.Options.DEFAULT, b);
    assertEquals(IntelFormat.CSV, s.format());
    assertEquals("Lazarus, \"APT38\"",
        b.build().lookup(eth("0x098b716b8aaf21512996dc57eb0615e2383e2f96")).get(0).label());
  }

  @Test
  void detect_tagpackWhoseHeaderKeysFollowALongDescription_isATagPack() {
    String pack = "description: " + "x".repeat(10_000) + "\ntitle: t\ncreator: c\ntags: []\n";
    byte[] head = java.util.Arrays.copyOf(pack.getBytes(), 8192); // what load() sniffs
    assertEquals(IntelFormat.TAGPACK, IntelLoader.detect(head, "pack.yaml").orElseThrow());
  }

  @Test
  void detect_eachFixture_rightFormat() {
    assertEquals(IntelFormat.CSV, IntelLoader.detect("address,chain,category\n".getBytes(), "x").orElseThrow());
    assertEquals(IntelFormat.TAGPACK, IntelLoader.detect("title: x\ntags:\n".getBytes(), "x").orElseThrow());
    assertEquals(IntelFormat.OFAC_JSON, IntelLoader.detect("[\"1A\"]".getBytes(), "x").orElseThrow());
    assertEquals(IntelFormat.STIX, IntelLoader.detect("{\"type\":\"bundle\",\"objects\":[]}".getBytes(), "x").orElseThrow());
    assertEquals(IntelFormat.MISP, IntelLoader.detect("{\"Event\":{}}".getBytes(), "x").orElseThrow());
    assertFalse(IntelLoader.detect("{\"foo\":1}".getBytes(), "x").isPresent());
  }
}
