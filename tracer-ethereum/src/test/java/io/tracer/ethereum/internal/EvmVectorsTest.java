package io.tracer.ethereum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracer.core.internal.Keccak256;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;

/**
 * Core's Keccak-256 and EIP-55 display checked against published vectors and against web3j's
 * independent implementation (BouncyCastle), and the event topics and selectors tracer uses.
 */
class EvmVectorsTest {
  private static String keccak(String ascii) {
    return HexFormat.of().formatHex(Keccak256.hash(ascii.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void hash_emptyInput_matchesKnownVector() {
    assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", keccak(""));
  }

  @Test
  void hash_abc_matchesKnownVector() {
    assertEquals("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", keccak("abc"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 135, 136, 137, 271, 272, 1000})
  void hash_lengthsAroundTheRate_matchesWeb3j(int n) {
    String s = "x".repeat(n);
    assertEquals(Hash.sha3String(s).substring(2), keccak(s));
  }

  /** The vectors listed in EIP-55 itself. */
  @ParameterizedTest
  @ValueSource(strings = {
      "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
      "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26",
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
      "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
  void display_eip55Vectors_roundTripFromAnyCase(String checksummed) {
    assertEquals(checksummed, Address.of(Chain.ETHEREUM, checksummed.toLowerCase()).display());
    assertEquals(checksummed, Address.of(Chain.ETHEREUM, "0x" + checksummed.substring(2).toUpperCase()).display());
    assertEquals(Keys.toChecksumAddress(checksummed), Address.of(Chain.ETHEREUM, checksummed).display());
  }

  @Test
  void topics_transferAndApproval_matchTheStandardValues() {
    assertEquals("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", LogDecoder.TRANSFER_TOPIC);
    assertEquals(Hash.sha3String("Approval(address,address,uint256)"), LogDecoder.APPROVAL_TOPIC);
    assertEquals("0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62", LogDecoder.TRANSFER_SINGLE_TOPIC);
    assertEquals("0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb", LogDecoder.TRANSFER_BATCH_TOPIC);
  }

  @Test
  void selectors_symbolAndDecimals_areKeccakPrefixes() {
    assertEquals(Hash.sha3String("symbol()").substring(0, 10), TokenMetadata.SYMBOL_SELECTOR);
    assertEquals(Hash.sha3String("decimals()").substring(0, 10), TokenMetadata.DECIMALS_SELECTOR);
  }
}
