package io.tracer.bitcoin.synth;

import io.tracer.core.model.TxId;
import java.util.Arrays;

/** A growable byte buffer with Bitcoin's little-endian and CompactSize writers. Not thread-safe. */
final class ByteSink {
  private byte[] buf;
  private int len;

  ByteSink(int capacity) {
    buf = new byte[capacity];
  }

  void reset() {
    len = 0;
  }

  int length() {
    return len;
  }

  byte[] array() {
    return buf;
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  ByteSink u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  ByteSink le32(long v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[len++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  ByteSink le64(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[len++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  ByteSink varint(long v) {
    if (v < 0xfd) {
      return u8((int) v);
    }
    if (v <= 0xffff) {
      u8(0xfd);
      ensure(2);
      buf[len++] = (byte) v;
      buf[len++] = (byte) (v >>> 8);
      return this;
    }
    if (v <= 0xffffffffL) {
      u8(0xfe);
      return le32(v);
    }
    u8(0xff);
    return le64(v);
  }

  /** A txid in Bitcoin's internal byte order (the reverse of its display order). */
  ByteSink txidInternal(TxId id) {
    ensure(32);
    for (int i = 31; i >= 0; i--) {
      buf[len++] = id.byteAt(i);
    }
    return this;
  }

  ByteSink bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  ByteSink bytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  static int varintSize(long v) {
    return v < 0xfd ? 1 : v <= 0xffff ? 3 : v <= 0xffffffffL ? 5 : 9;
  }
}
