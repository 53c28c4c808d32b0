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
