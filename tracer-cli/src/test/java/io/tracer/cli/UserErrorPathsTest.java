package io.tracer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracer.bitcoin.demo.DemoCase;
import io.tracer.bitcoin.synth.SyntheticChain;
import io.tracer.ethereum.demo.EthDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mistakes a first-time user makes, and the one-line answers they must get. */
class UserErrorPathsTest {
  /** The demo's exchange deposit with its last character changed: a Bech32 checksum failure. */
  static final String DEPOSIT_TYPO = "bcrt1qllgcaap3n280k0uyzqted340se7aqevh4w8jc6";
  static final String DEPOSIT = "bcrt1qllgcaap3n280k0uyzqted340se7aqevh4w8jc5";

  private static void assertOneLineError(CliRunner r, String expected) {
    assertEquals(ExitCode.ERROR, r.code, r.err);
    assertTrue(r.err.startsWith("tracer: error: "), r.err);
    assertTrue(r.err.contains(expected), r.err);
    assertEquals(1, r.err.strip().lines().count(), r.err);
    assertEquals("", r.out);
  }

  @Test
  void mistypedAddress_isRejectedWithTheChecksumReason_everywhere(@TempDir Path dir) {
    String expected = "not a valid bitcoin address: '" + DEPOSIT_TYPO + "' (";
    assertOneLineError(CliRunner.run("address", "-s", "demo", DEPOSIT_TYPO), expected);
    assertOneLineError(CliRunner.run("trace", "-s", "demo", "--seed", DEPOSIT_TYPO), expected);
    assertOneLineError(
        CliRunner.run("trace", "-s", "demo", "--seed", DEPOSIT, "--stop-at", DEPOSIT_TYPO), expected);
    assertOneLineError(CliRunner.run("cluster", "-s", "demo", "--address", DEPOSIT_TYPO), expected);
    // Screening a typo used to answer "severity none" with exit 0: a silent miss.
    Path intel = DemoCase.copyIntelTo(dir);
    assertOneLineError(
        CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT_TYPO, "--intel", intel.toString()),
        expected);
  }

  @Test
  void dataLargerThanTheHeap_oneLineWithTheAdvice_exitCode1(@TempDir Path dir) throws Exception {
    // A real JVM with a 20 MiB heap loading 60,000 synthetic transactions (22 MB of blocks): the
    // OutOfMemoryError must come out as the one-line error, not as a JVM stack trace.
    SyntheticChain.main(new String[] {"60_000", dir.toString(), "1", "blk"});
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(java, "-Xmx20m", "-cp", System.getProperty("java.class.path"),
            Main.class.getName(), "address", "--source", "btc-blocks:" + dir.resolve("blocks"),
            "msJ4Z6buNojYqyXkN38pATMKVqTdLzjDM2")
        .redirectError(err.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile())
        .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the JVM did not finish");
    String text = Files.readString(err);
    assertEquals(ExitCode.ERROR, p.exitValue(), text);
    assertTrue(text.startsWith("tracer: error: out of memory: the data does not fit in the Java heap (at most "), text);
    assertTrue(text.contains("JAVA_OPTS=-Xmx8g"), text);
    assertEquals(1, text.strip().lines().count(), text);
    assertEquals("", Files.readString(dir.resolve("out.txt")));
  }

  @Test
  void base58Typo_andGarbage_areRejected() {
    assertOneLineError(
        CliRunner.run("address", "-s", "demo", "msJ4Z6buNojYqyXkN38pATMKVqTdLzjDM3"),
        "checksum");
    assertOneLineError(CliRunner.run("address", "-s", "demo", "garbage"), "not a valid bitcoin address");
  }

  @Test
  void validAddressAbsentFromTheData_saysSo() {
    assertOneLineError(
        CliRunner.run("address", "-s", "demo", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"), "does not appear in");
  }

  @Test
  void evmAddress_anyCaseAccepted_badEip55Rejected() {
    String lower = EthDemo.DEPOSIT.value();
    assertEquals(ExitCode.OK, CliRunner.run("address", "-s", "demo-eth", lower).code);
    assertEquals(ExitCode.OK, CliRunner.run("address", "-s", "demo-eth", lower.substring(2)).code);
    assertEquals(ExitCode.OK, CliRunner.run("address", "-s", "demo-eth", EthDemo.DEPOSIT.display()).code);
    // The EIP-55 form with one letter's case flipped fails its checksum.
    String mixed = EthDemo.DEPOSIT.display();
    int i = 2;
    while (!Character.isLetter(mixed.charAt(i))) {
      i++;
    }
    char c = mixed.charAt(i);
    String flipped = mixed.substring(0, i)
        + (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))
        + mixed.substring(i + 1);
    CliRunner r = CliRunner.run("address", "-s", "demo-eth", flipped);
    assertOneLineError(r, "not a valid ethereum address");
    assertFalse(r.err.contains("\tat "), r.err);
  }

  static final String CONSOLIDATION = "25c80bcee2eda67c994bc19ac345b8630b52306dfdc6f3eebad81c918bbeaf07";

  @Test
  void outIsADirectory_saysSo_andWritesNothingBesideIt(@TempDir Path dir) throws Exception {
    CliRunner r = CliRunner.run("trace", "-s", "demo", "--seed", CONSOLIDATION, "--out", dir.toString());
    assertOneLineError(r, "cannot write " + dir + ": it is a directory");
    try (var left = Files.list(dir.getParent())) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
  }

  @Test
  void outUnderAFile_namesTheReasonNotJustAPath(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    CliRunner r = CliRunner.run(
        "trace", "-s", "demo", "--seed", CONSOLIDATION, "--out", file.resolve("t.json").toString());
    assertOneLineError(r, "cannot write " + file.resolve("t.json") + ": " + file + " is a file, not a folder");
  }

  @Test
  void badOut_isReportedBeforeAnyWork_onEveryCommandWithOut(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    String out = file.resolve("report.json").toString();
    // fixture:broken fails when opened: the --out error coming first shows nothing was started.
    String[][] commands = {
      {"tx", "-s", "fixture:broken", GENESIS_COINBASE},
      {"address", "-s", "fixture:broken", DEPOSIT},
      {"trace", "-s", "fixture:broken", "--seed", CONSOLIDATION},
      {"taint", "-s", "fixture:broken", "--seed", CONSOLIDATION + ":0"},
      {"screen", "-s", "fixture:broken", "--address", DEPOSIT},
      {"cluster", "-s", "fixture:broken"},
      {"intel", "stats", "--intel", dir.resolve("missing.csv").toString()},
    };
    for (String[] c : commands) {
      CliRunner r = CliRunner.run(concat(c, "--out", out));
      assertOneLineError(r, "cannot write " + out + ": " + file + " is a file, not a folder");
    }
    CliRunner help = CliRunner.run("tx", "--help", "--out", dir.toString());
    assertEquals(ExitCode.OK, help.code, "--help is answered whatever --out says");
  }

  @Test
  void demo_intoANewNestedFolder_writesEveryReportItLists(@TempDir Path dir) {
    Path out = dir.resolve("new/reports");
    CliRunner r = CliRunner.run("demo", "--out", out.toString());
    assertEquals(ExitCode.OK, r.code, r.err);
    String listed = r.out.lines().filter(l -> l.trim().startsWith("reports")).map(l -> l.substring(l.indexOf(": ") + 2))
        .reduce("", (a, b) -> a + " " + b);
    for (String name : listed.trim().split(" ")) {
      assertTrue(Files.isRegularFile(out.resolve(name)), name + " is listed but missing");
    }
    assertTrue(listed.contains("demo-intel.csv"), "the intel file the README examples use is listed: " + listed);
    assertTrue(r.out.contains("holds 3 of the advertiser's 10 addresses"), r.out);
    assertTrue(r.out.contains("47590 sat at 2 hops"), r.out);
  }

  @Test
  void demo_intoAnExistingFolder_replacesReportsAndKeepsOtherFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("trace.json"), "stale");
    Files.writeString(dir.resolve("notes.txt"), "mine");
    CliRunner r = CliRunner.run("demo", "--out", dir.toString());
    assertEquals(ExitCode.OK, r.code, r.err);
    assertTrue(Files.readString(dir.resolve("trace.json")).startsWith("{"));
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
  }

  @Test
  void demo_outIsAFile_orUnderAFile_oneLineError(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    assertOneLineError(CliRunner.run("demo", "--out", file.toString()), "it is a file, not a folder");
    assertOneLineError(
        CliRunner.run("demo", "--out", file.resolve("sub").toString()), "cannot create the folder");
    assertEquals("x", Files.readString(file));
  }

  @Test
  void unreachableNode_saysConnectionRefused_notNull() {
    CliRunner r = CliRunner.run("tx", "-s", "eth-rpc:http://127.0.0.1:1#0-1", "0x" + CONSOLIDATION);
    assertOneLineError(r, "cannot reach http://127.0.0.1:1: connection refused");
    assertFalse(r.err.contains("null"), r.err);
  }

  @Test
  void etherscanTx_explainsThatEtherscanIsAskedByAddress() {
    CliRunner r = CliRunner.run("tx", "-s", "etherscan:http://127.0.0.1:1", "0x" + CONSOLIDATION);
    assertOneLineError(r, "not found in etherscan");
    assertTrue(r.err.contains("use 'tracer address' or 'tracer trace --seed ADDRESS'"), r.err);
  }

  static final String GENESIS_COINBASE = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";

  @Test
  void btcEtl_binaryFile_andBrokenJson_sayWhatIsWrongInOneLine(@TempDir Path dir) throws Exception {
    Path binary = Files.write(dir.resolve("transactions.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    assertOneLineError(CliRunner.run("tx", "-s", "btc-etl:" + binary, GENESIS_COINBASE),
        "not bitcoin-etl JSON lines (the file is not UTF-8 text)");
    Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"hash\": 1\n");
    CliRunner r = CliRunner.run("tx", "-s", "btc-etl:" + broken, GENESIS_COINBASE);
    assertOneLineError(r, "broken.jsonl line 1: not valid JSON: ");
    assertFalse(r.err.contains("[Source:"), r.err);
  }

  @Test
  void btcEtl_fieldBeyondItsRange_oneLineErrorNamingFileLineAndField(@TempDir Path dir)
      throws Exception {
    Path f = Files.writeString(dir.resolve("late.jsonl"), coinbase(1, 4294967296L, 50));
    assertOneLineError(CliRunner.run("tx", "-s", "btc-etl:" + f, String.format("%064x", 1)),
        "late.jsonl line 1 (" + String.format("%064x", 1) + "): field 'block_timestamp' is"
            + " 4294967296, outside 0..4294967295");
  }

  @Test
  void address_totalsBeyond64Bits_areShownExactly_notAnOverflowError(@TempDir Path dir)
      throws Exception {
    // 4,400 coinbases of 21 million BTC each to one address: 9.24e18 sat, more than a long holds
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 4400; i++) {
      text.append(coinbase(i, 1_700_000_000L, 2_100_000_000_000_000L)).append('\n');
    }
    Path f = Files.writeString(dir.resolve("rich.jsonl"), text);
    CliRunner r = CliRunner.run("address", "-s", "btc-etl:" + f, GENESIS);
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode json = new ObjectMapper().readTree(r.out);
    assertEquals("9240000000000000000", json.get("received").asText(), r.out);
    assertEquals("9240000000000000000", json.get("balance").asText(), r.out);
    assertEquals(4400, json.get("txCount").asInt());
  }

  @Test
  void arithmeticOverflow_isDescribedAsImpossibleData() {
    String line = Main.describe(new ArithmeticException("long overflow"));
    assertTrue(line.startsWith("amounts overflow 64-bit integers (long overflow): the data holds"
        + " more value than any real chain"), line);
    assertEquals("ArithmeticException: / by zero", Main.describe(new ArithmeticException("/ by zero")));
  }

  private static final String GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";

  /** A bitcoin-etl coinbase at height {@code i} paying {@code sat} to {@link #GENESIS}. */
  private static String coinbase(int i, long time, long sat) {
    return "{\"hash\": \"" + String.format("%064x", i) + "\", \"version\": 1, \"lock_time\": 0,"
        + " \"block_number\": " + i + ", \"block_timestamp\": " + time + ", \"is_coinbase\": true,"
        + " \"index\": 0, \"inputs\": [], \"outputs\": [{\"index\": 0, \"addresses\": [\""
        + GENESIS + "\"], \"value\": " + sat + "}]}";
  }

  @Test
  void btcBlocks_garbage_truncated_andEmptyFolder_oneLineErrors(@TempDir Path dir) throws Exception {
    byte[] noise = new byte[4096];
    new java.util.Random(7).nextBytes(noise);
    Path garbage = Files.write(dir.resolve("garbage.dat"), noise);
    CliRunner garbled = CliRunner.run("tx", "-s", "btc-blocks:" + garbage, GENESIS_COINBASE);
    assertOneLineError(garbled, "not a framed block file");
    assertFalse(garbled.err.contains("lenient"), "skipping would leave nothing: no such hint\n" + garbled.err);
    // A framed file cut in the middle of a block, as 'head -c' leaves it.
    byte[] demo = Files.readAllBytes(DemoCase.copyBlocksTo(dir.resolve("demo")));
    Path cut = Files.write(dir.resolve("blk00000.dat"), java.util.Arrays.copyOf(demo, demo.length - 100));
    CliRunner truncated = CliRunner.run("tx", "-s", "btc-blocks:" + cut, GENESIS_COINBASE);
    assertOneLineError(truncated, "only");
    assertTrue(truncated.err.contains("--source 'btc-blocks:" + cut + "?lenient'"), truncated.err);
    // ...and following the hint reads every block before the cut.
    CliRunner lenient = CliRunner.run("address", "-s", "btc-blocks:" + cut + "?lenient", DEPOSIT);
    assertEquals(ExitCode.OK, lenient.code, lenient.err);
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertOneLineError(CliRunner.run("tx", "-s", "btc-blocks:" + empty, GENESIS_COINBASE),
        "no blk*.dat files in this directory");
    assertOneLineError(
        CliRunner.run("tx", "-s", "btc-blocks:" + dir.resolve("missing"), GENESIS_COINBASE),
        "no such file or directory");
  }

  private static void assertUsage(CliRunner r, String message) {
    assertEquals(ExitCode.USAGE, r.code, r.err);
    assertTrue(r.err.startsWith("tracer: " + message), r.err);
    assertTrue(r.err.contains("--help"), r.err);
    assertEquals("", r.out);
  }

  @Test
  void traceOptionErrors_nameTheOptionTyped() {
    String[] t = {"trace", "-s", "demo", "--seed", CONSOLIDATION};
    assertUsage(CliRunner.run(concat(t, "--hops", "-1")), "--hops must be between 1 and 100, got -1");
    assertUsage(CliRunner.run(concat(t, "--fan-out", "0")), "--fan-out must be at least 1, got 0");
    assertUsage(CliRunner.run(concat(t, "--max-tx", "-5")), "--max-tx must be at least 1, got -5");
    assertUsage(CliRunner.run(concat(t, "--value-floor", "-1")), "--value-floor must not be negative");
    assertUsage(CliRunner.run(concat(t, "--from", "2025-01-01", "--to", "2024-01-01")),
        "--from 2025-01-01 is after --to 2024-01-01");
    assertUsage(CliRunner.run(concat(t, "--format", "xml")), "Invalid value for option '--format'");
    CliRunner dir = CliRunner.run(concat(t, "--direction", "sideways"));
    assertUsage(dir, "Invalid value for option '--direction'");
    assertTrue(dir.err.contains("expected forward, backward or both"), dir.err);
    assertEquals(ExitCode.OK, CliRunner.run(concat(t, "--direction", "BOTH", "--hops", "1")).code);
  }

  @Test
  void amountAndPathOptions_sayWhatIsWrong_notWhichJdkExceptionRose() {
    String[] t = {"trace", "-s", "demo", "--seed", CONSOLIDATION};
    CliRunner floor = CliRunner.run(concat(t, "--value-floor", "x10"));
    assertUsage(floor, "Invalid value for option '--value-floor': 'x10' is not a whole number of"
        + " base units (sat, wei)");
    assertFalse(floor.err.contains("Exception"), floor.err);
    assertEquals(ExitCode.OK,
        CliRunner.run(concat(t, "--value-floor", "+1000", "--hops", "1")).code);
    // an empty path would mean the working directory: a report named "", every file there as intel
    assertUsage(CliRunner.run(concat(t, "--out", "")),
        "Invalid value for option '--out': an empty path names no file");
    assertUsage(CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--intel", ""),
        "Invalid value for option '--intel' (FILE): an empty path names no file");
  }

  @Test
  void clusterAndAddressOptionErrors_nameTheOption() {
    assertUsage(CliRunner.run("cluster", "-s", "demo", "--min-size", "0"), "--min-size must be at least 1");
    assertUsage(CliRunner.run("cluster", "-s", "demo", "--max-clusters", "-1"), "--max-clusters must not be negative");
    assertUsage(CliRunner.run("cluster", "-s", "demo", "--dust-limit", "-1"), "--dust-limit must not be negative");
    assertUsage(CliRunner.run("address", "-s", "demo", "--limit", "-1", DEPOSIT), "--limit must not be negative");
    assertUsage(CliRunner.run("cluster", "-s", "demo", "--guard-size", "0"),
        "--guard-size must be at least 2, got 0");
  }

  @Test
  void help_showsEveryDefault_andNamesValuesNotFields() {
    for (String cmd : new String[] {"demo", "tx", "address", "trace", "cluster", "taint", "screen"}) {
      CliRunner r = CliRunner.run(cmd, "--help");
      assertEquals(ExitCode.OK, r.code, cmd);
      assertTrue(r.out.contains("--verbose"), cmd + " documents --verbose");
    }
    for (String cmd : new String[] {"trace", "address", "cluster"}) {
      String help = CliRunner.run(cmd, "--help").out;
      assertFalse(help.matches("(?s).*=<[a-zA-Z]+>.*"), cmd + " shows a Java field name as a value:\n" + help);
    }
    String trace = CliRunner.run("trace", "--help").out;
    assertTrue(trace.contains("(sat, wei). Default: 0."), trace);
    // The example must not be broken in the middle of an expression by line wrapping.
    assertTrue(CliRunner.run("cluster", "--help").out.contains(
        "tracer cluster --source btc-blocks:DIR --heuristics multi-input,graphsense"));
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Test
  void misspeltOptionOrCommand_suggestsTheRightOne() {
    CliRunner option = CliRunner.run("trace", "-s", "demo", "--seed", CONSOLIDATION, "--hopz", "3");
    assertUsage(option, "Unknown options: '--hopz', '3'");
    assertTrue(option.err.contains("Possible solutions: --hops"), option.err);
    CliRunner command = CliRunner.run("traec");
    assertEquals(ExitCode.USAGE, command.code);
    assertTrue(command.err.contains("Did you mean: tracer trace?"), command.err);
    CliRunner sub = CliRunner.run("intel", "stat");
    assertEquals(ExitCode.USAGE, sub.code);
    assertTrue(sub.err.contains("Did you mean: intel stats?"), sub.err);
  }

  @Test
  void addressOfAnotherChain_isNamedAsSuch() {
    assertOneLineError(
        CliRunner.run("address", "-s", "demo", "ethereum:" + EthDemo.DEPOSIT.value()),
        "is an address on ethereum, but built-in demo case");
  }

  @Test
  void verbose_raisesLibraryLogsToInfo_asItsHelpSays() {
    assertEquals("info", Main.logLevel(new String[] {"--verbose", "tx", "-s", "demo", "X"}));
    assertEquals("info", Main.logLevel(new String[] {"tx", "-s", "demo", "X", "--verbose"}));
    assertEquals(System.getProperty(Main.LOG_LEVEL_PROPERTY, "warn"),
        Main.logLevel(new String[] {"tx", "-s", "demo", "X"}));
    assertTrue(CliRunner.run("tx", "--help").out.contains("informational"));
  }
}
