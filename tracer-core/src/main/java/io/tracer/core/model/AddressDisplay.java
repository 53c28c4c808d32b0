package io.tracer.core.model;

import io.tracer.core.internal.Keccak256;

/** Display forms of addresses, kept apart so {@link Address} stays a plain value type. */
final class AddressDisplay {
  private AddressDisplay() {}

  /** EIP-55: a hex digit is upper case when the matching nibble of keccak256(lower hex) is >= 8. */
  static String evmChecksum(String lowerHex0x) {
    String hex = lowerHex0x.substring(2);
    byte[] hash = Keccak256.hash(hex.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    StringBuilder sb = new StringBuilder(42).append("0x");
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      sb.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }
}
