package io.tracer.ethereum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QuantitiesTest {
  private static final BigInteger MAX = Quantities.TWO_256.subtract(BigInteger.ONE);

  @Nested
  class HappyPath {
    @Test
    void hex_largestWord_accepted() {
      assertEquals(MAX, Quantities.hex("0x" + "f".repeat(64), "v"));
    }

    @Test
    void hex_bareZeroX_isZero() {
      assertEquals(BigInteger.ZERO, Quantities.hex("0x", "v"));
    }

    @Test
    void decimal_largestWord_accepted() {
      assertEquals(MAX, Quantities.decimal(MAX.toString(), "v"));
    }

    @Test
    void hexLong_blockNumber_parsed() {
      assertEquals(17_173_049L, Quantities.hexLong("0x1060a39", "n"));
    }
  }

  @Nested
  class Rejection {
    @Test
    void hex_exactly2pow256_rejected() {
      Quantities.BadValueException e = assertThrows(Quantities.BadValueException.class,
          () -> Quantities.hex("0x1" + "0".repeat(64), "value of tx 0xab"));
      assertEquals("value of tx 0xab: value " + Quantities.clip(Quantities.TWO_256.toString()) + " is 2^256 or more", e.getMessage());
    }

    @Test
    void decimal_2pow256_rejected() {
      assertThrows(Quantities.BadValueException.class, () -> Quantities.decimal(Quantities.TWO_256.toString(), "v"));
    }

    @Test
    void hex_thousandsOfDigits_rejectedBeforeParsing() {
      Quantities.BadValueException e = assertThrows(Quantities.BadValueException.class,
          () -> Quantities.hex("0x" + "1".repeat(100_000), "v"));
      assertEquals("v: 100000 hex digits, beyond 256 bits", e.getMessage());
    }

    @Test
    void hex_negativeOrGarbage_rejected() {
      assertThrows(Quantities.BadValueException.class, () -> Quantities.hex("0x-1", "v"));
      assertThrows(Quantities.BadValueException.class, () -> Quantities.hex("0xzz", "v"));
      assertThrows(Quantities.BadValueException.class, () -> Quantities.hex("12", "v"));
      assertThrows(Quantities.BadValueException.class, () -> Quantities.hex(null, "v"));
    }

    @Test
    void hex_signsAndNonAsciiDigits_rejected() {
      for (String bad : new String[] {"0x+1", "0x-0", "0x\u0661", "0x\uff11"}) {
        Quantities.BadValueException e = assertThrows(Quantities.BadValueException.class,
            () -> Quantities.hex(bad, "v"), bad);
        assertEquals("v: not hex: '" + bad + "'", e.getMessage());
      }
    }

    @Test
    void decimal_signsSpacesAndExponents_rejected() {
      assertThrows(Quantities.BadValueException.class, () -> Quantities.decimal("-5", "v"));
      assertThrows(Quantities.BadValueException.class, () -> Quantities.decimal("1e18", "v"));
      assertThrows(Quantities.BadValueException.class, () -> Quantities.decimal("", "v"));
      assertThrows(Quantities.BadValueException.class, () -> Quantities.decimal("1.5", "v"));
    }

    @Test
    void hexIntAndDecimalInt_beyondInt_rejectedNotCut() {
      assertEquals(Integer.MAX_VALUE, Quantities.hexInt("0x7fffffff", "i"));
      Quantities.BadValueException e = assertThrows(Quantities.BadValueException.class,
          () -> Quantities.hexInt("0x100000001", "log logIndex"));
      assertEquals("log logIndex: 4294967297 does not fit an index (2^31 - 1 at most)", e.getMessage());
      assertEquals(Integer.MAX_VALUE, Quantities.decimalInt("2147483647", "i"));
      assertThrows(Quantities.BadValueException.class, () -> Quantities.decimalInt("2147483648", "i"));
    }

    @Test
    void hexLong_beyondLong_rejected() {
      assertThrows(Quantities.BadValueException.class, () -> Quantities.hexLong("0x8000000000000000", "n"));
      assertEquals(Long.MAX_VALUE, Quantities.hexLong("0x7fffffffffffffff", "n"));
    }
  }
}
