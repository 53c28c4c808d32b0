package io.tracer.cli;

import static io.tracer.core.testing.Txs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.core.report.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code tracer taint} on the fixture ledger: f0 → f1 (bob 3,000, alice 1,900) → f2 (exchange 2,900). */
class TaintCommandTest {
  private static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }

  @Nested
  class HappyPath {
    @Test
    void taint_haircutFromBobsOutput_exchangeFullyTaintedFeeRecorded() throws Exception {
      CliRunner r = CliRunner.run("taint", "-s", "fixture:", "--seed", id("f1") + ":0");
      assertEquals(ExitCode.OK, r.code, r.err);
      JsonNode j = json(r.out);
      assertEquals("haircut", j.get("model").asText());
      assertEquals("bitcoin:BTC", j.get("asset").asText());
      assertEquals(id("f1") + ":0", j.at("/outputs/0/output").asText());
      assertEquals("followed", j.at("/outputs/0/status").asText());
      assertEquals("exchange", j.at("/outputs/1/address").asText());
      assertEquals("2900", j.at("/outputs/1/value").asText());
      assertEquals("2900", j.at("/outputs/1/tainted").asText());
      assertEquals("unspent", j.at("/outputs/1/status").asText());
      assertEquals(1, j.at("/outputs/1/hop").asInt());
      assertEquals("100", j.at("/transactions/0/feeTaint").asText());
      assertEquals("3000", j.at("/totals/seeded").asText());
      assertEquals("2900", j.at("/totals/held").asText());
      assertEquals("100", j.at("/totals/fees").asText());
      assertTrue(j.at("/totals/conserved").asBoolean());
      assertTrue(j.get("complete").asBoolean());
    }

    @Test
    void taint_seedWholeTx_everyOutputSeeded() throws Exception {
      CliRunner r = CliRunner.run("taint", "-s", "fixture:", "--seed", id("f1").toString(), "--model", "fifo");
      assertEquals(ExitCode.OK, r.code, r.err);
      JsonNode j = json(r.out);
      assertEquals(2, j.at("/parameters/seeds").size());
      assertEquals("4900", j.at("/totals/seeded").asText());
      assertEquals("2900", j.at("/outputs/2/segments/0/value").asText());
      assertTrue(j.at("/outputs/2/segments/0/tainted").asBoolean());
    }

    @Test
    void taint_hopsZero_seedStopsAtLimit() throws Exception {
      CliRunner r = CliRunner.run("taint", "-s", "fixture:", "--seed", id("f1") + ":0", "--hops", "0");
      assertEquals(ExitCode.OK, r.code, r.err);
      JsonNode j = json(r.out);
      assertEquals("limit", j.at("/outputs/0/status").asText());
      assertEquals(0, j.at("/transactions").size());
      assertEquals(0, j.at("/parameters/hops").asInt());
    }

    @Test
    void taint_untilHeightBelowSpender_notProcessed() throws Exception {
      CliRunner r =
          CliRunner.run("taint", "-s", "fixture:", "--seed", id("f1") + ":0", "--until-height", "2");
      assertEquals(ExitCode.OK, r.code, r.err);
      assertEquals("limit", json(r.out).at("/outputs/0/status").asText());
    }

    @Test
    void taint_poison_noConservedField() throws Exception {
      CliRunner r = CliRunner.run("taint", "-s", "fixture:", "--seed", id("f0") + ":0", "--model", "poison");
      assertEquals(ExitCode.OK, r.code, r.err);
      JsonNode j = json(r.out);
      assertFalse(j.at("/totals").has("conserved"));
      assertEquals("2900", j.at("/outputs/3/tainted").asText());
    }
  }

  @Nested
  class DemoAndAccounts {
    @Test
    void taint_demoCaseFifo_conservedAndReachesTheExchangeSweep() throws Exception {
      io.tracer.bitcoin.demo.DemoManifest m = io.tracer.bitcoin.demo.DemoCase.manifest();
      String seedsArg =
          String.join(
              ",", m.outpoints("paymentOutputs").stream().map(Object::toString).toList());
      CliRunner r = CliRunner.run("taint", "-s", "demo", "--seed", seedsArg, "--model", "fifo");
      assertEquals(ExitCode.OK, r.code, r.err);
      JsonNode j = json(r.out);
      assertEquals(String.valueOf(m.fact("paymentsTotalSats")), j.at("/totals/seeded").asText());
      assertTrue(j.at("/totals/conserved").asBoolean());
      String sweep = m.transaction("sweep") + ":0";
      boolean found = false;
      for (JsonNode o : j.get("outputs")) {
        if (o.get("output").asText().equals(sweep)) {
          found = true;
          assertTrue(o.has("segments"));
        }
      }
      assertTrue(found, "sweep output reached");
    }

    @Test
    void taint_accountSourceHaircut_aliceExampleWithGas() throws Exception {
      CliRunner r = CliRunner.run("taint", "-s", "taint-eth:", "--seed", id("t2").toString());
      assertEquals(ExitCode.OK, r.code, r.err);
      JsonNode j = json(r.out);
      assertEquals("ethereum", j.get("chain").asText());
      // t3: Bob 1,000 of 3,000; gas 600 after the value carries floor(600·1000/3000) = 200
      JsonNode bob = j.at("/transfers/1");
      assertEquals("1000", bob.get("tainted").asText());
      assertEquals(id("t3").toHex0x(), j.at("/fees/0/txid").asText());
      assertEquals(id("t2").toHex0x(), j.at("/parameters/seeds/0").asText(), "seeds are written as txids are");
      assertEquals("200", j.at("/fees/0/feeTaint").asText());
      assertTrue(j.at("/totals/0/conserved").asBoolean());
      assertEquals("2000", j.at("/totals/0/seeded").asText());
    }

    @Test
    void taint_accountSourceHopsZero_taintRestsAtTheLimit() throws Exception {
      CliRunner r = CliRunner.run("taint", "-s", "taint-eth:", "--seed", id("t2").toString(), "--hops", "0");
      assertEquals(ExitCode.OK, r.code, r.err);
      JsonNode j = json(r.out);
      assertEquals(0, j.at("/parameters/hops").asInt());
      // Alice's outflows are hop 1: t3 → Bob carries 1,000, its gas 200; then (5,400 with 800
      // taint) t5 → Carol carries floor(4,000·800/5,400) = 592. All rest at the limit.
      JsonNode bob = j.at("/transfers/1");
      assertEquals("1000", bob.get("tainted").asText());
      assertEquals(1, bob.get("hop").asInt());
      assertTrue(bob.get("limit").asBoolean());
      assertEquals("1792", j.at("/totals/0/limit").asText());
      assertEquals("0", j.at("/totals/0/fees").asText());
      assertEquals("208", j.at("/totals/0/held").asText());
      assertTrue(j.at("/totals/0/conserved").asBoolean());
      for (JsonNode a : j.get("accounts")) {
        String who = a.get("address").asText();
        assertFalse(who.equalsIgnoreCase(TaintAccountFixtureSourceProvider.BOB.value()), "Bob is not followed");
      }
    }

    @Test
    void taint_accountSourceUntilHeight_laterTransfersNotApplied() throws Exception {
      CliRunner r = CliRunner.run("taint", "-s", "taint-eth:", "--seed", id("t2").toString(), "--until-height", "4");
      assertEquals(ExitCode.OK, r.code, r.err);
      JsonNode j = json(r.out);
      assertEquals(4, j.at("/parameters/untilHeight").asInt());
      // t5 (height 5) is not applied: Alice keeps 2,000 − 1,000 (Bob) − 200 (gas) = 800 of taint
      for (JsonNode a : j.get("accounts")) {
        String who = a.get("address").asText();
        assertFalse(who.equalsIgnoreCase(TaintAccountFixtureSourceProvider.CAROL.value()), "Carol");
        if (who.equalsIgnoreCase(TaintAccountFixtureSourceProvider.ALICE.value())) {
          assertEquals("800", a.get("tainted").asText());
          assertEquals("5400", a.get("balance").asText());
        }
      }
      assertEquals("1800", j.at("/totals/0/held").asText()); // Alice 800 + Bob 1,000
      assertTrue(j.at("/totals/0/conserved").asBoolean());
    }

    @Test
    void taint_accountSourceWithTaintFee_usageError() {
      CliRunner r = CliRunner.run("taint", "-s", "taint-eth:", "--seed", id("t2").toString(), "--taint-fee");
      assertEquals(ExitCode.USAGE, r.code);
      assertTrue(r.err.contains("UTXO sources only"), r.err);
    }
  }

  @Nested
  class Rejection {
    @Test
    void taint_unknownModel_usageError() {
      CliRunner r = CliRunner.run("taint", "-s", "fixture:", "--seed", id("f1") + ":0", "--model", "fofi");
      assertEquals(ExitCode.USAGE, r.code);
      assertTrue(r.err.contains("unknown taint model 'fofi'"), r.err);
    }

    @Test
    void taint_poisonProRata_usageError() {
      CliRunner r =
          CliRunner.run(
              "taint", "-s", "fixture:", "--seed", id("f1") + ":0", "--model", "poison",
              "--fee-policy", "pro_rata_first");
      assertEquals(ExitCode.USAGE, r.code);
      assertTrue(r.err.contains("PRO_RATA_FIRST"), r.err);
    }

    @Test
    void taint_badFeePolicy_usageError() {
      CliRunner r =
          CliRunner.run("taint", "-s", "fixture:", "--seed", id("f1") + ":0", "--fee-policy", "last");
      assertEquals(ExitCode.USAGE, r.code);
    }

    @Test
    void taint_malformedSeed_errorOneLine() {
      CliRunner r = CliRunner.run("taint", "-s", "fixture:", "--seed", "nothex:0");
      assertEquals(ExitCode.ERROR, r.code);
      assertTrue(r.err.startsWith("tracer: error: not an output"), r.err);
      assertEquals(1, r.err.strip().lines().count(), r.err);
    }

    @Test
    void taint_seedNotInSource_errorNamesIt() {
      CliRunner r = CliRunner.run("taint", "-s", "fixture:", "--seed", id("nope") + ":0");
      assertEquals(ExitCode.ERROR, r.code);
      assertTrue(r.err.contains(id("nope").toString()), r.err);
    }

    @Test
    void taint_negativeHops_usageError() {
      CliRunner r = CliRunner.run("taint", "-s", "fixture:", "--seed", id("f1") + ":0", "--hops", "-1");
      assertEquals(ExitCode.USAGE, r.code);
    }

    @Test
    void taint_brokenSource_runtimeError() {
      CliRunner r = CliRunner.run("taint", "-s", "fixture:broken", "--seed", id("f1") + ":0");
      assertEquals(ExitCode.ERROR, r.code);
      assertTrue(r.err.contains("broken on purpose"), r.err);
    }
  }
}
