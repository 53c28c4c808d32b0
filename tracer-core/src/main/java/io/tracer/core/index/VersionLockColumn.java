package io.tracer.core.index;

import java.util.function.IntUnaryOperator;

/**
 * A transaction's version and lock time in one byte. Versions are 1 or 2 nearly always. Lock
 * times are 0, or, since Bitcoin Core's anti-fee-sniping (and wallets that copy it), about the
 * height of the chain tip when the transaction was made: the height of the block that holds it, or
 * a little below. So a lock time is coded as 0 or as its distance below its own block's height
 * (0..{@value #MAX_BELOW}); every other pair (another version, a time-based lock time, a lock time
 * above the height or far below it, any lock time when the height is unknown) is kept exactly as
 * exceptions. Every pair round-trips exactly. Immutable.
 *
 * <p>Code {@code c}: for {@code c < 254}, version {@code 1 + c / 127} and lock code {@code l = c %
 * 127}: {@code l = 0} lock time 0, {@code 1..125} lock time = height − (l − 1), {@code 126} lock
 * time in {@code lockEx}. {@code c = 255}: version in {@code versionEx}, lock time in {@code lockEx}
 * (absent there: 0). Code 254 is unused.
 */
final class VersionLockColumn {
  static final int MAX_BELOW = 124;
  private static final int PER_VERSION = 127;
  private static final int LOCK_EXCEPTION = 126;
  private static final int ESCAPE = 0xff;

  private final byte[] codes;
  private final SparseInts versionEx;
  private final SparseInts lockEx;

  private VersionLockColumn(byte[] codes, SparseInts versionEx, SparseInts lockEx) {
    this.codes = codes;
    this.versionEx = versionEx;
    this.lockEx = lockEx;
  }

  /**
   * Packs transactions {@code 0..size-1} given their version and lock time (each an unsigned 32-bit
   * value held in an int) and their block height (-1 unknown).
   */
  static VersionLockColumn of(int size, IntUnaryOperator version, IntUnaryOperator lockTime,
      IntUnaryOperator height) {
    byte[] codes = new byte[size];
    SparseInts.Builder versionEx = new SparseInts.Builder();
    SparseInts.Builder lockEx = new SparseInts.Builder();
    for (int i = 0; i < size; i++) {
      int v = version.applyAsInt(i);
      int lock = lockTime.applyAsInt(i);
      int l;
      if (lock == 0) {
        l = 0;
      } else {
        int h = height.applyAsInt(i);
        // unsigned lock time; an unknown height (-1) gives a negative distance
        long below = h - Integer.toUnsignedLong(lock);
        l = below >= 0 && below <= MAX_BELOW ? 1 + (int) below : LOCK_EXCEPTION;
      }
      int c;
      if (v == 1 || v == 2) {
        c = (v - 1) * PER_VERSION + l;
      } else {
        c = ESCAPE;
        versionEx.add(i, v);
      }
      if (l == LOCK_EXCEPTION || (c == ESCAPE && lock != 0)) {
        lockEx.add(i, lock);
      }
      codes[i] = (byte) c;
    }
    return new VersionLockColumn(codes, versionEx.build(), lockEx.build());
  }

  /** The version of transaction {@code i} (unsigned 32-bit, held in an int). */
  int version(int i) {
    int c = codes[i] & 0xff;
    return c < PER_VERSION ? 1 : c != ESCAPE ? 2 : versionEx.get(i, 0);
  }

  /**
   * The lock time of transaction {@code i} (unsigned 32-bit, held in an int), given its block
   * height {@code height} (what the column was built with).
   */
  int lockTime(int i, int height) {
    int c = codes[i] & 0xff;
    if (c == ESCAPE) {
      return lockEx.get(i, 0);
    }
    int l = c < PER_VERSION ? c : c - PER_VERSION;
    if (l == 0) {
      return 0;
    }
    return l != LOCK_EXCEPTION ? height - (l - 1) : lockEx.get(i, 0);
  }

  int size() {
    return codes.length;
  }

  long bytes() {
    return codes.length + versionEx.bytes() + lockEx.bytes();
  }
}
