package io.tracer.bitcoin.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutputType;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class OutputScriptsTest {
  private static final HexFormat HEX = HexFormat.of();

  /** Genesis coinbase output: a 65-byte key and OP_CHECKSIG. */
  private static final String GENESIS_P2PK =
      "4104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac";

  private static ScriptAddress classifyHex(String hex, BtcNetwork net) {
    return OutputScripts.classify(HEX.parseHex(hex), net);
  }

  private static byte[] scriptOf(String address, BitcoinNetwork net) {
    return ScriptBuilder.createOutputScript(AddressParser.getDefault(net).parseAddress(address))
        .program();
  }

  @Nested
  class HappyPath {
    @Test
    void classify_genesisPayToPubKey_isP2pkWithItsP2pkhAddress() {
      ScriptAddress sa = classifyHex(GENESIS_P2PK, BtcNetwork.MAINNET);
      assertEquals(OutputType.P2PK, sa.type());
      assertEquals(Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), sa.address());
    }

    @Test
    void classify_compressedPayToPubKey_isP2pkLikeBitcoinjKeyAddress() {
      ECKey key = ECKey.fromPrivate(java.math.BigInteger.valueOf(123456789L));
      byte[] script = ScriptBuilder.createP2PKOutputScript(key).program();
      ScriptAddress sa = OutputScripts.classify(script, BtcNetwork.MAINNET);
      assertEquals(OutputType.P2PK, sa.type());
      assertEquals(key.toAddress(ScriptType.P2PKH, BitcoinNetwork.MAINNET).toString(), sa.address().value());
    }

    @ParameterizedTest
    @CsvSource({
      "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, P2PKH",
      "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy, P2SH",
      "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4, P2WPKH",
      "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3, P2WSH",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0, P2TR"
    })
    void classify_mainnetStandardScript_givesTheSameAddressBack(String address, OutputType type) {
      ScriptAddress sa =
          OutputScripts.classify(scriptOf(address, BitcoinNetwork.MAINNET), BtcNetwork.MAINNET);
      assertEquals(type, sa.type());
      assertEquals(address, sa.address().value());
    }

    @ParameterizedTest
    @CsvSource({
      "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn, P2PKH",
      "2MzQwSSnBHWHqSAqtTVQ6v47XtaisrJa1Vc, P2SH",
      "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx, P2WPKH",
      "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7, P2WSH"
    })
    void classify_testnetScript_givesTestnetAddressOnTestnetNetworks(String address, OutputType type) {
      byte[] script = scriptOf(address, BitcoinNetwork.TESTNET);
      for (BtcNetwork n : new BtcNetwork[] {BtcNetwork.TESTNET3, BtcNetwork.TESTNET4, BtcNetwork.SIGNET}) {
        ScriptAddress sa = OutputScripts.classify(script, n);
        assertEquals(type, sa.type());
        assertEquals(address, sa.address().value(), n.id());
      }
    }

    @Test
    void classify_regtestScripts_giveRegtestAddressesThatBitcoinjParses() {
      ECKey key = ECKey.fromPrivate(java.math.BigInteger.valueOf(42));
      AddressParser regtest = AddressParser.getDefault(BitcoinNetwork.REGTEST);
      ScriptAddress p2pkh =
          OutputScripts.classify(ScriptBuilder.createP2PKHOutputScript(key).program(), BtcNetwork.REGTEST);
      ScriptAddress p2wpkh =
          OutputScripts.classify(ScriptBuilder.createP2WPKHOutputScript(key).program(), BtcNetwork.REGTEST);
      assertEquals(key.toAddress(ScriptType.P2PKH, BitcoinNetwork.REGTEST).toString(), p2pkh.address().value());
      assertTrue(p2wpkh.address().value().startsWith("bcrt1q"), p2wpkh.address().value());
      assertEquals(
          key.toAddress(ScriptType.P2WPKH, BitcoinNetwork.REGTEST).toString(), p2wpkh.address().value());
      assertNotNull(regtest.parseAddress(p2wpkh.address().value()));
    }

    @Test
    void classify_opReturn_isStablePseudoAddressFromSha256OfScript() throws Exception {
      byte[] script = HEX.parseHex("6a0b68656c6c6f20776f726c64");
      ScriptAddress sa = OutputScripts.classify(script, BtcNetwork.MAINNET);
      String sha = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(script));
      assertEquals(OutputType.OP_RETURN, sa.type());
      assertEquals("~op_return:" + sha, sa.address().value());
      assertTrue(sa.address().isPseudo());
      assertEquals(sa, OutputScripts.classify(script.clone(), BtcNetwork.MAINNET));
    }

    @Test
    void classify_oneOfTwoMultisig_isMultisigPseudoAddress() {
      ECKey a = ECKey.fromPrivate(java.math.BigInteger.valueOf(7));
      ECKey b = ECKey.fromPrivate(java.math.BigInteger.valueOf(8));
      byte[] script = ScriptBuilder.createMultiSigOutputScript(1, java.util.List.of(a, b)).program();
      ScriptAddress sa = OutputScripts.classify(script, BtcNetwork.MAINNET);
      assertEquals(OutputType.MULTISIG, sa.type());
      assertEquals(OutputScripts.pseudoAddress(OutputScripts.PSEUDO_SCRIPT, script), sa.address());
      assertEquals(ScriptType.P2PKH, Script.parse(ScriptBuilder.createP2PKHOutputScript(a).program()).getScriptType());
    }

    @Test
    void classify_sameScriptOnAnyNetwork_givesTheSamePseudoAddress() {
      byte[] script = HEX.parseHex("51ae"); // OP_1 OP_CHECKMULTISIG: no keys, non-standard
      ScriptAddress main = OutputScripts.classify(script, BtcNetwork.MAINNET);
      ScriptAddress reg = OutputScripts.classify(script, BtcNetwork.REGTEST);
      assertEquals(OutputType.NONSTANDARD, main.type());
      assertEquals(main, reg);
    }

    @Test
    void classify_emptyScript_isNonstandardWithSha256OfNothing() {
      ScriptAddress sa = OutputScripts.classify(new byte[0], BtcNetwork.MAINNET);
      assertEquals(OutputType.NONSTANDARD, sa.type());
      assertEquals(
          "~script:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sa.address().value());
    }

    @Test
    void classify_sliceOfLargerBuffer_readsOnlyTheSlice() {
      byte[] inner = HEX.parseHex(GENESIS_P2PK);
      byte[] buf = new byte[inner.length + 10];
      System.arraycopy(inner, 0, buf, 5, inner.length);
      assertEquals(
          OutputScripts.classify(inner, BtcNetwork.MAINNET),
          OutputScripts.classify(buf, 5, inner.length, BtcNetwork.MAINNET));
    }
  }

  @Nested
  class EdgeCases {
    @ParameterizedTest
    @EnumSource(BtcNetwork.class)
    void classify_witnessVersion2_isWitnessUnknown(BtcNetwork net) {
      byte[] script = new byte[2 + 32];
      script[0] = 0x52; // OP_2
      script[1] = 32;
      assertEquals(OutputType.WITNESS_UNKNOWN, OutputScripts.classify(script, net).type());
    }

    @Test
    void classify_witnessV1With20Bytes_isWitnessUnknownNotTaproot() {
      byte[] script = new byte[22];
      script[0] = 0x51;
      script[1] = 20;
      assertEquals(OutputType.WITNESS_UNKNOWN, OutputScripts.classify(script, BtcNetwork.MAINNET).type());
    }

    @Test
    void classify_witnessV0With21Bytes_isNonstandard() {
      byte[] script = new byte[23];
      script[1] = 21;
      assertEquals(OutputType.NONSTANDARD, OutputScripts.classify(script, BtcNetwork.MAINNET).type());
    }

    @Test
    void classify_witnessProgramOf40Bytes_isWitnessUnknownButOf41Bytes_isNonstandard() {
      byte[] s40 = new byte[42];
      s40[0] = 0x53;
      s40[1] = 40;
      byte[] s41 = new byte[43];
      s41[0] = 0x53;
      s41[1] = 41;
      assertEquals(OutputType.WITNESS_UNKNOWN, OutputScripts.classify(s40, BtcNetwork.MAINNET).type());
      assertEquals(OutputType.NONSTANDARD, OutputScripts.classify(s41, BtcNetwork.MAINNET).type());
    }

    @Test
    void classify_pubKeyWithBadPrefix_isNonstandard() {
      byte[] script = HEX.parseHex(GENESIS_P2PK);
      script[1] = 0x05; // not 04/06/07
      assertEquals(OutputType.NONSTANDARD, OutputScripts.classify(script, BtcNetwork.MAINNET).type());
    }

    @Test
    void classify_p2pkhWithWrongLastOpcode_isNonstandard() {
      byte[] script = scriptOf("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", BitcoinNetwork.MAINNET);
      script[24] = (byte) 0xad;
      ScriptAddress sa = OutputScripts.classify(script, BtcNetwork.MAINNET);
      assertEquals(OutputType.NONSTANDARD, sa.type());
      assertNotEquals("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", sa.address().value());
    }

    @Test
    void classify_randomBytes_neverThrowsAndAlwaysGivesAnAddress() {
      Random rnd = new Random(20261123L);
      for (int i = 0; i < 50_000; i++) {
        byte[] script = new byte[rnd.nextInt(80)];
        rnd.nextBytes(script);
        if (script.length > 1 && rnd.nextBoolean()) {
          script[1] = (byte) (script.length - 2); // make witness-program-like shapes common
        }
        for (BtcNetwork n : BtcNetwork.values()) {
          ScriptAddress sa = OutputScripts.classify(script, n);
          assertNotNull(sa.address());
        }
      }
    }
  }
}
