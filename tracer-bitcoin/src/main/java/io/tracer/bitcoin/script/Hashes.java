package io.tracer.bitcoin.script;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * SHA-256 and RIPEMD-160 for address encoding. Each thread reuses one SHA-256 digest: this runs
 * once or twice per output on the block hot path, where cloning a digest per call showed up in
 * profiles. No state is shared between threads.
 */
final class Hashes {
  private static final MessageDigest SHA256_PROTOTYPE;

  static {
    try {
      SHA256_PROTOTYPE = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashes::sha256);

  private Hashes() {}

  static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256_PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e2) {
        throw new IllegalStateException("every Java platform has SHA-256", e2);
      }
    }
  }

  static byte[] sha256(byte[] s, int off, int len) {
    MessageDigest d = SHA256.get();
    d.update(s, off, len);
    return d.digest();
  }

  static byte[] sha256d(byte[] s, int off, int len) {
    MessageDigest d = SHA256.get();
    d.update(s, off, len);
    byte[] first = d.digest();
    return d.digest(first);
  }

  static byte[] hash160(byte[] s, int off, int len) {
    byte[] sha = sha256(s, off, len);
    RIPEMD160Digest ripe = new RIPEMD160Digest();
    ripe.update(sha, 0, sha.length);
    byte[] out = new byte[20];
    ripe.doFinal(out, 0);
    return out;
  }
}
