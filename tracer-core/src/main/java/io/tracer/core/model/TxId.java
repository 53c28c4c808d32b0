package io.tracer.core.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A 32-byte transaction id, held in the byte order people read (the order block explorers, Bitcoin
 * Core RPC and Ethereum show; for Bitcoin that is the reverse of the serialized hash). Parsing
 * accepts 64 hex digits with or without {@code 0x}; {@link #toString()} prints lower-case hex
 * without prefix and {@link #toHex0x()} with it.
 */
public final class TxId implements Comparable<TxId> {
  public static final int LENGTH = 32;
  private static final HexFormat HEX = HexFormat.of();
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] bytes;

  private TxId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of 32 bytes in display order. */
  public static TxId of(byte[] displayOrder) {
    if (displayOrder.length != LENGTH) {
      throw new IllegalArgumentException("a txid has 32 bytes, got " + displayOrder.length);
    }
    return new TxId(displayOrder.clone());
  }

  /** From 32 bytes in Bitcoin's internal (serialized, little-endian) order. */
  public static TxId ofReversed(byte[] internalOrder) {
    if (internalOrder.length != LENGTH) {
      throw new IllegalArgumentException("a txid has 32 bytes, got " + internalOrder.length);
    }
    byte[] b = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      b[i] = internalOrder[LENGTH - 1 - i];
    }
    return new TxId(b);
  }

  /** Parses 64 hex digits, optionally prefixed by {@code 0x}; any case. */
  public static TxId parse(String hex) {
    String h = hex.trim();
    if (h.startsWith("0x") || h.startsWith("0X")) {
      h = h.substring(2);
    }
    if (h.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "a transaction id is 64 hex digits, got " + h.length() + " characters");
    }
    try {
      return new TxId(HEX.parseHex(h.toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a transaction id is 64 hex digits: '" + h + "'", e);
    }
  }

  /** True if {@code text} parses as a txid. */
  public static boolean isTxId(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A copy of the bytes in display order. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * Bytes {@code 8w .. 8w+7} (display order) as a big-endian {@code long}, {@code w} in 0..3: lets
   * indexes store and compare ids as four longs without copying the array.
   */
  public long word(int w) {
    return (long) LONGS.get(bytes, w * 8);
  }

  /** The txid made of four big-endian words, the inverse of {@link #word}. */
  public static TxId ofWords(long w0, long w1, long w2, long w3) {
    byte[] b = new byte[LENGTH];
    LONGS.set(b, 0, w0);
    LONGS.set(b, 8, w1);
    LONGS.set(b, 16, w2);
    LONGS.set(b, 24, w3);
    return new TxId(b);
  }

  /** The byte at {@code i} in display order, without copying. */
  public byte byteAt(int i) {
    return bytes[i];
  }

  public String toHex0x() {
    return "0x" + HEX.formatHex(bytes);
  }

  @Override
  public int compareTo(TxId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof TxId && Arrays.equals(bytes, ((TxId) o).bytes));
  }

  @Override
  public int hashCode() {
    // The bytes are a cryptographic hash: any four of them are already uniformly distributed.
    return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
  }

  @Override
  public String toString() {
    return HEX.formatHex(bytes);
  }
}
