package io.tracer.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValueTypesContractTest {

  @Test
  void equalsContract_allValueTypes() {
    EqualsVerifier.forClass(Address.class).withNonnullFields("chain", "value").verify();
    EqualsVerifier.forClass(Amount.class).withNonnullFields("asset", "units").verify();
    EqualsVerifier.forClass(Asset.class)
        .withIgnoredFields("symbol", "decimals")
        .withNonnullFields("chain")
        .verify();
    // Records (OutPoint, InPoint, BlockRef) get compiler-generated equals/hashCode; their
    // validating constructors reject the values EqualsVerifier would try, so they are not listed.
  }

  @Test
  void txIdEquals_isByBytes_andHashUsesFirstBytes() {
    TxId a = TxId.parse("f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16");
    TxId b = TxId.parse("0xF4184FC596403B9D638783CF57ADFE4C75C605F6356FBC91338530E9831E9E16");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, TxId.parse("00".repeat(32)));
    // Not EqualsVerifier: a TxId always holds exactly 32 bytes, which it cannot be told.
    assertNotEquals(a.hashCode(), TxId.parse("01" + "00".repeat(31)).hashCode());
    assertEquals(a, TxId.of(a.toBytes()));
  }

  @Nested
  class AddressForms {
    @Test
    void of_evmAnyCase_isCanonicalLowerCase() {
      Address a = Address.of(Chain.ETHEREUM, "0x01e2919679362dFBC9ee1644Ba9C6da6D6245BB1");
      Address b = Address.of(Chain.ETHEREUM, "0x01E2919679362DFBC9EE1644BA9C6DA6D6245BB1");
      assertEquals(a, b);
      assertEquals("0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1", a.value());
    }

    @Test
    void display_evm_isEip55() {
      // Test vectors from EIP-55.
      for (String v :
          new String[] {
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"
          }) {
        assertEquals(v, Address.of(Chain.ETHEREUM, v.toLowerCase()).display());
      }
    }

    @Test
    void of_bech32_isLowerCase_base58_kept() {
      assertEquals(
          "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
          Address.of(Chain.BITCOIN, "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4").value());
      assertEquals(
          "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
          Address.of(Chain.BITCOIN, " 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa ").value());
    }

    @Test
    void toString_parse_roundTrips_includingPseudo() {
      Address a = Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
      assertEquals(a, Address.parse(a.toString(), null));
      Address p = Address.pseudo(Chain.BITCOIN, "script", "ab12");
      assertTrue(p.isPseudo());
      assertEquals(p, Address.parse(p.toString(), null));
      assertEquals(Address.feeSink(Chain.ETHEREUM), Address.parse("ethereum:~fee", null));
      assertEquals(p, Address.ofValue(Chain.BITCOIN, p.value()));
      assertEquals(a, Address.ofValue(Chain.BITCOIN, a.value()));
    }

    @Test
    void of_rejectsHostileText() {
      assertThrows(IllegalArgumentException.class, () -> Address.of(Chain.BITCOIN, ""));
      assertThrows(IllegalArgumentException.class, () -> Address.of(Chain.BITCOIN, "1A1z <script>"));
      assertThrows(IllegalArgumentException.class, () -> Address.of(Chain.BITCOIN, "a\u0000b"));
      assertThrows(IllegalArgumentException.class, () -> Address.of(Chain.BITCOIN, "x".repeat(257)));
      assertThrows(IllegalArgumentException.class, () -> Address.of(Chain.BITCOIN, "~fee"));
      assertThrows(IllegalArgumentException.class, () -> Address.of(Chain.ETHEREUM, "0x1234"));
      assertThrows(IllegalArgumentException.class, () -> Address.of(Chain.ETHEREUM, "0x" + "g".repeat(40)));
    }
  }

  @Nested
  class Amounts {
    @Test
    void parseDecimal_exact_andPrintsBack() {
      Amount a = Amount.parseDecimal(Asset.BTC, "1.5");
      assertEquals(BigInteger.valueOf(150_000_000L), a.units());
      assertEquals("1.5", a.toDecimalString());
      assertEquals("21000000", Amount.sats(2_100_000_000_000_000L).toDecimalString());
      Amount wei = Amount.parseDecimal(Asset.ETH, "0.000000000000000001");
      assertEquals(BigInteger.ONE, wei.units());
    }

    @Test
    void parseDecimal_tooManyDecimals_rejected() {
      assertThrows(IllegalArgumentException.class, () -> Amount.parseDecimal(Asset.BTC, "0.000000001"));
      assertThrows(IllegalArgumentException.class, () -> Amount.parseDecimal(Asset.BTC, "1e"));
    }

    @Test
    void arithmetic_sameAssetOnly_andNegativeRejectedAtCreation() {
      assertEquals(Amount.sats(3), Amount.sats(1).plus(Amount.sats(2)));
      assertEquals(BigInteger.valueOf(-1), Amount.sats(1).minus(Amount.sats(2)).units());
      assertThrows(IllegalArgumentException.class, () -> Amount.sats(1).plus(Amount.wei(BigInteger.ONE)));
      assertThrows(IllegalArgumentException.class, () -> Amount.sats(-1));
    }

    @Test
    void tokenAsset_identity_isChainAndContract() {
      Asset usdt = Asset.token(Chain.ETHEREUM, "0xdAC17F958D2ee523a2206206994597C13D831ec7", "USDT", 6);
      Asset fake = Asset.token(Chain.ETHEREUM, "0xdac17f958d2ee523a2206206994597c13d831ec7", "X", 6);
      assertEquals(usdt, fake);
      assertEquals("ethereum:USDT@0xdac17f958d2ee523a2206206994597c13d831ec7", usdt.toString());
      assertTrue(Asset.BTC.isNative());
    }
  }

  @Nested
  class TransactionFields {
    private final BlockRef at = BlockRef.of(1, 0, Instant.ofEpochSecond(1));
    private final List<TxOut> outs =
        List.of(new TxOut(0, Address.of(Chain.BITCOIN, "x"), 1, OutputType.P2PKH));

    private UtxoTx tx(long version, long lockTime, long sequence) {
      return new UtxoTx(TxId.parse("11".repeat(32)), at, version, lockTime, 0,
          List.of(TxIn.coinbase(sequence)), outs);
    }

    @Test
    void versionLockTimeAndSequence_holdEvery32BitValue() {
      UtxoTx t = tx(0xffff_ffffL, 0xffff_ffffL, 0xffff_ffffL);
      assertEquals(4294967295L, t.version());
      assertEquals(4294967295L, t.lockTime());
      assertEquals(4294967295L, t.inputs().get(0).sequence());
      assertEquals(0, tx(0, 0, 0).version());
    }

    @Test
    void versionLockTimeOrSequence_outside32Bits_areRejectedNotCut() {
      IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> tx(-1, 0, 0));
      assertTrue(v.getMessage().contains("version must be an unsigned 32-bit value: -1"));
      assertThrows(IllegalArgumentException.class, () -> tx(1L << 32, 0, 0));
      IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> tx(1, 1L << 32, 0));
      assertTrue(l.getMessage().contains("lock time"), l.getMessage());
      IllegalArgumentException q = assertThrows(IllegalArgumentException.class, () -> tx(1, 0, -1));
      assertTrue(q.getMessage().contains("sequence"), q.getMessage());
      assertThrows(IllegalArgumentException.class, () -> new UtxoTx(TxId.parse("11".repeat(32)), at,
          1, 0, -1, List.of(TxIn.coinbase(0)), outs));
    }
  }

  @Nested
  class Ids {
    @Test
    void outPoint_parseAndPrint_roundTrip() {
      String s = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16:1";
      assertEquals(s, OutPoint.parse(s).toString());
      assertThrows(IllegalArgumentException.class, () -> OutPoint.parse("abc:1"));
      assertThrows(IllegalArgumentException.class, () -> OutPoint.parse(s.replace(":1", ":x")));
      assertThrows(IllegalArgumentException.class, () -> OutPoint.parse(s.replace(":1", ":-1")));
      IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
          () -> OutPoint.parse(s.replace(":1", ":4294967296")));
      assertTrue(big.getMessage().startsWith("output index 4294967296 is beyond any output"),
          big.getMessage());
    }

    @Test
    void txId_words_roundTrip_bigEndian() {
      TxId t = TxId.parse("f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16");
      assertEquals(0xf4184fc596403b9dL, t.word(0));
      assertEquals(0x338530e9831e9e16L, t.word(3));
      assertEquals(t, TxId.ofWords(t.word(0), t.word(1), t.word(2), t.word(3)));
    }

    @Test
    void txId_reversed_isBitcoinInternalOrder() {
      byte[] internal = new byte[32];
      internal[0] = 1;
      assertEquals("00".repeat(31) + "01", TxId.ofReversed(internal).toString());
      assertThrows(IllegalArgumentException.class, () -> TxId.parse("zz".repeat(32)));
      assertThrows(IllegalArgumentException.class, () -> TxId.of(new byte[31]));
    }

    @Test
    void chain_fromTicker_mapsOfacSymbols() {
      assertEquals(Chain.BITCOIN, Chain.fromTicker("XBT").orElseThrow());
      assertEquals(Chain.ETHEREUM, Chain.fromTicker("eth").orElseThrow());
      assertEquals(Chain.TRON, Chain.fromTicker("TRX").orElseThrow());
      assertEquals(Chain.ARBITRUM, Chain.fromTicker("ARB").orElseThrow());
      assertTrue(Chain.fromTicker("USDT").isEmpty());
    }

    @Test
    void blockRef_ordersByHeightThenPosition() {
      Instant t = Instant.EPOCH;
      assertTrue(BlockRef.of(1, 5, t).compareTo(BlockRef.of(2, 0, t)) < 0);
      assertTrue(BlockRef.of(2, 1, t).compareTo(BlockRef.of(2, 0, t)) > 0);
    }
  }
}
