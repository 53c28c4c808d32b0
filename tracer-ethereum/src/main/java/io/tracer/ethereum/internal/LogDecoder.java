package io.tracer.ethereum.internal;

import io.tracer.core.internal.Keccak256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Decodes the token events tracer follows from raw logs (address, topics, data):
 *
 * <ul>
 *   <li>ERC-20 {@code Transfer(address indexed,address indexed,uint256)}: 3 topics, 32-byte data.
 *   <li>ERC-721 {@code Transfer(address indexed,address indexed,uint256 indexed)}: the same
 *       signature with the token id as a 4th topic and empty data.
 *   <li>ERC-1155 {@code TransferSingle} and {@code TransferBatch}.
 *   <li>ERC-20 {@code Approval(address indexed,address indexed,uint256)}, for the optional
 *       self-authorization heuristic.
 * </ul>
 *
 * A log that has the right topic but the wrong shape (missing topics, short data, a topic that is
 * not a left-padded address) is not a token event: it is skipped, not guessed at, because any
 * contract can emit any topic.
 */
public final class LogDecoder {
  public static final String TRANSFER_TOPIC = topic("Transfer(address,address,uint256)");
  public static final String APPROVAL_TOPIC = topic("Approval(address,address,uint256)");
  public static final String TRANSFER_SINGLE_TOPIC =
      topic("TransferSingle(address,address,address,uint256,uint256)");
  public static final String TRANSFER_BATCH_TOPIC =
      topic("TransferBatch(address,address,address,uint256[],uint256[])");

  /** At most this many ids in one ERC-1155 batch: more is a hostile log, not a transfer. */
  public static final int MAX_BATCH_IDS = 10_000;

  private LogDecoder() {}

  /** The standard a token event follows. */
  public enum Standard {
    ERC20,
    ERC721,
    ERC1155
  }

  /**
   * One decoded token movement.
   *
   * @param tokenId the NFT id for ERC-721/1155, null for ERC-20
   * @param amount token base units (ERC-20), 1 (ERC-721) or the count (ERC-1155)
   */
  public record TokenEvent(
      Standard standard, String contract, String from, String to, BigInteger amount, BigInteger tokenId) {}

  /** An ERC-20 approval: {@code owner} lets {@code spender} move up to {@code amount}. */
  public record ApprovalEvent(String contract, String owner, String spender, BigInteger amount) {}

