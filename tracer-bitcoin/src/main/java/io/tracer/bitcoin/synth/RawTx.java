package io.tracer.bitcoin.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of a transaction parser to read back the generator's own serialization (scripts for
 * the ETL export, the stripped size). Not a general parser: the block readers do that.
 */
final class RawTx {
  final List<byte[]> scriptSigs = new ArrayList<>();
  final List<byte[]> scriptPubKeys = new ArrayList<>();
  final int size;
  final int strippedSize;

  private int pos;
  private final byte[] b;

  RawTx(byte[] raw) {
    this.b = raw;
    this.size = raw.length;
    pos = 4;
    boolean segwit = b[4] == 0 && b[5] == 1;
    if (segwit) {
      pos += 2;
    }
    long nIn = varint();
    for (long i = 0; i < nIn; i++) {
      pos += 36;
      scriptSigs.add(bytes((int) varint()));
      pos += 4;
    }
    long nOut = varint();
    for (long i = 0; i < nOut; i++) {
      pos += 8;
      scriptPubKeys.add(bytes((int) varint()));
    }
    int witnessStart = pos;
    if (segwit) {
      for (long i = 0; i < nIn; i++) {
        long items = varint();
        for (long j = 0; j < items; j++) {
          int n = (int) varint(); // not "pos += varint()": Java reads pos before the call
          pos += n;
        }
      }
    }
    int witnessBytes = pos - witnessStart;
    pos += 4;
    if (pos != raw.length) {
      throw new IllegalStateException("transaction is " + raw.length + " bytes, parsed " + pos);
    }
    this.strippedSize = segwit ? size - 2 - witnessBytes : size;
  }

  private byte[] bytes(int n) {
    byte[] r = new byte[n];
    System.arraycopy(b, pos, r, 0, n);
    pos += n;
    return r;
  }

  private long varint() {
    int first = b[pos++] & 0xff;
    if (first < 0xfd) {
      return first;
    }
    int n = first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) (b[pos++] & 0xff) << (8 * i);
    }
    return v;
  }
}
