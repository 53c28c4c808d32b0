package io.tracer.ethereum.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceException;
import io.tracer.core.source.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EthEtlSourceTest {
  @TempDir Path dir;

  private Path realExport() throws IOException {
    for (String f : List.of("transactions.csv", "receipts.csv", "token_transfers.csv", "traces.csv")) {
      try (InputStream in = getClass().getResourceAsStream("/io/tracer/ethereum/etl/real/" + f)) {
        Files.copy(in, dir.resolve(f));
      }
    }
    return dir;
  }

  private static Address a(String hex) {
    return Address.of(Chain.ETHEREUM, hex);
  }

  @Nested
  class HappyPath {
    @Test
    void open_realEthereumEtlRows_nativeTokenAndRewardTransfers() throws IOException {
      EthEtlSource src = EthEtlSource.open(realExport(), Chain.ETHEREUM);
      assertEquals(8, src.transfers().count());
      Transfer plain = src.transfers(TxId.parse("0x534020e731453f180b94ac4a8c4169503534c98dc9e577ab148adf3e1f6cf941")).get(0);
      assertEquals(TransferKind.NATIVE, plain.kind());
      assertEquals(a("0x46340b20830761efd32832a74d7169b29feb9758"), plain.from());
      assertEquals(a("0xaa5b4912762581d4bc519bba2c694a9f5ab7fe23"), plain.to());
      assertEquals(new BigInteger("84800000000000000"), plain.amount());
      assertEquals(BlockRef.of(17173049, 5, Instant.ofEpochSecond(1683029999)), plain.block());

      Transfer token = src.transfers(TxId.parse("0xcea6f89720cc1d2f46cc7a935463ae0b99dd5fad9c91bb7357de5421511cee49")).get(0);
      assertEquals(TransferKind.TOKEN, token.kind());
      assertEquals("0xf4eced2f682ce333f96f2d8966c613ded8fc95dd", token.asset().contract().orElseThrow());
      assertEquals(BigInteger.valueOf(200000), token.amount());
      assertEquals(1, token.block().position(), "transaction index taken from receipts.csv");

      List<Transfer> rewards = src.transfers().filter(t -> t.kind() == TransferKind.REWARD).toList();
      assertEquals(List.of(a("0xf8b483dba2c3b7176a3da549ad41a48bb3121069"), a("0x63a9975ba31b0b9626b34300f7f627147df1f526")),
          rewards.stream().map(Transfer::to).toList());
      assertEquals(new BigInteger("5000000000000000000"), rewards.get(0).amount());
    }

    @Test
    void open_realRows_historyInChainOrder() throws IOException {
      EthEtlSource src = EthEtlSource.open(realExport(), Chain.ETHEREUM);
      List<Transfer> h = src.history(a("0xE10510A359FF2334314052196780C5216E2A39F8"));
      assertEquals(1, h.size());
      assertEquals(a("0xdac17f958d2ee523a2206206994597c13d831ec7"), h.get(0).to());
    }

    @Test
    void open_internalTraces_quotedTraceAddressAndFailedSubtree() throws IOException {
      String tx = "0x" + "ab".repeat(32);
      String from = "0x" + "1".repeat(40);
      String c = "0x" + "2".repeat(40);
      Files.writeString(dir.resolve("transactions.csv"),
          "hash,nonce,block_hash,block_number,transaction_index,from_address,to_address,value,gas,gas_price,input,block_timestamp\n"
              + tx + ",0,0x" + "cd".repeat(32) + ",100,3," + from + "," + c + ",20,90000,10,\"0xabc,def\",1700000000\n");
      Files.writeString(dir.resolve("receipts.csv"),
          "transaction_hash,transaction_index,block_hash,block_number,cumulative_gas_used,gas_used,contract_address,root,status,effective_gas_price\n"
              + tx + ",3,0x" + "cd".repeat(32) + ",100,50000,50000,,,1,7\r\n");
      String h = "block_number,transaction_hash,transaction_index,from_address,to_address,value,input,output,trace_type,call_type,reward_type,gas,gas_used,subtraces,trace_address,error,status,trace_id\n";
      Files.writeString(dir.resolve("traces.csv"), h
          + "100," + tx + ",3," + from + "," + c + ",20,0x,0x,call,call,,1,1,3,,,1,x\n"
          + "100," + tx + ",3," + c + ",0x" + "3".repeat(40) + ",5,0x,0x,call,call,,1,1,0,0,,1,x\n"
          + "100," + tx + ",3," + c + ",0x" + "4".repeat(40) + ",7,0x,0x,call,call,,1,1,1,1,Reverted,0,x\n"
          + "100," + tx + ",3,0x" + "4".repeat(40) + ",0x" + "5".repeat(40) + ",2,0x,0x,call,call,,1,1,0,\"1,0\",,0,x\n"
          + "100," + tx + ",3," + c + ",0x" + "6".repeat(40) + ",9,0x,0x,call,delegatecall,,1,1,0,2,,1,x\n"
          + "100," + tx + ",3," + c + ",0x" + "7".repeat(40) + ",3,0x,0x,create,,,1,1,0,3,,1,x\n");
      EthEtlSource src = EthEtlSource.open(dir, Chain.ETHEREUM);
      List<Transfer> t = src.transfers(TxId.parse(tx));
      assertEquals(List.of(TransferKind.NATIVE, TransferKind.INTERNAL, TransferKind.INTERNAL, TransferKind.INTERNAL,
          TransferKind.INTERNAL, TransferKind.FEE), t.stream().map(Transfer::kind).toList());
      assertEquals(List.of(20L, 5L, 7L, 2L, 3L, 350_000L), t.stream().map(x -> x.amount().longValueExact()).toList());
      assertEquals(List.of(true, true, false, false, true, true), t.stream().map(Transfer::success).toList());
      assertEquals(List.of("missing", "token transfers: no token_transfers.csv"), List.of("missing", src.missing().get(0)));
    }

    @Test
    void sources_openEthEtlSpec_throughServiceLoader() throws IOException {
      realExport();
      try (LedgerSource s = Sources.open("eth-etl:" + dir, k -> null)) {
        assertInstanceOf(EthEtlSource.class, s);
        assertEquals("eth-etl " + dir, s.describe());
      }
    }
  }

  @Nested
  class Rejection {
    /** The message with which opening {@code dir} fails. */
    private String refusal() {
      return assertThrows(SourceException.class, () -> EthEtlSource.open(dir, Chain.ETHEREUM))
          .getMessage();
    }

    private static final String TX_HEADER =
        "hash,block_number,transaction_index,from_address,to_address,value,gas_price";

    /** A transaction row of {@link #TX_HEADER} in block 100 with this transaction_index. */
    private static String txRow(String index) {
      return "0x" + "ab".repeat(32) + ",100," + index + ",0x" + "1".repeat(40) + ",0x" + "2".repeat(40) + ",20,10";
    }

    @Test
    void open_noTransactionsCsv_saysSo() {
      String message = refusal();
      assertEquals("eth-etl: " + dir + " has no transactions.csv", message);
    }

    @Test
    void open_missingColumn_namesFileAndColumn() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"), "hash,block_number\n");
      String message = refusal();
      assertEquals("transactions.csv has no column 'transaction_index' (is it an ethereum-etl export?)", message);
    }

    @Test
    void open_valueAt2pow256_namesFileAndLine() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"),
          "hash,block_number,transaction_index,from_address,to_address,value,gas_price\n"
              + "0x" + "ab".repeat(32) + ",1,0,0x" + "1".repeat(40) + ",0x" + "2".repeat(40) + ","
              + BigInteger.ONE.shiftLeft(256) + ",1\n");
      String message = refusal();
      assertTrue(message.startsWith("eth-etl transactions.csv:2: value: value "), message);
    }

    @Test
    void open_blocksTimestampBeyond2106_namesFileAndLine() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"), TX_HEADER + "\n");
      Files.writeString(dir.resolve("blocks.csv"),
          "number,hash,timestamp\n100,0x" + "cd".repeat(32) + ",9223372036854775807\n");
      String message = refusal();
      assertEquals("eth-etl blocks.csv:2: timestamp: 9223372036854775807 is not a block time "
          + "(0..4294967295 seconds, 1970..2106)", message);
    }

    @Test
    void open_transactionBlockTimestampBeyond2106_namesFileAndLine() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"), TX_HEADER + ",block_timestamp\n"
          + txRow("3") + ",4294967296\n");
      String message = refusal();
      assertEquals("eth-etl transactions.csv:2: block_timestamp: 4294967296 is not a block time "
          + "(0..4294967295 seconds, 1970..2106)", message);
    }

    @Test
    void open_transactionIndex2pow31_namesFileAndLineNotCutToAnInt() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"), TX_HEADER + "\n" + txRow("2147483648") + "\n");
      String message = refusal();
      assertEquals("eth-etl transactions.csv:2: transaction_index: 2147483648 does not fit an index "
          + "(2^31 - 1 at most)", message);
    }

    @Test
    void open_receiptIndex2pow32plus5_namesFileAndLineNotIndex5() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"), TX_HEADER + "\n");
      Files.writeString(dir.resolve("receipts.csv"), "transaction_hash,transaction_index,gas_used,status\n"
          + "0x" + "ab".repeat(32) + ",4294967301,21000,1\n");
      String message = refusal();
      assertEquals("eth-etl receipts.csv:2: transaction_index: 4294967301 does not fit an index "
          + "(2^31 - 1 at most)", message);
    }

    @Test
    void open_logIndexThatOverflowsThePosition_namesFileAndLine() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"), TX_HEADER + "\n" + txRow("3") + "\n");
      Files.writeString(dir.resolve("token_transfers.csv"),
          "token_address,from_address,to_address,value,transaction_hash,log_index,block_number\n0x"
              + "3".repeat(40) + ",0x" + "1".repeat(40) + ",0x" + "2".repeat(40) + ",7,0x" + "ab".repeat(32)
              + ",2147000000,100\n");
      String message = refusal();
      assertEquals("eth-etl token_transfers.csv:2: log_index: 2147000000 is above 2146483647 "
          + "(no block holds that many logs)", message);
    }

    private static final String TRACE_HEADER = "block_number,transaction_hash,transaction_index,from_address,"
        + "to_address,value,trace_type,call_type,trace_address,status,error\n";

    @Test
    void open_traceWithBadToAddress_namesFileAndLine() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"), TX_HEADER + "\n" + txRow("3") + "\n");
      Files.writeString(dir.resolve("traces.csv"), TRACE_HEADER
          + "100,0x" + "ab".repeat(32) + ",3,0x" + "2".repeat(40) + ",0xZZ,5,call,call,0,1,\n");
      String message = refusal();
      assertTrue(message.startsWith("eth-etl traces.csv:2: not an EVM address"), message);
    }

    @Test
    void open_rewardWithoutAddress_namesFileAndLine() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"), TX_HEADER + "\n");
      Files.writeString(dir.resolve("traces.csv"), TRACE_HEADER + "100,,,,,5000000000000000000,reward,,,1,\n");
      String message = refusal();
      assertEquals("eth-etl traces.csv:2: reward of 5000000000000000000 wei without a to_address", message);
    }

    @Test
    void open_tokenDecimals78_namesFileAndLineNotZero() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"), TX_HEADER + "\n");
      Files.writeString(dir.resolve("tokens.csv"), "address,symbol,decimals\n0x" + "3".repeat(40) + ",T,77\n0x"
          + "4".repeat(40) + ",U,78\n");
      String message = refusal();
      assertEquals("eth-etl tokens.csv:3: decimals: 78 is above 77", message);
    }

    @Test
    void open_unterminatedQuote_failsWithLine() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"),
          "hash,block_number,transaction_index,from_address,to_address,value,gas_price\n\"0xab,1");
      String message = refusal();
      assertEquals("transactions.csv:2: file ends inside a quoted field", message);
    }

    @Test
    void open_badAddress_rejected() throws IOException {
      Files.writeString(dir.resolve("transactions.csv"),
          "hash,block_number,transaction_index,from_address,to_address,value,gas_price\n"
              + "0x" + "ab".repeat(32) + ",1,0,<script>,0x" + "2".repeat(40) + ",1,1\n");
      String message = refusal();
      assertTrue(message.startsWith("eth-etl transactions.csv:2: not an EVM address"), message);
    }
  }
}