  /** keccak256 of an event signature, as 0x + 64 lower-case hex digits. */
  public static String topic(String signature) {
    return "0x" + HexFormat.of().formatHex(Keccak256.hash(signature.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The token movements in one log; empty when it is not one of the events above. */
  public static List<TokenEvent> tokenEvents(String contract, List<String> topics, String data) {
    if (topics.isEmpty()) {
      return List.of();
    }
    String t0 = topics.get(0).toLowerCase(Locale.ROOT);
    byte[] d = dataBytes(data);
    if (d == null) {
      return List.of();
    }
    String c = contract.toLowerCase(Locale.ROOT);
    if (t0.equals(TRANSFER_TOPIC)) {
      if (topics.size() == 3 && d.length == 32) {
        String from = topicAddress(topics.get(1));
        String to = topicAddress(topics.get(2));
        if (from == null || to == null) {
          return List.of();
        }
        return List.of(new TokenEvent(Standard.ERC20, c, from, to, new BigInteger(1, d), null));
      }
      if (topics.size() == 4 && d.length == 0) {
        String from = topicAddress(topics.get(1));
        String to = topicAddress(topics.get(2));
        BigInteger id = topicWord(topics.get(3));
        if (from == null || to == null || id == null) {
          return List.of();
        }
        return List.of(new TokenEvent(Standard.ERC721, c, from, to, BigInteger.ONE, id));
      }
      return List.of();
    }
    if (t0.equals(TRANSFER_SINGLE_TOPIC) && topics.size() == 4 && d.length == 64) {
      String from = topicAddress(topics.get(2));
      String to = topicAddress(topics.get(3));
      if (from == null || to == null) {
        return List.of();
      }
      BigInteger id = new BigInteger(1, java.util.Arrays.copyOfRange(d, 0, 32));
      BigInteger value = new BigInteger(1, java.util.Arrays.copyOfRange(d, 32, 64));
      return List.of(new TokenEvent(Standard.ERC1155, c, from, to, value, id));
    }
    if (t0.equals(TRANSFER_BATCH_TOPIC) && topics.size() == 4) {
      String from = topicAddress(topics.get(2));
      String to = topicAddress(topics.get(3));
      if (from == null || to == null) {
        return List.of();
      }
      List<BigInteger> ids = uintArray(d, 0);
      List<BigInteger> values = uintArray(d, 1);
      if (ids == null || values == null || ids.size() != values.size()) {
        return List.of();
      }
      List<TokenEvent> out = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        out.add(new TokenEvent(Standard.ERC1155, c, from, to, values.get(i), ids.get(i)));
      }
      return out;
    }
    return List.of();
  }

  /** The ERC-20 approval in a log, or null. */
  public static ApprovalEvent approval(String contract, List<String> topics, String data) {
    if (topics.size() != 3 || !topics.get(0).toLowerCase(Locale.ROOT).equals(APPROVAL_TOPIC)) {
      return null;
    }
    byte[] d = dataBytes(data);
    String owner = topicAddress(topics.get(1));
    String spender = topicAddress(topics.get(2));
    if (d == null || d.length != 32 || owner == null || spender == null) {
      return null;
    }
    return new ApprovalEvent(contract.toLowerCase(Locale.ROOT), owner, spender, new BigInteger(1, d));
  }

  /** The address in a 32-byte topic (12 zero bytes, then 20), or null if it is not one. */
  static String topicAddress(String topic) {
    String t = topic.toLowerCase(Locale.ROOT);
    if (t.length() != 66 || !t.startsWith("0x") || !t.startsWith("000000000000000000000000", 2)) {
      return null;
    }
    String a = "0x" + t.substring(26);
    return isHex(a.substring(2)) ? a : null;
  }

  private static BigInteger topicWord(String topic) {
    String t = topic.toLowerCase(Locale.ROOT);
    if (t.length() != 66 || !t.startsWith("0x") || !isHex(t.substring(2))) {
      return null;
    }
    return new BigInteger(t.substring(2), 16);
  }

  /** Decodes the {@code index}-th dynamic uint256[] of ABI-encoded data, or null if malformed. */
  private static List<BigInteger> uintArray(byte[] d, int index) {
    int headAt = index * 32;
    if (d.length < headAt + 32) {
      return null;
    }
    BigInteger off = new BigInteger(1, java.util.Arrays.copyOfRange(d, headAt, headAt + 32));
    // In long: an offset near Integer.MAX_VALUE plus 32 would wrap negative and pass as int.
    if (off.bitLength() > 31 || off.intValue() % 32 != 0 || off.longValue() + 32 > d.length) {
      return null;
    }
    int o = off.intValue();
    BigInteger len = new BigInteger(1, java.util.Arrays.copyOfRange(d, o, o + 32));
    if (len.bitLength() > 31 || len.intValue() > MAX_BATCH_IDS) {
      return null;
    }
    int n = len.intValue();
    if ((long) o + 32 + 32L * n > d.length) {
      return null;
    }
    List<BigInteger> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = o + 32 + 32 * i;
      out.add(new BigInteger(1, java.util.Arrays.copyOfRange(d, at, at + 32)));
    }
    return out;
  }

  private static byte[] dataBytes(String data) {
    if (data == null) {
      return new byte[0];
    }
    String h = data.startsWith("0x") || data.startsWith("0X") ? data.substring(2) : data;
    if (h.length() % 2 != 0 || !isHex(h)) {
      return null;
    }
    return HexFormat.of().parseHex(h.toLowerCase(Locale.ROOT));
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
