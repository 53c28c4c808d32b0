package io.tracer.ethereum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tracer.ethereum.internal.LogDecoder.Standard;
import io.tracer.ethereum.internal.LogDecoder.TokenEvent;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LogDecoderTest {
  private static final String TOKEN = "0xdac17f958d2ee523a2206206994597c13d831ec7";
  private static final String A = "0x" + "1".repeat(40);
  private static final String B = "0x" + "2".repeat(40);
  private static final String OP = "0x" + "3".repeat(40);

  private static String topic(String address) {
    return "0x" + "0".repeat(24) + address.substring(2);
  }

  private static String word(long v) {
    String h = Long.toHexString(v);
    return "0".repeat(64 - h.length()) + h;
  }

  @Nested
  class HappyPath {
    @Test
    void tokenEvents_erc20Transfer_amountFromData() {
      assertEquals(List.of(new TokenEvent(Standard.ERC20, TOKEN, A, B, BigInteger.valueOf(28_000_000), null)),
          LogDecoder.tokenEvents(TOKEN.toUpperCase().replace("0X", "0x"),
              List.of(LogDecoder.TRANSFER_TOPIC, topic(A), topic(B)), "0x" + word(28_000_000)));
    }

    @Test
    void tokenEvents_erc721Transfer_idFromFourthTopic() {
      assertEquals(List.of(new TokenEvent(Standard.ERC721, TOKEN, A, B, BigInteger.ONE, BigInteger.valueOf(42))),
          LogDecoder.tokenEvents(TOKEN, List.of(LogDecoder.TRANSFER_TOPIC, topic(A), topic(B), "0x" + word(42)), "0x"));
    }

    @Test
    void tokenEvents_erc1155Single_idAndValue() {
      assertEquals(List.of(new TokenEvent(Standard.ERC1155, TOKEN, A, B, BigInteger.valueOf(3), BigInteger.valueOf(7))),
          LogDecoder.tokenEvents(TOKEN, List.of(LogDecoder.TRANSFER_SINGLE_TOPIC, topic(OP), topic(A), topic(B)),
              "0x" + word(7) + word(3)));
    }

    @Test
    void tokenEvents_erc1155Batch_oneEventPerId() {
      String data = "0x" + word(64) + word(160) + word(2) + word(7) + word(8) + word(2) + word(30) + word(40);
      assertEquals(List.of(
          new TokenEvent(Standard.ERC1155, TOKEN, A, B, BigInteger.valueOf(30), BigInteger.valueOf(7)),
          new TokenEvent(Standard.ERC1155, TOKEN, A, B, BigInteger.valueOf(40), BigInteger.valueOf(8))),
          LogDecoder.tokenEvents(TOKEN, List.of(LogDecoder.TRANSFER_BATCH_TOPIC, topic(OP), topic(A), topic(B)), data));
    }

    @Test
    void approval_erc20_decoded() {
      assertEquals(new LogDecoder.ApprovalEvent(TOKEN, A, B, BigInteger.TEN),
          LogDecoder.approval(TOKEN, List.of(LogDecoder.APPROVAL_TOPIC, topic(A), topic(B)), "0x" + word(10)));
    }
  }

  @Nested
  class Rejection {
    @Test
    void tokenEvents_transferWithShortData_skipped() {
      assertEquals(List.of(), LogDecoder.tokenEvents(TOKEN, List.of(LogDecoder.TRANSFER_TOPIC, topic(A), topic(B)), "0x01"));
    }

    @Test
    void tokenEvents_topicThatIsNotAnAddress_skipped() {
      String dirty = "0x" + "f".repeat(24) + A.substring(2);
      assertEquals(List.of(), LogDecoder.tokenEvents(TOKEN, List.of(LogDecoder.TRANSFER_TOPIC, dirty, topic(B)), "0x" + word(1)));
    }

    @Test
    void tokenEvents_batchClaimingHugeLength_skipped() {
      String data = "0x" + word(64) + word(96) + word(1_000_000_000L) + word(0);
      assertEquals(List.of(), LogDecoder.tokenEvents(TOKEN, List.of(LogDecoder.TRANSFER_BATCH_TOPIC, topic(OP), topic(A), topic(B)), data));
    }

    @Test
    void tokenEvents_batchOffsetNearIntMax_skippedNotThrown() {
      // 0x7fffffe0 + 32 wraps negative as an int: the bounds check must not pass it.
      String data = "0x" + word(0x7fffffe0L) + word(64) + word(0);
      assertEquals(List.of(), LogDecoder.tokenEvents(TOKEN,
          List.of(LogDecoder.TRANSFER_BATCH_TOPIC, topic(OP), topic(A), topic(B)), data));
    }

    @Test
    void tokenEvents_oddHexData_skipped() {
      assertEquals(List.of(), LogDecoder.tokenEvents(TOKEN, List.of(LogDecoder.TRANSFER_TOPIC, topic(A), topic(B)), "0xabc"));
    }

    @Test
    void approval_otherTopic_null() {
      assertNull(LogDecoder.approval(TOKEN, List.of(LogDecoder.TRANSFER_TOPIC, topic(A), topic(B)), "0x" + word(1)));
    }
  }
}
