package io.tracer.ethereum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** EIP-7702 authority recovery; the tuple is signed here with web3j (BouncyCastle) and recovered. */
class AuthorizationsTest {
  private static final ECKeyPair KEY = ECKeyPair.create(
      new BigInteger("4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d", 16));
  private static final String DELEGATE = "0x" + "d".repeat(40);

  private static Sign.SignatureData sign(BigInteger chainId, BigInteger nonce) {
    return Sign.signMessage(Authorizations.signingHash(chainId, DELEGATE, nonce), KEY, false);
  }

  @Test
  void authority_validSignature_recoversTheSigner() {
    Sign.SignatureData sig = sign(BigInteger.ONE, BigInteger.valueOf(7));
    Optional<String> a = Authorizations.authority(BigInteger.ONE, DELEGATE, BigInteger.valueOf(7),
        BigInteger.valueOf(sig.getV()[0] - 27), new BigInteger(1, sig.getR()), new BigInteger(1, sig.getS()));
    assertEquals(Optional.of("0x" + Keys.getAddress(KEY)), a);
    // Ganache's deterministic account 0 is this key.
    assertEquals(Optional.of("0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1"), a);
  }

  @Test
  void authority_otherNonce_recoversSomeoneElse() {
    Sign.SignatureData sig = sign(BigInteger.ONE, BigInteger.valueOf(7));
    Optional<String> a = Authorizations.authority(BigInteger.ONE, DELEGATE, BigInteger.valueOf(8),
        BigInteger.valueOf(sig.getV()[0] - 27), new BigInteger(1, sig.getR()), new BigInteger(1, sig.getS()));
    assertEquals(false, a.equals(Optional.of("0x" + Keys.getAddress(KEY))));
  }

  @Test
  void authority_highS_rejectedAsEip2Requires() {
    Sign.SignatureData sig = sign(BigInteger.ONE, BigInteger.ZERO);
    BigInteger n = new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    BigInteger highS = n.subtract(new BigInteger(1, sig.getS()));
    assertEquals(Optional.empty(), Authorizations.authority(BigInteger.ONE, DELEGATE, BigInteger.ZERO,
        BigInteger.valueOf(28 - sig.getV()[0]), new BigInteger(1, sig.getR()), highS));
  }

  @Test
  void authority_garbage_empty() {
    assertEquals(Optional.empty(), Authorizations.authority(BigInteger.ONE, DELEGATE, BigInteger.ZERO,
        BigInteger.TWO, BigInteger.ONE, BigInteger.ONE));
    assertEquals(Optional.empty(), Authorizations.authority(BigInteger.ONE, DELEGATE, BigInteger.ZERO,
        BigInteger.ZERO, BigInteger.ZERO, BigInteger.ONE));
  }
}
