package io.tracer.ethereum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenMetadataTest {
  private static String abiString(String s) {
    String hex = java.util.HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String len = Integer.toHexString(s.length());
    return "0x" + "0".repeat(62) + "20" + "0".repeat(64 - len.length()) + len + hex + "0".repeat((64 - hex.length() % 64) % 64);
  }

  @Test
  void symbol_abiString_decoded() {
    assertEquals("USDT", TokenMetadata.symbol(abiString("USDT")));
  }

  @Test
  void symbol_bytes32LikeMkr_decoded() {
    assertEquals("MKR", TokenMetadata.symbol("0x4d4b52" + "0".repeat(58)));
  }

  @Test
  void symbol_htmlInjection_replacedByUnknown() {
    assertEquals(TokenMetadata.UNKNOWN_SYMBOL, TokenMetadata.symbol(abiString("<script>alert(1)</script>")));
  }

  @Test
  void symbol_garbage_unknown() {
    assertEquals(TokenMetadata.UNKNOWN_SYMBOL, TokenMetadata.symbol("0x12"));
    assertEquals(TokenMetadata.UNKNOWN_SYMBOL, TokenMetadata.symbol(null));
  }

  @Test
  void decimals_boundaries_77AcceptedAnd78Rejected() {
    assertEquals(6, TokenMetadata.decimals("0x" + "0".repeat(63) + "6"));
    assertEquals(77, TokenMetadata.decimals("0x" + "0".repeat(62) + "4d"));
    assertEquals(-1, TokenMetadata.decimals("0x" + "0".repeat(62) + "4e"));
    assertEquals(-1, TokenMetadata.decimals("0x"));
  }
}
