package io.tracer.bitcoin.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.blocks.BlockFileException;
import io.tracer.bitcoin.demo.DemoSource;
import io.tracer.bitcoin.etl.EtlFormatException;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.Sources;
import io.tracer.core.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BitcoinSourceProvidersTest {
  private static final TxId HAL =
      TxId.parse("f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16");

  @TempDir Path tmp;

  private static BitcoinSource open(String spec) {
    LedgerSource s = Sources.open(spec, k -> null);
    return assertInstanceOf(BitcoinSource.class, s);
  }

  @Nested
  class HappyPath {
    @Test
    void providers_registersBothSchemes() {
      assertTrue(Sources.providers().containsKey("btc-blocks"));
      assertTrue(Sources.providers().containsKey("btc-etl"));
    }

    @Test
    void open_btcBlocksFramedFile_resolvesInputsAndKnowsBlocks() {
      BitcoinSource s = open("btc-blocks:" + SharedData.file("bitcoinj-blocks/first-100k-blocks.dat"));
      assertEquals(446, s.ledger().size());
      assertEquals(439, s.blocks().size());
      UtxoTx t = s.transaction(HAL).orElseThrow();
      assertEquals("12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S", t.inputs().get(0).address().value());
      assertEquals("00000000d1145790a8694403d4063f323d499e655c83426834d4ce2f8dd4a2ee", s.blockOf(t).orElseThrow().hash());
      assertTrue(s.describe().contains("mainnet") && s.describe().contains("439 blocks"), s.describe());
      assertTrue(s.history(Address.of(Chain.BITCOIN, "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3")).contains(HAL));
    }

    @Test
    void open_btcBlocksDirectory_readsBlkFiles() throws Exception {
      Files.createDirectories(tmp.resolve("blocks"));
      Files.copy(SharedData.file("bitcoinj-blocks/first-100k-blocks.dat"), tmp.resolve("blocks/blk00000.dat"));
      assertEquals(446, open("btc-blocks:" + tmp.resolve("blocks")).ledger().size());
    }

    @Test
    void open_rawTestnetBlockWithNetworkOption_givesTestnetAddresses() {
      BitcoinSource s = open("btc-blocks:" + SharedData.file("bitcoinj-blocks/block_testnet32768.dat") + "?network=testnet3");
      UtxoTx cb = s.transactions().findFirst().orElseThrow();
      assertEquals("mvYefvcwVdrPkpXSQx5naL2z37oCVfATdv", cb.output(0).address().value());
      assertEquals(32768, s.blocks().get(0).height());
    }

    @Test
    void open_btcEtlFixturesDirectory_loadsEveryExport() {
      BitcoinSource s = open("btc-etl:" + SharedData.file("bitcoin-etl-fixtures"));
      UtxoTx genesis = s.transaction(
          TxId.parse("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b")).orElseThrow();
      assertEquals("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", genesis.output(0).address().value());
      assertTrue(s.transaction(TxId.parse("00".repeat(32))).isEmpty());
    }

    @Test
    void open_demoRegtestBlocks_agreesWithTheDemoSource() throws Exception {
      Path f = tmp.resolve("demo-blocks.dat");
      try (InputStream in = DemoSource.class.getResourceAsStream("demo-blocks.dat")) {
        Files.copy(in, f);
      }
      BitcoinSource ours = open("btc-blocks:" + f);
      assertTrue(ours.describe().contains("regtest"), ours.describe());
      DemoSource demo = DemoSource.open();
      Map<TxId, UtxoTx> theirs = demo.transactions().collect(Collectors.toMap(UtxoTx::id, t -> t));
      assertEquals(theirs.size(), ours.ledger().size());
      for (UtxoTx t : (Iterable<UtxoTx>) ours.transactions()::iterator) {
        UtxoTx d = theirs.get(t.id());
        assertEquals(d.outputs().stream().map(TxOut::address).toList(), t.outputs().stream().map(TxOut::address).toList());
        assertEquals(d.outputValue(), t.outputValue());
        for (TxOut o : t.outputs()) {
          String a = o.address().value();
          assertTrue(o.address().isPseudo() || a.startsWith("bcrt1") || a.startsWith("m") || a.startsWith("n") || a.startsWith("2"), a);
        }
      }
      assertEquals(0, ours.ledger().unresolvedInputs());
    }
  }

  @Nested
  class Rejection {
    @Test
    void open_btcBlocksWithoutPath_isUsageError() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sources.open("btc-blocks:", k -> null));
      assertTrue(e.getMessage().contains("needs a path"), e.getMessage());
    }

    @Test
    void open_unknownOption_isUsageError() {
      assertThrows(IllegalArgumentException.class, () -> Sources.open("btc-blocks:/x?network=mainnet&fast", k -> null));
      assertThrows(IllegalArgumentException.class, () -> Sources.open("btc-etl:/x?lenient", k -> null));
    }

    @Test
    void open_unknownNetwork_listsTheKnownOnes() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sources.open("btc-blocks:/x?network=moon", k -> null));
      assertTrue(e.getMessage().contains("regtest"), e.getMessage());
    }

    @Test
    void open_mainnetFileExpectedRegtest_isWrongNetwork() {
      assertThrows(BlockFileException.WrongNetwork.class,
          () -> Sources.open("btc-blocks:" + SharedData.file("bitcoinj-blocks/first-100k-blocks.dat") + "?network=regtest", k -> null));
    }

    @Test
    void open_missingPaths_areClearErrors() {
      assertThrows(BlockFileException.NoBlockData.class, () -> Sources.open("btc-blocks:" + tmp.resolve("none"), k -> null));
      assertThrows(EtlFormatException.class, () -> Sources.open("btc-etl:" + tmp.resolve("none"), k -> null));
    }

    @Test
    void parse_threads_forBlockDataOnly_withinRange() {
      SourceSpec s = SourceSpec.parse("btc-blocks", "/data/blocks?network=mainnet&threads=3&lenient", true);
      assertEquals(3, s.threads());
      assertEquals(true, s.lenient());
      assertEquals(0, SourceSpec.parse("btc-blocks", "/data/blocks", true).threads(), "0: the default");
      for (String bad : new String[] {"0", "-1", "257", "two", ""}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SourceSpec.parse("btc-blocks", "/data/blocks?threads=" + bad, true));
        assertEquals("threads must be a whole number from 1 to 256, got '" + bad + "'", e.getMessage());
      }
      IllegalArgumentException etl = assertThrows(IllegalArgumentException.class,
          () -> SourceSpec.parse("btc-etl", "/data/etl?threads=2", false));
      assertTrue(etl.getMessage().contains("unknown option 'threads=2'"), etl.getMessage());
    }

    @Test
    void open_blocksOnOneOrSeveralThreads_giveTheSameLedger() {
      Path f = SharedData.file("bitcoinj-blocks/first-100k-blocks.dat");
      BitcoinSource one = (BitcoinSource) Sources.open("btc-blocks:" + f + "?threads=1", k -> null);
      BitcoinSource four = (BitcoinSource) Sources.open("btc-blocks:" + f + "?threads=4", k -> null);
      assertEquals(one.blocks(), four.blocks());
      assertEquals(one.transactions().toList(), four.transactions().toList());
    }

    @Test
    void parse_pathContainingQuestionMark_isKeptWhenNotFollowedByOptions() {
      SourceSpec s = SourceSpec.parse("btc-blocks", "/data/what?.dat", true);
      assertEquals(Path.of("/data/what?.dat"), s.path());
      assertEquals(null, s.network());
    }
  }
}
