package io.tracer.cli;

import static io.tracer.core.testing.Txs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.core.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreCommandsTest {

  private static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }

  @Test
  void tx_decodesInputsOutputsFeeAndSpender() throws Exception {
    CliRunner r = CliRunner.run("tx", "--source", "fixture:", id("f1").toString());
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = json(r.out);
    assertEquals("alice", j.at("/inputs/0/address").asText());
    assertEquals("5000", j.at("/inputs/0/value").asText());
    assertEquals(id("f0") + ":0", j.at("/inputs/0/spends").asText());
    assertEquals("bob", j.at("/outputs/0/address").asText());
    assertEquals(id("f2") + ":0", j.at("/outputs/0/spentBy").asText());
    assertTrue(j.at("/outputs/1/spentBy").isNull());
    assertEquals("100", j.get("fee").asText());
  }

  @Test
  void address_totals() throws Exception {
    CliRunner r = CliRunner.run("address", "-s", "fixture:", "alice");
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = json(r.out);
    assertEquals("6900", j.get("received").asText());
    assertEquals("5000", j.get("sent").asText());
    assertEquals("1900", j.get("balance").asText());
    assertEquals(2, j.get("txCount").asInt());
    assertEquals(1, j.at("/firstSeen/height").asInt());
    assertEquals(2, j.at("/lastSeen/height").asInt());
  }

  @Test
  void trace_forward_jsonAndOtherFormats(@TempDir Path dir) throws Exception {
    CliRunner r = CliRunner.run("trace", "-s", "fixture:", "--seed", id("f1") + ":0", "--hops", "2");
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = json(r.out);
    assertEquals("exchange", j.at("/edges/0/to").asText());
    assertEquals("2900", j.at("/edges/0/value").asText());
    assertEquals(1, j.at("/edges/0/hop").asInt());
    assertEquals("forward", j.at("/parameters/direction").asText());

    Path dot = dir.resolve("t.dot");
    CliRunner d = CliRunner.run("trace", "-s", "fixture:", "--seed", "alice", "--format", "dot", "--out", dot.toString());
    assertEquals(ExitCode.OK, d.code, d.err);
    assertTrue(Files.readString(dot).startsWith("digraph trace {"));
    assertEquals("", d.out, "with --out nothing goes to stdout");
    if (dot.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals(
          "rw-r--r--",
          java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dot)),
          "reports are ordinary readable files");
    }
    try (var left = Files.list(dir)) {
      assertEquals(1, left.count(), "no temporary file is left behind");
    }

    CliRunner g = CliRunner.run("trace", "-s", "fixture:", "--seed", "alice", "--format", "graphml");
    assertTrue(g.out.contains("<graphml"));
    CliRunner c = CliRunner.run("trace", "-s", "fixture:", "--seed", "alice", "--format", "csv");
    assertTrue(c.out.startsWith("hop,txid,output,from,to,value"));
  }

  @Test
  void unknownTx_exit1_oneLineMessage_noStackTrace() {
    CliRunner r = CliRunner.run("tx", "-s", "fixture:", id("missing").toString());
    assertEquals(ExitCode.ERROR, r.code);
    assertTrue(r.err.startsWith("tracer: error: transaction "), r.err);
    assertEquals(1, r.err.strip().lines().count(), r.err);
  }

  @Test
  void unknownAddress_exit1() {
    CliRunner r = CliRunner.run("address", "-s", "fixture:", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT");
    assertEquals(ExitCode.ERROR, r.code);
    assertTrue(r.err.contains("does not appear"), r.err);
  }

  @Test
  void sourceFailure_exit1_verbosePrintsStackTrace() {
    CliRunner r = CliRunner.run("tx", "-s", "fixture:broken", id("f1").toString());
    assertEquals(ExitCode.ERROR, r.code);
    assertFalse(r.err.contains("\tat "), r.err);
    CliRunner v = CliRunner.run("tx", "--verbose", "-s", "fixture:broken", id("f1").toString());
    assertEquals(ExitCode.ERROR, v.code);
    assertTrue(v.err.contains("\tat "), v.err);
  }

  @Test
  void badUsage_exit2() {
    assertEquals(ExitCode.USAGE, CliRunner.run("trace", "-s", "fixture:").code); // no --seed
    assertEquals(ExitCode.USAGE, CliRunner.run("trace", "-s", "fixture:", "--seed", "alice", "--hops", "0").code);
    assertEquals(ExitCode.USAGE, CliRunner.run("nosuchcommand").code);
    assertEquals(ExitCode.USAGE, CliRunner.run().code);
    CliRunner bad = CliRunner.run("tx", "-s", "fixture:", "xyz");
    assertEquals(ExitCode.ERROR, bad.code);
    assertTrue(bad.err.contains("not a transaction id"), bad.err);
  }

  @Test
  void unknownSourceScheme_listsKnownOnes() {
    CliRunner r = CliRunner.run("tx", "-s", "nope:x", id("f1").toString());
    assertEquals(ExitCode.ERROR, r.code);
    assertTrue(r.err.contains("unknown source 'nope'") && r.err.contains("fixture"), r.err);
  }

  @Test
  void help_everyCommand_exit0() {
    for (String cmd : new String[] {"tx", "address", "trace"}) {
      CliRunner r = CliRunner.run(cmd, "--help");
      assertEquals(ExitCode.OK, r.code, cmd);
      assertTrue(r.out.contains("Usage: tracer " + cmd), r.out);
    }
    CliRunner root = CliRunner.run("--help");
    assertTrue(root.out.contains("Exit codes"), root.out);
  }
}
