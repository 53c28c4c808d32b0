package io.tracer.bitcoin.script;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitcoinAddressKeysTest {
  private static final BitcoinAddressKeys MAIN = BitcoinAddressKeys.of(BtcNetwork.MAINNET);

  @ParameterizedTest(name = "{0} -> tag {1}, {2} bytes")
  @CsvSource({
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, 1, 21",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy, 2, 21",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4, 3, 21",
    "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3, 4, 33",
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0, 5, 33",
    "~script:3a13cdb305360cc701f735014c1c6b7ef872ae8d31483282e406d6eb84f4d5d4, 6, 33",
    "~op_return:3a13cdb305360cc701f735014c1c6b7ef872ae8d31483282e406d6eb84f4d5d4, 7, 33",
  })
  void key_keyedForms_roundTripThroughTheirTagAndHash(String text, int tag, int length) {
    Address a = Address.ofValue(Chain.BITCOIN, text);
    byte[] k = MAIN.key(a);
    assertEquals(tag, k[0]);
    assertEquals(length, k.length);
    assertEquals(a, MAIN.address(Chain.BITCOIN, k, 0, k.length));
  }

  @Test
  void key_p2pkhAddress_isTag1AndItsHash160() {
    byte[] k = MAIN.key(Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
    assertArrayEquals(HexFormat.of().parseHex("0162e907b15cbf27d5425399ebf6f0fb50ebb88f18"), k);
  }

  @ParameterizedTest(name = "{0} stays text")
  @CsvSource({
    "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", // testnet P2PKH in a mainnet ledger
    "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", // testnet bech32
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", // bad checksum
    "~script:ABCD", // not a 64-digit lower-case hash
    "~fee",
  })
  void key_otherForms_areStoredAsTextAndComeBackUnchanged(String text) {
    Address a = Address.ofValue(Chain.BITCOIN, text);
    byte[] k = MAIN.key(a);
    assertEquals(0, k[0]);
    assertEquals(a, MAIN.address(Chain.BITCOIN, k, 0, k.length));
  }

  @Test
  void key_sameHashUnderP2pkhAndP2wpkh_areDifferentKeys() {
    byte[] p2pkh = MAIN.key(Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
    byte[] script = new byte[22];
    script[1] = 20;
    System.arraycopy(p2pkh, 1, script, 2, 20);
    byte[] dst = new byte[BitcoinAddressKeys.MAX_SCRIPT_KEY];
    int n = OutputScripts.classifyKey(script, 0, script.length, dst) & 0xff;
    assertEquals(21, n);
    assertEquals(BitcoinAddressKeys.P2WPKH, dst[0]);
    assertNotEquals(p2pkh[0], dst[0]);
    Address segwit = MAIN.address(Chain.BITCOIN, dst, 0, n);
    assertEquals(OutputScripts.classify(script, BtcNetwork.MAINNET).address(), segwit);
  }
}
