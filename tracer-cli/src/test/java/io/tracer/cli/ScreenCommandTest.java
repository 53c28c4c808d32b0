package io.tracer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.bitcoin.demo.DemoCase;
import io.tracer.core.report.Json;
import io.tracer.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenCommandTest {
  static final String CONTROLLER = "bcrt1q6vn8rylgd9dngu668hgaths4y3x76dyfksd6t0";
  static final String DEPOSIT = "bcrt1qllgcaap3n280k0uyzqted340se7aqevh4w8jc5";
  static final String BUYER = "mu2VosYrdhzbUjy4rf3iDK2k2pyocbzgNV";

  @TempDir static Path dir;
  static Path intel;

  @BeforeAll
  static void copyIntel() {
    intel = DemoCase.copyIntelTo(dir);
  }

  static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }

  @Test
  void screen_depositOnDemo_highWithEvidenceAndIntelSummary() throws Exception {
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--intel", intel.toString());
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = json(r.out);
    assertEquals("high", j.get("severity").asText());
    assertEquals("human_trafficking", j.at("/alerts/0/category").asText());
    assertEquals("indirect", j.at("/alerts/0/kind").asText());
    assertEquals(CONTROLLER, j.at("/alerts/0/evidence/0/steps/0/from").asText());
    assertEquals(5, j.at("/intel/addresses").asInt());
    assertTrue(j.at("/exposure/incoming/total").isTextual());
  }

  @Test
  void screen_failOnHighReached_exitCode3() {
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--intel", intel.toString(), "--fail-on", "high");
    assertEquals(ExitCode.THRESHOLD, r.code, r.err);
  }

  @Test
  void screen_failOnSevereNotReached_exitCode0() {
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--intel", intel.toString(), "--fail-on", "severe");
    assertEquals(ExitCode.OK, r.code, r.err);
  }

  @Test
  void screen_controllerWithPoisonAndOut_writesFile(@TempDir Path out) throws Exception {
    Path f = out.resolve("screen.json");
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", CONTROLLER, "--intel", intel.toString(),
        "--model", "poison", "--hops", "3", "--out", f.toString());
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = json(Files.readString(f));
    assertEquals("severe", j.get("severity").asText());
    assertEquals("ownership", j.at("/alerts/0/kind").asText());
    assertEquals("poison", j.at("/exposure_model/model").asText());
  }

  @Test
  void screen_badFailOnLevel_usageError() {
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--intel", intel.toString(), "--fail-on", "critical");
    assertEquals(ExitCode.USAGE, r.code);
    assertTrue(r.err.contains("--fail-on"), r.err);
  }

  @Test
  void screen_badDecay_usageError() {
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--intel", intel.toString(), "--decay", "3/2");
    assertEquals(ExitCode.USAGE, r.code);
    assertTrue(r.err.contains("--decay"), r.err);
  }

  @Test
  void screen_negativeHops_usageErrorNamingTheOption() {
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--intel", intel.toString(), "--hops", "-1");
    assertEquals(ExitCode.USAGE, r.code);
    assertTrue(r.err.startsWith("tracer: --hops: "), r.err);
  }

  @Test
  void screen_missingIntelFile_runtimeErrorOneLine() {
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--intel", dir.resolve("nope.csv").toString());
    assertEquals(ExitCode.ERROR, r.code);
    assertTrue(r.err.startsWith("tracer: error: intel file not found"), r.err);
  }

  @Test
  void screen_hostileIntel_refusedWithFileName() throws Exception {
    Path x = dir.resolve("evil.xml");
    Files.writeString(x, "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><sdnList>&e;</sdnList>");
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--intel", x.toString());
    assertEquals(ExitCode.ERROR, r.code);
    assertTrue(r.err.contains("DOCTYPE is refused"), r.err);
  }

  @Test
  void screen_badPolicy_runtimeError() throws Exception {
    Path p = dir.resolve("policy.yaml");
    Files.writeString(p, "rules:\n- categories: [nonsense]\n  direct: [{severity: high}]\n");
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--intel", intel.toString(), "--policy", p.toString());
    assertEquals(ExitCode.ERROR, r.code);
    assertTrue(r.err.contains("nonsense"), r.err);
  }

  @Test
  void intelStats_deviceInsteadOfFile_saysSoInsteadOfNotFound() {
    CliRunner r = CliRunner.run("intel", "stats", "--intel", "/dev/null");
    assertEquals(ExitCode.ERROR, r.code);
    assertTrue(r.err.startsWith("tracer: error: intel file /dev/null is not a regular file"), r.err);
  }

  @Test
  void screen_withoutIntel_usageErrorInsteadOfSeverityNone() {
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--fail-on", "low");
    assertEquals(ExitCode.USAGE, r.code, r.out);
    assertTrue(r.err.contains("screen needs at least one --intel"), r.err);
    assertEquals("", r.out);
  }

  @Test
  void screen_intelThatLoadsNoAddress_runtimeErrorInsteadOfSeverityNone() throws Exception {
    Path empty = dir.resolve("header-only.csv");
    Files.writeString(empty, "address,chain,category,label,source,confidence\n");
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--intel", empty.toString());
    assertEquals(ExitCode.ERROR, r.code, r.out);
    assertTrue(r.err.startsWith("tracer: error: no address loaded from --intel"), r.err);
    assertEquals("", r.out);
  }

  @Test
  void screen_txAndAddressTogether_usageError() {
    CliRunner r = CliRunner.run("screen", "-s", "demo", "--address", DEPOSIT, "--tx", "00".repeat(32));
    assertEquals(ExitCode.USAGE, r.code);
  }

  @Test
  void intelStats_demoAndOfac_countsPerCategoryAndChain() throws Exception {
    Path xbt = SharedData.file("ofac/sanctioned_addresses_XBT.txt");
    CliRunner r = CliRunner.run("intel", "stats", "--intel", intel.toString(), "--intel", xbt.toString());
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = json(r.out);
    assertEquals(434 + 5, j.get("addresses").asInt());
    assertEquals(434, j.at("/addresses_by_category/sanctions").asInt());
    assertEquals(1, j.at("/addresses_by_category/human_trafficking").asInt());
    assertEquals(1, j.get("problem_count").asInt());
    assertEquals(355, j.at("/problems/0/line").asInt());
    assertTrue(r.err.contains("sanctioned_addresses_XBT.txt:355"), r.err);
  }

  @Test
  void intelLookup_flaggedAndCleanAddresses() throws Exception {
    CliRunner r = CliRunner.run("intel", "lookup", "--intel", intel.toString(), CONTROLLER, BUYER);
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = json(r.out);
    assertEquals(1, j.get("flagged_count").asInt());
    assertEquals("human_trafficking", j.at("/results/0/labels/0/category").asText());
    assertEquals("Demo ring controller (fictional)", j.at("/results/0/labels/0/label").asText());
    assertEquals(false, j.at("/results/1/flagged").asBoolean());
  }

  @Test
  void intel_noSubcommand_usageError() {
    assertEquals(ExitCode.USAGE, CliRunner.run("intel").code);
  }
}
