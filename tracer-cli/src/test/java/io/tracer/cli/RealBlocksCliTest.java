package io.tracer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.core.report.Json;
import io.tracer.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI on the real first 439 mainnet blocks (../shared/data). */
class RealBlocksCliTest {
  static final String SATOSHI_TO_HAL = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16";

  private static String source() {
    return "btc-blocks:" + SharedData.file("bitcoinj-blocks/first-100k-blocks.dat");
  }

  @Test
  void tx_block170_satoshiPaysHalFinney() throws Exception {
    CliRunner r = CliRunner.run("tx", "--source", source(), SATOSHI_TO_HAL);
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = Json.mapper().readTree(r.out);
    assertEquals(170, j.at("/block/height").asInt());
    assertEquals("00000000d1145790a8694403d4063f323d499e655c83426834d4ce2f8dd4a2ee", j.at("/block/hash").asText());
    assertEquals("12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S", j.at("/inputs/0/address").asText());
    assertEquals("5000000000", j.at("/inputs/0/value").asText());
    assertEquals("1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3", j.at("/outputs/0/address").asText());
    assertEquals("1000000000", j.at("/outputs/0/value").asText());
    assertEquals("4000000000", j.at("/outputs/1/value").asText());
    assertEquals("0", j.get("fee").asText());
  }

  @Test
  void address_halFinney_receivedTenBitcoin() throws Exception {
    CliRunner r = CliRunner.run("address", "--source", source(), "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3");
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = Json.mapper().readTree(r.out);
    assertEquals("1000000000", j.get("received").asText());
    assertEquals(170, j.at("/firstSeen/height").asInt());
  }

  @Test
  void trace_backwardFromBlock170_reachesBlock9Coinbase(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("t.json");
    CliRunner r =
        CliRunner.run("trace", "--source", source(), "--seed", SATOSHI_TO_HAL, "--direction", "backward", "--hops", "2", "--out", out.toString());
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = Json.mapper().readTree(Files.readString(out));
    boolean coinbaseEdge = false;
    for (JsonNode e : j.get("edges")) {
      if (e.get("hop").asInt() == -2 && e.get("to").asText().equals("12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S")) {
        coinbaseEdge = e.get("from").asText().startsWith("~coinbase");
        assertEquals(9, e.get("height").asInt());
      }
    }
    assertTrue(coinbaseEdge, j.toString());
  }

  @Test
  void unknownTxid_onRealData_exit1() {
    CliRunner r = CliRunner.run("tx", "--source", source(), "00".repeat(32));
    assertEquals(ExitCode.ERROR, r.code);
    assertTrue(r.err.contains("not found"), r.err);
  }
}
