package io.tracer.core.intel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile intelligence files: XXE, entity expansion, YAML bombs, injection, garbage, size. */
class HostileIntelTest {
  static final Path FIXTURES = Path.of("src/test/resources/intel");

  /**
   * 2^13 strings with one String.hashCode: 13 blocks, each "Aa" or "BB" (equal hash contributions;
   * String.hashCode is linear, so equal blocks in equal places keep the sum). They are not valid
   * addresses, which the watchlist does not check; a hostile feed would list valid ones made the
   * same way with more work (EVM addresses have 40 free hex digits: a meet-in-the-middle search
   * finds thousands with one hash in seconds).
   */
  static List<String> collidingStrings() {
    List<String> out = new ArrayList<>();
    for (int bits = 0; bits < 1 << 13; bits++) {
      StringBuilder sb = new StringBuilder("1");
      for (int b = 0; b < 13; b++) {
        sb.append((bits >> b & 1) == 0 ? "Aa" : "BB");
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void build_thousandsOfAddressesWithOneStringHash_switchToTheKeyedHash() {
    // Linear probing on String.hashCode would put all 8,192 in one run, and building the list or
    // looking any of them up would scan it (quadratic). The build notices the run and places them
    // by a hash keyed with a secret instead; lookups stay exact.
    List<String> evil = collidingStrings();
    assertEquals(1, evil.stream().map(String::hashCode).distinct().count());
    Watchlist.Builder b = Watchlist.builder();
    Label scam = WatchlistTest.label(Category.SCAM, "crafted");
    for (String a : evil) {
      b.add(Address.of(Chain.BITCOIN, a), scam);
    }
    Watchlist w = b.build();
    assertTrue(w.keyed());
    assertEquals(8_192, w.size());
    for (String a : evil) {
      assertEquals(List.of(scam), w.lookup(Address.of(Chain.BITCOIN, a)), a);
      assertEquals(List.of(scam), w.lookup(Chain.BITCOIN, a), a);
    }
    assertTrue(w.lookup(Address.of(Chain.BITCOIN, "1" + "Aa".repeat(12) + "AB")).isEmpty());
    assertTrue(w.lookup(Address.of(Chain.LITECOIN, evil.get(7))).isEmpty());
  }

  @Test
  void build_ordinaryAddresses_keepTheCachedStringHash() {
    Watchlist.Builder b = Watchlist.builder();
    Label scam = WatchlistTest.label(Category.SCAM, "x");
    for (int i = 0; i < 20_000; i++) {
      b.add(Address.of(Chain.ETHEREUM, String.format(java.util.Locale.ROOT, "0x%040x", i * 2_654_435_761L)), scam);
    }
    assertFalse(b.build().keyed());
  }

  @Test
  void load_xxe_refusedWithoutReadingTheEntity() {
    IntelException e =
        assertThrows(IntelException.class, () -> Watchlist.builder().load(FIXTURES.resolve("xxe.xml")));
    assertTrue(e.getMessage().contains("DOCTYPE is refused"), e.getMessage());
    assertFalse(e.getMessage().contains("root:"), "must not leak /etc/passwd");
  }

  @Test
  void load_billionLaughs_refused() {
    IntelException e =
        assertThrows(
            IntelException.class,
            () -> Watchlist.builder().load(FIXTURES.resolve("billion_laughs.xml")));
    assertTrue(e.getMessage().contains("DOCTYPE is refused"), e.getMessage());
  }

  @Test
  void load_yamlAliasBomb_refusedQuickly() {
    IntelException e =
        assertThrows(
            IntelException.class, () -> Watchlist.builder().load(FIXTURES.resolve("yaml_bomb.yaml")));
    assertTrue(e.getMessage().contains("aliases are refused"), e.getMessage());
    assertTrue(e.getMessage().startsWith("yaml_bomb.yaml:4:"), e.getMessage());
  }

  @Test
  void load_yamlLargerThanCodePointLimit_refused() {
    String big = "title: big\ntags:\n" + "- address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n".repeat(100);
    IntelException e =
        assertThrows(
            IntelException.class,
            () ->
                IntelLoader.load(
                    stream(big), "big.yaml",
                    IntelLoader.Options.DEFAULT.withMaxYamlCodePoints(1000), Watchlist.builder()));
    assertTrue(e.getMessage().contains("big.yaml"), e.getMessage());
  }

  @Test
  void load_yamlDeepNesting_refused() {
    String deep = "title: x\nfoo: " + "[".repeat(500) + "]".repeat(500) + "\ntags: []\n";
    assertThrows(
        IntelException.class,
        () -> IntelLoader.load(stream(deep), "deep.yaml", IntelLoader.Options.DEFAULT, Watchlist.builder()));
  }

  @Test
  void load_tagpackWithMarkupAndControlChars_storedAsPlainText() {
    Watchlist w = Watchlist.builder().load(FIXTURES.resolve("tagpack_hostile.yaml")).build();
    Label img = w.lookup(Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")).get(0);
    assertEquals("<img src=x onerror=alert(1)>", img.label());
    Label ht = w.lookup(Address.of(Chain.BITCOIN, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")).get(0);
    assertEquals("line1 line2", ht.label()); // newline and BEL cannot forge log lines
    assertEquals(Category.HUMAN_TRAFFICKING, ht.category());
    // An unquoted 0x address is not turned into a YAML number.
    assertTrue(w.contains(Address.of(Chain.ETHEREUM, "0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1")));
    assertEquals(
        java.util.List.of(11L, 22L, 23L, 26L),
        w.problems().stream().map(LoadProblem::line).toList());
  }

  @Test
  void load_stixWithAHugeString_refusedWithTheFileName_notLoadedIntoMemory() {
    // one 5 MiB label: over the readers' 4 MiB string limit (Jackson's StreamReadConstraints)
    String bundle = "{\"type\": \"bundle\", \"id\": \"bundle--1\", \"objects\": [{\"type\":"
        + " \"cryptocurrency-wallet\", \"value\": \"1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA\","
        + " \"x_opencti_labels\": [\"" + "a".repeat(5 << 20) + "\"]}]}";
    IntelException e = assertThrows(IntelException.class,
        () -> IntelLoader.load(stream(bundle), "huge_stix.json", IntelLoader.Options.DEFAULT, Watchlist.builder()));
    assertTrue(e.getMessage().startsWith("huge_stix.json"), e.getMessage());
    assertTrue(e.getMessage().contains("String value length"), e.getMessage());
    assertTrue(e.getMessage().length() < 2_000, "the message does not echo the string");
  }

  @Test
  void load_mispNestedTooDeep_refusedWithTheFileName() {
    String event = "{\"Event\": {\"info\": \"x\", \"Attribute\": [], \"junk\": "
        + "[".repeat(1000) + "]".repeat(1000) + "}}";
    IntelException e = assertThrows(IntelException.class,
        () -> IntelLoader.load(stream(event), "deep_misp.json", IntelLoader.Options.DEFAULT, Watchlist.builder()));
    assertTrue(e.getMessage().startsWith("deep_misp.json"), e.getMessage());
    assertTrue(e.getMessage().contains("nesting depth (65) exceeds the maximum allowed (64"), e.getMessage());
  }

  @Test
  void load_truncatedJson_throwsWithFileName() {
    IntelException e =
        assertThrows(
            IntelException.class,
            () -> IntelLoader.load(stream("[\"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\", \"1B"),
                "sanctioned_addresses_XBT.json", IntelLoader.Options.DEFAULT, Watchlist.builder()));
    assertTrue(e.getMessage().startsWith("sanctioned_addresses_XBT.json"), e.getMessage());
  }

  @Test
  void load_binaryGarbage_everyLineReportedNothingKept() {
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    for (int i = 0; i < junk.length; i++) {
      if (junk[i] == '<' || junk[i] == '{' || junk[i] == '[') {
        junk[i] = 'x';
      }
    }
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s =
        IntelLoader.load(new ByteArrayInputStream(junk), "sanctioned_addresses_XBT.txt",
            IntelLoader.Options.DEFAULT, b);
    assertEquals(0, s.accepted());
    assertTrue(s.problems() > 0);
    assertEquals(0, b.build().size());
  }

  @Test
  void load_emptyFileWithoutOfacName_saysEmptyNotMissingSymbol() {
    IntelException e = assertThrows(IntelException.class,
        () -> IntelLoader.load(stream(" \n"), "watchlist.csv", IntelLoader.Options.DEFAULT, Watchlist.builder()));
    assertEquals("watchlist.csv: empty file, no intelligence in it", e.getMessage());
  }

  @Test
  void load_emptyOfacListNamedForItsSymbol_isAnEmptyList() {
    LoadSummary s = IntelLoader.load(stream(""), "sanctioned_addresses_XBT.txt", IntelLoader.Options.DEFAULT,
        Watchlist.builder());
    assertEquals(0, s.accepted());
    assertEquals(0, s.problems());
  }

  @Test
  void load_manyBadRows_problemListCappedButCounted() {
    String rows = "address,chain,category,label,source,confidence\n" + "bad,bitcoin,scam,x,y,50\n".repeat(50);
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s =
        IntelLoader.load(stream(rows), "f.csv",
            new IntelLoader.Options(null, null, 1 << 20, 1 << 20, 10), b);
    assertEquals(50, s.problems());
    assertEquals(11, b.problems().size()); // 10 listed + "more than 10"
  }

  @Test
  void load_mispLargerThanTreeLimit_refused() {
    String big = "{\"Event\":{\"info\":\"" + "x".repeat(5000) + "\"}}";
    assertThrows(
        IntelException.class,
        () -> IntelLoader.load(stream(big), "e.json",
            IntelLoader.Options.DEFAULT.withMaxTreeBytes(1000), Watchlist.builder()));
  }

  @Test
  void load_bidiOverrideInLabel_neutralised() {
    String csv = "address,chain,category,label,source,confidence\n"
        + "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,bitcoin,scam,pay\u202Egnp.exe,feed,50\n";
    Watchlist.Builder b = Watchlist.builder();
    IntelLoader.load(stream(csv), "bidi.csv", IntelLoader.Options.DEFAULT, b);
    assertEquals("pay gnp.exe",
        b.build().lookup(Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")).get(0).label());
  }

  @Test
  void load_csvInjectionLabel_keptVerbatimAsText() {
    Watchlist w = Watchlist.builder().load(FIXTURES.resolve("sample.csv")).build();
    assertEquals(
        "=HYPERLINK(\"http://evil\")",
        w.lookup(Address.of(Chain.BITCOIN, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")).get(0).label());
  }

  @Test
  void load_csvLineOfTwentyMegabytesWithoutBreak_reportedWithLineNeighboursKept() {
    String head = "address,chain,category,label,source,confidence\n"
        + "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,bitcoin,scam,a,s,50\n";
    String tail = "\nbc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4,bitcoin,ransomware,b,s,50\n";
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s =
        IntelLoader.load(new HugeLine(head, 20 << 20, tail), "huge.csv", IntelLoader.Options.DEFAULT, b);
    assertEquals(2, s.accepted());
    assertEquals("huge.csv:3: line longer than 65536 characters", b.problems().get(0).toString());
    assertEquals(2, b.build().size());
  }

  @Test
  void load_ofacListWithAnOverlongLine_reportedWithLineNeighboursKept() {
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s =
        IntelLoader.load(new HugeLine("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n", 1 << 20,
                "\n12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h\n"), "sanctioned_addresses_XBT.txt",
            IntelLoader.Options.DEFAULT, b);
    assertEquals(2, s.accepted());
    assertEquals("sanctioned_addresses_XBT.txt:2: line longer than 4096 characters",
        b.problems().get(0).toString());
  }

  @Test
  void load_stixPatternWithAVeryLongLiteral_reportedNotAStackOverflow() {
    // the old regex recursed once per literal character and overflowed at about 1,500
    String bundle = "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"i--1\","
        + "\"pattern\":\"[cryptocurrency-wallet:value = '" + "a".repeat(100_000) + "']\"},"
        + "{\"type\":\"indicator\",\"id\":\"i--2\",\"pattern\":"
        + "\"[cryptocurrency-wallet:value = 'it\\\\'s'] OR [cryptocurrency-wallet:address = "
        + "'1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA']\"}]}";
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s = IntelLoader.load(stream(bundle), "long.json", IntelLoader.Options.DEFAULT, b);
    assertEquals(1, s.accepted());
    assertEquals(
        List.of("long.json:1: cannot tell the chain of '" + "a".repeat(67) + "...'",
            "long.json:1: cannot tell the chain of 'it's'"),
        b.problems().stream().map(LoadProblem::toString).toList());
    assertTrue(b.build().contains(Address.of(Chain.BITCOIN, "1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA")));
  }

  @Test
  void load_stixPatternLongerThanTheCap_countedAndSkipped() {
    String bundle = "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"pattern\":"
        + "\"[cryptocurrency-wallet:value = '1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA'] OR "
        + "x".repeat(StixReader.MAX_PATTERN) + "\"}]}";
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s = IntelLoader.load(stream(bundle), "cap.json", IntelLoader.Options.DEFAULT, b);
    assertEquals(0, s.accepted());
    assertEquals("cap.json:1: indicator pattern longer than 1048576 characters",
        b.problems().get(0).toString());
  }

  private static final String CSV_HEAD = "address,chain,category,label,source,confidence\n";

  @Test
  void load_csvLabelSpanningLines_oneRecordNotAPhantomRowFromItsContinuation() {
    // the continuation line used to be read as a row of its own and flagged 12QtD5…
    String csv = CSV_HEAD
        + "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,bitcoin,scam,\"Victim report: funds went to\n"
        + "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h,bitcoin,child_sexual_abuse,per note\",analyst,50\n";
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s = IntelLoader.load(stream(csv), "multi.csv", IntelLoader.Options.DEFAULT, b);
    assertEquals(1, s.accepted());
    assertEquals(0, s.problems());
    Watchlist w = b.build();
    assertFalse(w.contains(Address.of(Chain.BITCOIN, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")));
    Label l = w.lookup(Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")).get(0);
    assertEquals(Category.SCAM, l.category());
    assertEquals("Victim report: funds went to 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h,bitcoin,"
        + "child_sexual_abuse,per note", l.label());
  }

  @Test
  void load_csvStrayQuote_thatRowReportedTheRowsAfterItKept() {
    // The stray quote on line 2 pairs with the opening quote on line 4; joined, lines 2-4 would
    // hide line 3 inside a label. The text after that "closing" quote gives it away, and lines 3
    // and 4 are read again on their own.
    String csv = CSV_HEAD
        + "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,bitcoin,scam,\"typo,feed,50\n"
        + "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h,bitcoin,sanctions,OFAC,feed,60\n"
        + "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy,bitcoin,sanctions,\"Lazarus, APT38\",feed,60\n";
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s = IntelLoader.load(stream(csv), "stray.csv", IntelLoader.Options.DEFAULT, b);
    assertEquals(List.of("stray.csv:2: text after a closing quote"),
        b.problems().stream().map(LoadProblem::toString).toList());
    assertEquals(2, s.accepted());
    Watchlist w = b.build();
    assertFalse(w.contains(Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")));
    assertTrue(w.contains(Address.of(Chain.BITCOIN, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")));
    assertEquals("Lazarus, APT38",
        w.lookup(Address.of(Chain.BITCOIN, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")).get(0).label());
  }

  @Test
  void load_csvQuoteNotClosedBeforeTheEnd_reportedAndTheLinesAfterReadAsRows() {
    String csv = CSV_HEAD + "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,bitcoin,scam,\"open,feed,50\n"
        + "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h,bitcoin,sanctions,OFAC,feed,60\n";
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s = IntelLoader.load(stream(csv), "eof.csv", IntelLoader.Options.DEFAULT, b);
    assertEquals(1, s.accepted());
    assertEquals(List.of("eof.csv:2: quoted field not closed before the end of the file"),
        b.problems().stream().map(LoadProblem::toString).toList());
    assertTrue(b.build().contains(Address.of(Chain.BITCOIN, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")));
  }

  @Test
  void load_csvQuotedFieldOverTheRecordCap_reportedAndItsLinesReadAgainAlone() {
    String filler = ("x".repeat(99) + "\n").repeat(CsvReader.MAX_LINE / 100);
    String csv = CSV_HEAD + "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,bitcoin,scam,\"long\n"
        + "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h,bitcoin,sanctions,OFAC,feed,60\n" + filler
        + "end\",feed,50\n";
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s = IntelLoader.load(stream(csv), "cap.csv", IntelLoader.Options.DEFAULT, b);
    List<String> problems = b.problems().stream().map(LoadProblem::toString).toList();
    assertEquals("cap.csv:2: quoted field not closed within 65536 characters", problems.get(0));
    assertEquals("cap.csv:" + (4 + CsvReader.MAX_LINE / 100) + ": quote inside an unquoted field",
        problems.get(problems.size() - 1));
    assertEquals(1, s.accepted());
    assertTrue(b.build().contains(Address.of(Chain.BITCOIN, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")));
  }

  @Test
  void load_csvHeaderRepeatsAColumn_refusedWithFileAndLine() {
    String csv = "address,chain,category,category,label,source,confidence\n"
        + "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,bitcoin,scam,scam,x,y\n";
    IntelException e = assertThrows(IntelException.class,
        () -> IntelLoader.load(stream(csv), "dup.csv", IntelLoader.Options.DEFAULT, Watchlist.builder()));
    assertEquals("dup.csv:1: CSV header repeats column 'category'", e.getMessage());
  }

  @Test
  void load_csvBlankHeaderColumnsBeforeTheNamedOnes_rowsCheckedAgainstTheHeaderWidth() {
    // two blank names map one column: the mapped count (7) is below the highest index (7)
    String csv = ",,address,chain,category,label,source,confidence\n"
        + ",,1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,bitcoin,scam,x,y,50\n"
        + ",,12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h,bitcoin,scam,x,y\n";
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s = IntelLoader.load(stream(csv), "blank.csv",
        IntelLoader.Options.DEFAULT.withFormat(IntelFormat.CSV), b);
    assertEquals(1, s.accepted());
    assertEquals(List.of("blank.csv:3: expected 8 fields, got 7"),
        b.problems().stream().map(LoadProblem::toString).toList());
  }

  @Test
  void load_xmlDoctypeWithANul_theParsersOwnFailureBecomesAnIntelException() {
    // In UTF-16 the parser itself meets the DOCTYPE, and the JDK's StAX parser throws a
    // MissingResourceException (it has no message for InvalidCharInDTD).
    byte[] xml = "\uFEFF<!DOCTYPE x[\0".getBytes(StandardCharsets.UTF_16BE);
    IntelException e = assertThrows(IntelException.class, () -> loadXml(xml, "nul.xml"));
    assertEquals("nul.xml: malformed XML: InvalidCharInDTD (MissingResourceException)",
        e.getMessage());
  }

  /** The SDN loader as the CLI calls it, on {@code xml} named {@code name}. */
  private static LoadSummary loadXml(byte[] xml, String name) {
    return IntelLoader.load(new ByteArrayInputStream(xml), name,
        IntelLoader.Options.DEFAULT.withFormat(IntelFormat.SDN_XML), Watchlist.builder());
  }

  @Test
  void load_xmlDoctype_isRefusedBeforeTheParserPrintsAnything() {
    // a truncated DOCTYPE made the JDK's parser print a line of its own on stderr
    IntelException e = assertThrows(IntelException.class,
        () -> loadXml("<?xml version=\"1.0\"?>\n<!-- x -->\n<!DOCTYPE x[".getBytes(
            StandardCharsets.UTF_8), "cut.xml"));
    assertEquals("cut.xml:3: XML with a DOCTYPE is refused (external entities and entity"
        + " expansion are not allowed in intelligence files)", e.getMessage());
  }

  @Test
  void load_xmlThatIsNotUtf8_saysSoInsteadOfTheParsersFatalErrorLine() throws Exception {
    byte[] sample = Files.readAllBytes(FIXTURES.resolve("sdn_classic_sample.xml"));
    byte[] bad = Arrays.copyOf(sample, sample.length);
    int at = new String(sample, StandardCharsets.ISO_8859_1).indexOf("GHADDAR");
    bad[at] = (byte) 0xff; // not a UTF-8 byte anywhere
    IntelException e = assertThrows(IntelException.class, () -> loadXml(bad, "bad.xml"));
    assertEquals("bad.xml: not UTF-8 text, which its XML declaration says (or implies by naming"
        + " no encoding)", e.getMessage());
    // the same bytes in a file that declares Latin-1 are read, as the parser decodes them
    String latin = new String(bad, StandardCharsets.ISO_8859_1).replace("standalone=\"yes\"",
        "encoding=\"ISO-8859-1\" standalone=\"yes\"");
    long addresses = loadXml(sample, "sample.xml").accepted();
    assertTrue(addresses > 0);
    assertEquals(addresses,
        loadXml(latin.getBytes(StandardCharsets.ISO_8859_1), "latin.xml").accepted());
    // and a UTF-8 byte order mark is not text
    byte[] bom = new byte[sample.length + 3];
    bom[0] = (byte) 0xef;
    bom[1] = (byte) 0xbb;
    bom[2] = (byte) 0xbf;
    System.arraycopy(sample, 0, bom, 3, sample.length);
    assertEquals(addresses, loadXml(bom, "bom.xml").accepted());
  }

  @Test
  void load_stixConfidenceOutOfRange_reportedAndKeptAsUnknown() {
    String bundle = "{\"type\":\"bundle\",\"objects\":[\n{\"type\":\"cryptocurrency-wallet\","
        + "\"value\":\"1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA\",\"confidence\":150},\n"
        + "{\"type\":\"cryptocurrency-wallet\",\"value\":\"12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h\","
        + "\"confidence\":-20}]}";
    Watchlist.Builder b = Watchlist.builder();
    LoadSummary s = IntelLoader.load(stream(bundle), "conf.json", IntelLoader.Options.DEFAULT, b);
    assertEquals(2, s.accepted());
    assertEquals(
        List.of("conf.json:2: unknown confidence '150'; kept as 'unknown'",
            "conf.json:3: unknown confidence '-20'; kept as 'unknown'"),
        b.problems().stream().map(LoadProblem::toString).toList());
    assertEquals(Confidence.UNKNOWN,
        b.build().lookup(Address.of(Chain.BITCOIN, "1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA")).get(0)
            .confidence());
  }

  private static final String SDN_ID = "<idList><id><idType>Digital Currency Address - XBT</idType>"
      + "<idNumber>12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h</idNumber></id></idList></sdnEntry></sdnList>";

  @Test
  void load_sdnXmlUndeclaredEntityInAName_refusedNotReadAsNull() {
    String xml = "<sdnList><sdnEntry><lastName>ACME&x;</lastName>" + SDN_ID;
    IntelException e = assertThrows(IntelException.class,
        () -> IntelLoader.load(stream(xml), "ent.xml", IntelLoader.Options.DEFAULT, Watchlist.builder()));
    assertEquals("ent.xml:1: XML entity reference &x; is refused", e.getMessage());
    String amp = "<sdnList><sdnEntry><lastName>A&amp;B</lastName>" + SDN_ID;
    Watchlist.Builder b = Watchlist.builder();
    IntelLoader.load(stream(amp), "amp.xml", IntelLoader.Options.DEFAULT, b);
    assertEquals("A&B",
        b.build().lookup(Address.of(Chain.BITCOIN, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")).get(0).label());
  }

  @Test
  void load_sdnXmlPublishDateThatDoesNotExist_reportedNotMovedToAnotherDay() {
    String xml = "<sdnList><publshInformation><Publish_Date>02/30/2023</Publish_Date>"
        + "</publshInformation><sdnEntry><lastName>X</lastName>" + SDN_ID;
    Watchlist.Builder b = Watchlist.builder();
    IntelLoader.load(stream(xml), "feb30.xml", IntelLoader.Options.DEFAULT, b);
    assertEquals(List.of("feb30.xml:1: bad Publish_Date '02/30/2023' (want MM/DD/YYYY); addresses kept"
            + " without a date"),
        b.problems().stream().map(LoadProblem::toString).toList());
    assertEquals(null,
        b.build().lookup(Address.of(Chain.BITCOIN, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")).get(0).date());
  }

  /** {@code head}, then {@code n} letters without a line break (generated, never held), then {@code tail}. */
  private static final class HugeLine extends InputStream {
    private final byte[] head;
    private final byte[] tail;
    private final long n;
    private long pos;

    HugeLine(String head, long n, String tail) {
      this.head = head.getBytes(StandardCharsets.UTF_8);
      this.tail = tail.getBytes(StandardCharsets.UTF_8);
      this.n = n;
    }

    @Override
    public int read() {
      long p = pos++;
      if (p < head.length) {
        return head[(int) p];
      }
      p -= head.length;
      if (p < n) {
        return 'a';
      }
      p -= n;
      return p < tail.length ? tail[(int) p] : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int k = 0;
      while (k < len) {
        int c = read();
        if (c < 0) {
          return k == 0 ? -1 : k;
        }
        b[off + k++] = (byte) c;
      }
      return k;
    }
  }

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
