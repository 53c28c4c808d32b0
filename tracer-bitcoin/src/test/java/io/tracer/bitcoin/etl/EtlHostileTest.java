package io.tracer.bitcoin.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.UtxoTx;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtlHostileTest {
  private static final String TX =
      "{\"hash\": \"4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b\", \"virtual_size\": 204,"
          + " \"version\": 1, \"lock_time\": 0, \"block_number\": 0, \"block_timestamp\": 1231006505,"
          + " \"is_coinbase\": true, \"index\": 0, \"inputs\": [], \"outputs\": [{\"index\": 0,"
          + " \"script_hex\": \"SCRIPT\", \"addresses\": [\"x\"], \"value\": VALUE}]}";

  @TempDir Path tmp;

  private static List<UtxoTx> read(String text) throws Exception {
    List<UtxoTx> out = new ArrayList<>();
    new EtlTransactionReader(BtcNetwork.MAINNET).read(new StringReader(text), "export.json", out::add);
    return out;
  }

  private static String tx(String script, String value) {
    return TX.replace("SCRIPT", script).replace("VALUE", value);
  }

  @Nested
  class HappyPath {
    @Test
    void read_valueAsDigitString_isAccepted() throws Exception {
      assertEquals(5_000_000_000L, read(tx("6a", "\"5000000000\"")).get(0).output(0).value());
    }

    @Test
    void read_opReturnOutput_keepsItWithPseudoAddress() throws Exception {
      UtxoTx t = read(tx("6a0401020304", "0")).get(0);
      assertEquals(OutputType.OP_RETURN, t.output(0).type());
      assertTrue(t.output(0).address().isPseudo());
    }

    @Test
    void read_blankLinesAndBlockItems_areSkipped() throws Exception {
      String text = "\n{\"type\": \"block\", \"hash\": \"00\"}\n" + tx("6a", "1") + "\n\n";
      assertEquals(1, read(text).size());
    }
  }

  /**
   * Fields a transaction holds in 32 bits (or an index in an int), and amounts, beyond their range:
   * each is an error naming the file, line and field, where before some were cut silently to other
   * values (an output index of 2^32 read as 0) or refused later with no location.
   */
  @Nested
  class Ranges {
    private static final String GENESIS_ADDRESS = "[\"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\"]";
    private static final String SPEND =
        "{\"hash\": \"" + "ab".repeat(32) + "\", \"virtual_size\": VSIZE, \"version\": VERSION,"
            + " \"lock_time\": LOCK, \"block_number\": HEIGHT, \"block_timestamp\": TIME,"
            + " \"is_coinbase\": false, \"index\": 1, \"inputs\": [{\"index\": 0,"
            + " \"spent_transaction_hash\": \"" + "cd".repeat(32) + "\","
            + " \"spent_output_index\": VOUT, \"sequence\": SEQ, \"addresses\": " + GENESIS_ADDRESS
            + ", \"value\": IN0}, {\"index\": 1, \"spent_transaction_hash\": \"" + "ef".repeat(32)
            + "\", \"spent_output_index\": 0, \"addresses\": " + GENESIS_ADDRESS
            + ", \"value\": IN1}], \"outputs\": [{\"index\": 0, \"script_hex\": \"6a\","
            + " \"value\": OUT0}, {\"index\": 1, \"script_hex\": \"6a\", \"value\": OUT1}]}";

    private static String spend(String... overrides) {
      String t = SPEND;
      for (int i = 0; i < overrides.length; i += 2) {
        t = t.replace(overrides[i], overrides[i + 1]);
      }
      return t.replace("VSIZE", "200").replace("VERSION", "2").replace("LOCK", "0")
          .replace("HEIGHT", "800000").replace("TIME", "1690000000").replace("VOUT", "3")
          .replace("SEQ", "4294967295").replace("IN0", "7").replace("IN1", "8")
          .replace("OUT0", "5").replace("OUT1", "6");
    }

    private static String refused(String... overrides) {
      EtlFormatException e = assertThrows(EtlFormatException.class, () -> read(spend(overrides)));
      assertTrue(e.getMessage().startsWith("export.json line 1 (" + "ab".repeat(32) + ")"),
          e.getMessage());
      return e.getMessage();
    }

    @Test
    void read_everyFieldAtItsLimit_isKept() throws Exception {
      UtxoTx t = read(spend("VERSION", "4294967295", "LOCK", "4294967295", "TIME", "4294967295",
          "HEIGHT", "2147483647", "VOUT", "2147483647", "SEQ", "0", "VSIZE", "4000000",
          "IN0", "2100000000000000", "IN1", "0", "OUT0", "2099999999999999", "OUT1", "1")).get(0);
      assertEquals(4294967295L, t.version());
      assertEquals(4294967295L, t.lockTime());
      assertEquals(4294967295L, t.block().time().getEpochSecond());
      assertEquals(2147483647L, t.block().height());
      assertEquals(2147483647, t.inputs().get(0).prevout().index());
      assertEquals(0, t.inputs().get(0).sequence());
      assertEquals(4_000_000, t.vsize());
      assertEquals(2_100_000_000_000_000L, t.outputValue());
    }

    @Test
    void read_negativeVersion_isTheSame32BitsUnsigned() throws Exception {
      // Bitcoin Core before 28 printed versions signed; the block decoder reads them unsigned
      assertEquals(4294967295L, read(spend("VERSION", "-1")).get(0).version());
      assertTrue(refused("VERSION", "4294967296").contains("field 'version' is 4294967296,"
          + " outside -2147483648..4294967295"));
      refused("VERSION", "-2147483649");
    }

    @Test
    void read_fieldsBeyondTheir32Bits_nameTheField() {
      assertTrue(refused("LOCK", "4294967296").contains("field 'lock_time' is 4294967296"));
      assertTrue(refused("LOCK", "-1").contains("field 'lock_time' is -1, outside 0..4294967295"));
      assertTrue(refused("TIME", "4294967296").contains("field 'block_timestamp'"));
      assertTrue(refused("TIME", "-1").contains("field 'block_timestamp'"));
      assertTrue(refused("SEQ", "4294967296").contains("input 0: field 'sequence'"));
      assertTrue(refused("HEIGHT", "2147483648").contains("field 'block_number'"));
      assertTrue(refused("VSIZE", "4000001").contains("field 'virtual_size'"));
      assertTrue(refused("VSIZE", "-1").contains("field 'virtual_size'"));
    }

    @Test
    void read_outputIndexBeyondAnInt_isRefusedNotWrappedToAnotherOutput() {
      // (int) 4294967296 is 0: it used to spend output 0 of the funding transaction
      assertTrue(refused("VOUT", "4294967296").contains("input 0: field 'spent_output_index'"));
      assertTrue(refused("VOUT", "-1").contains("field 'spent_output_index' is -1"));
    }

    @Test
    void read_amountsAboveTheSupply_areRefused() {
      assertTrue(refused("OUT0", "2100000000000001").contains(
          "output 0: 'value' is 2100000000000001 sat, more than the 21,000,000 BTC supply"));
      assertTrue(refused("OUT0", "2000000000000000", "OUT1", "100000000000001")
          .contains("'outputs' total' is 2100000000000001 sat"));
      assertTrue(refused("IN0", "2100000000000001").contains("input 0: 'value' is"));
      assertTrue(refused("IN0", "2000000000000000", "IN1", "100000000000001")
          .contains("'inputs' total' is 2100000000000001 sat"));
    }

    @Test
    void rpc_fieldsBeyondTheirRange_nameTheField() {
      RpcJson rpc = new RpcJson(BtcNetwork.MAINNET);
      String t = "{\"txid\": \"" + "ab".repeat(32) + "\", \"version\": VERSION, \"locktime\": 0,"
          + " \"vin\": [{\"txid\": \"" + "cd".repeat(32) + "\", \"vout\": VOUT, \"sequence\": 1}],"
          + " \"vout\": [{\"n\": 0, \"value\": VALUE, \"scriptPubKey\": {\"hex\": \"6a\"}}]}";
      Function<String, UtxoTx> tx = json -> rpc.transaction(rpc.parse(json, "x"), "x");
      String valid = t.replace("VERSION", "2").replace("VOUT", "0").replace("VALUE", "1");
      UtxoTx signed = tx.apply(valid.replace("\"version\": 2", "\"version\": -1"));
      assertEquals(4294967295L, signed.version());
      EtlFormatException vout = assertThrows(EtlFormatException.class,
          () -> tx.apply(valid.replace("\"vout\": 0", "\"vout\": 4294967296")));
      assertTrue(vout.getMessage().contains("vin 0: field 'vout' is 4294967296"),
          vout.getMessage());
      EtlFormatException value = assertThrows(EtlFormatException.class,
          () -> tx.apply(valid.replace("\"value\": 1", "\"value\": 21000000.00000001")));
      assertTrue(value.getMessage().contains("more than the 21,000,000 BTC supply"),
          value.getMessage());
    }
  }

  @Nested
  class Rejection {
    @Test
    void read_truncatedJsonLine_namesFileAndLine() {
      String text = tx("6a", "1") + "\n" + tx("6a", "1").substring(0, 50);
      EtlFormatException e = assertThrows(EtlFormatException.class, () -> read(text));
      assertTrue(e.getMessage().startsWith("export.json line 2: not valid JSON"), e.getMessage());
    }

    @Test
    void read_garbageLine_isError() {
      EtlFormatException e = assertThrows(EtlFormatException.class, () -> read("\u0000\u0001garbage"));
      assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void read_jsonArrayInsteadOfObject_isError() {
      assertThrows(EtlFormatException.class, () -> read("[1,2,3]"));
    }

    @Test
    void read_missingHash_namesTheField() {
      EtlFormatException e = assertThrows(EtlFormatException.class, () -> read(tx("6a", "1").replace("\"hash\"", "\"hush\"")));
      assertTrue(e.getMessage().contains("missing field 'hash'"), e.getMessage());
    }

    @Test
    void read_negativeValue_isError() {
      EtlFormatException e = assertThrows(EtlFormatException.class, () -> read(tx("6a", "-1")));
      assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void read_valueBeyondLong_isError() {
      assertThrows(EtlFormatException.class, () -> read(tx("6a", "99999999999999999999")));
    }

    @Test
    void read_scriptHexNotHex_isError() {
      EtlFormatException e = assertThrows(EtlFormatException.class, () -> read(tx("zz<script>", "1")));
      assertTrue(e.getMessage().contains("script_hex is not hex"), e.getMessage());
    }

    @Test
    void read_deeplyNestedJson_isRejectedNotStackOverflow() {
      String bomb = "[".repeat(100_000);
      assertThrows(EtlFormatException.class, () -> read(bomb));
    }

    @Test
    void files_missingPath_isError() {
      assertThrows(EtlFormatException.class, () -> EtlTransactionReader.files(tmp.resolve("nope")));
    }

    @Test
    void files_directoryWithoutExports_isError() {
      EtlFormatException e = assertThrows(EtlFormatException.class, () -> EtlTransactionReader.files(tmp));
      assertTrue(e.getMessage().contains("no *transactions*"), e.getMessage());
    }

    @Test
    void rpc_amountWithNineDecimals_isRejectedNotRounded() {
      RpcJson rpc = new RpcJson(BtcNetwork.MAINNET);
      String t = "{\"txid\": \"4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b\", \"version\": 1,"
          + " \"locktime\": 0, \"vin\": [{\"coinbase\": \"00\", \"sequence\": 1}],"
          + " \"vout\": [{\"n\": 0, \"value\": 0.000000001, \"scriptPubKey\": {\"hex\": \"6a\"}}]}";
      EtlFormatException e = assertThrows(EtlFormatException.class, () -> rpc.transaction(rpc.parse(t, "x"), "x"));
      assertTrue(e.getMessage().contains("not an amount of BTC"), e.getMessage());
    }

    @Test
    void rpc_errorEnvelope_isError() {
      RpcJson rpc = new RpcJson(BtcNetwork.MAINNET);
      EtlFormatException e = assertThrows(EtlFormatException.class,
          () -> rpc.parse("{\"result\": null, \"error\": {\"code\": -5, \"message\": \"Block not found\"}, \"id\": 1}", "getblock"));
      assertTrue(e.getMessage().contains("Block not found"), e.getMessage());
    }
  }
}
