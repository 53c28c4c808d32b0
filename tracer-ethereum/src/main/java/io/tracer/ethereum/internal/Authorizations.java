package io.tracer.ethereum.internal;

import io.tracer.core.internal.Keccak256;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.utils.Numeric;

/**
 * EIP-7702 ("set code") authorizations of type-4 transactions. web3j 4.13 has no type for them,
 * so they are read from the raw JSON ({@code authorizationList: [{chainId, address, nonce,
 * yParity, r, s}]}). The authority (the EOA that delegates its code) is not in the JSON: it is
 * recovered from the signature over {@code keccak256(0x05 || rlp([chainId, address, nonce]))},
 * with web3j's secp256k1 recovery. An authorization whose signature does not recover, or whose
 * s is in the upper half of the curve order (EIP-2), is invalid and ignored, as the protocol does.
 */
public final class Authorizations {
  /** secp256k1 order n / 2: EIP-2 rejects signatures with a larger s. */
  private static final BigInteger HALF_N =
      new BigInteger("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16);

  private Authorizations() {}

  /** The signing hash of an authorization tuple. */
  public static byte[] signingHash(BigInteger chainId, String address, BigInteger nonce) {
    byte[] rlp = RlpEncoder.encode(new RlpList(
        RlpString.create(chainId), RlpString.create(Numeric.hexStringToByteArray(address)), RlpString.create(nonce)));
    byte[] msg = new byte[rlp.length + 1];
    msg[0] = 0x05;
    System.arraycopy(rlp, 0, msg, 1, rlp.length);
    return Keccak256.hash(msg);
  }

  /** The authority (lower-case 0x address) that signed, or empty when the signature is invalid. */
  public static Optional<String> authority(BigInteger chainId, String address, BigInteger nonce,
      BigInteger yParity, BigInteger r, BigInteger s) {
    if (yParity.signum() < 0 || yParity.compareTo(BigInteger.ONE) > 0 || r.signum() <= 0 || s.signum() <= 0
        || s.compareTo(HALF_N) > 0 || r.bitLength() > 256) {
      return Optional.empty();
    }
    try {
      Sign.SignatureData sig = new Sign.SignatureData((byte) (27 + yParity.intValue()),
          Numeric.toBytesPadded(r, 32), Numeric.toBytesPadded(s, 32));
      BigInteger key = Sign.signedMessageHashToKey(signingHash(chainId, address, nonce), sig);
      return Optional.of("0x" + Keys.getAddress(key).toLowerCase(Locale.ROOT));
    } catch (java.security.SignatureException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
