package io.tracer.core.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An address on a chain, in canonical form so that equal addresses compare equal:
 *
 * <ul>
 *   <li>EVM chains: {@code 0x} + 40 lower-case hex digits (any case is accepted on input; EIP-55
 *       mixed case is produced only for display).
 *   <li>Bech32/Bech32m (bc1…, tb1…, bcrt1…; Zcash zs1…, u1…): lower case, as BIP-173 defines the
 *       canonical form.
 *   <li>Bitcoin Cash CashAddr: lower case, without the optional {@code bitcoincash:} prefix.
 *   <li>Base58 and everything else: exactly as given (Base58 is case-sensitive).
 *   <li>Pseudo-addresses ({@link #pseudo}) stand for outputs that have no address (multisig,
 *       non-standard scripts) and for sinks such as the fee. They are never valid on chain.
 * </ul>
 *
 * <p>This class checks syntax only. Checksums (Base58Check, Bech32, EIP-55) are verified by the
 * chain adapters and the intel loaders, which know the encodings.
 */
public final class Address implements Comparable<Address> {
  /** OFAC allows up to 256 characters in an address field; nothing legitimate is longer. */
  public static final int MAX_LENGTH = 256;

  private static final Pattern EVM = Pattern.compile("0x[0-9a-f]{40}");
  private static final String PSEUDO_MARK = "~";
  /** Bitcoin Cash mainnet's CashAddr prefix, optional in the text of an address. */
  private static final String CASHADDR_PREFIX = "bitcoincash:";

  private final Chain chain;
  private final String value;

  private Address(Chain chain, String value) {
    this.chain = chain;
    this.value = value;
  }

  /**
   * The canonical address for {@code text} on {@code chain}.
   *
   * @throws IllegalArgumentException if the text cannot be an address on that chain
   */
  public static Address of(Chain chain, String text) {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(text, "address");
    String t = text.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
    if (t.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("address longer than " + MAX_LENGTH + " characters");
    }
    if (!isPrintable(t)) {
      throw new IllegalArgumentException("address contains spaces or control characters");
    }
    if (t.startsWith(PSEUDO_MARK)) {
      throw new IllegalArgumentException("'" + PSEUDO_MARK + "' starts only pseudo-addresses");
    }
    if (chain.isEvm()) {
      String lower = t.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("0x")) {
        lower = "0x" + lower;
      }
      if (!EVM.matcher(lower).matches()) {
        throw new IllegalArgumentException(
            "not an EVM address (0x and 40 hex digits): '" + abbreviate(t) + "'");
      }
      return new Address(chain, lower);
    }
    if (looksBech32(t)) {
      return new Address(chain, t.toLowerCase(Locale.ROOT));
    }
    if (chain == Chain.BITCOIN_CASH) {
      return new Address(chain, cashAddr(t));
    }
    if (chain == Chain.ZCASH && looksZcashBech32(t)) {
      return new Address(chain, t.toLowerCase(Locale.ROOT));
    }
    return new Address(chain, t);
  }

  /**
   * Bitcoin Cash text in canonical form. CashAddr is case-insensitive and its mainnet prefix is
   * optional, so {@code bitcoincash:qpf2…}, {@code QPF2…} and {@code qpf2…} are one address: the
   * canonical form is bare and lower case (a list and a lookup that wrote it differently must
   * still meet). Legacy Base58 forms (1…, 3…) are case-sensitive and kept as given.
   */
  private static String cashAddr(String t) {
    String s = t.regionMatches(true, 0, CASHADDR_PREFIX, 0, CASHADDR_PREFIX.length())
        ? t.substring(CASHADDR_PREFIX.length())
        : t;
    return isCashAddr(s) ? s.toLowerCase(Locale.ROOT) : t;
  }

  /**
   * Whether Bitcoin Cash text is CashAddr rather than legacy Base58: it has a prefix (another
   * network's, such as {@code bchtest:}), or its first character is a CashAddr type (q, p; z, r
   * for token-aware addresses), which no legacy address starts with.
   */
  public static boolean isCashAddr(String t) {
    return !t.isEmpty() && (t.indexOf(':') >= 0 || "qpzrQPZR".indexOf(t.charAt(0)) >= 0);
  }

  /**
   * A pseudo-address: {@code ~kind:detail}, e.g. {@code ~script:<sha256>} for a non-standard
   * output script or {@code ~fee} for the miner fee sink. Stable for the same inputs.
   */
  public static Address pseudo(Chain chain, String kind, String detail) {
    Objects.requireNonNull(chain, "chain");
    if (kind.isEmpty() || !isPrintable(kind) || kind.contains(":")) {
      throw new IllegalArgumentException("bad pseudo-address kind: '" + kind + "'");
    }
    String d = detail == null ? "" : detail;
    if (!d.isEmpty() && !isPrintable(d)) {
      throw new IllegalArgumentException("bad pseudo-address detail");
    }
    return new Address(chain, PSEUDO_MARK + kind + (d.isEmpty() ? "" : ":" + d));
  }

  /** The sink that receives transaction fees (miner fee, gas). */
  public static Address feeSink(Chain chain) {
    return pseudo(chain, "fee", "");
  }

  /**
   * The address whose {@link #value()} is {@code value}: the inverse of {@code value()}, pseudo-
   * addresses included. For indexes that store addresses as text.
   */
  public static Address ofValue(Chain chain, String value) {
    if (value.startsWith(PSEUDO_MARK)) {
      int c = value.indexOf(':');
      return c < 0
          ? pseudo(chain, value.substring(1), "")
          : pseudo(chain, value.substring(1, c), value.substring(c + 1));
    }
    return of(chain, value);
  }

  /**
   * Parses the {@link #toString()} form {@code chain:address}, e.g. {@code bitcoin:1A1z…}. The
   * chain may be omitted when {@code defaultChain} is given.
   */
  public static Address parse(String text, Chain defaultChain) {
    String t = text.trim();
    int colon = t.indexOf(':');
    if (colon > 0) {
      var chain = Chain.fromId(t.substring(0, colon));
      if (chain.isPresent()) {
        return ofValue(chain.get(), t.substring(colon + 1));
      }
    }
    if (defaultChain == null) {
      throw new IllegalArgumentException("address needs a chain prefix such as 'bitcoin:': " + t);
    }
    return of(defaultChain, t);
  }

  public Chain chain() {
    return chain;
  }

  /** The canonical text of the address (lower case for EVM and bech32). */
  public String value() {
    return value;
  }

  /** True for pseudo-addresses that exist only inside tracer (scripts without address, sinks). */
  public boolean isPseudo() {
    return value.startsWith(PSEUDO_MARK);
  }

  /**
   * The form to show people. EVM addresses get EIP-55 mixed case once the Ethereum adapter
   * registers its checksum function; everything else is the canonical value.
   */
  public String display() {
    if (chain.isEvm() && !isPseudo()) {
      return AddressDisplay.evmChecksum(value);
    }
    return value;
  }

  private static boolean looksBech32(String t) {
    // regionMatches instead of lower-casing the whole text: this runs once per block output
    return t.regionMatches(true, 0, "bc1", 0, 3)
        || t.regionMatches(true, 0, "tb1", 0, 3)
        || t.regionMatches(true, 0, "bcrt1", 0, 5)
        || t.regionMatches(true, 0, "ltc1", 0, 4);
  }

  /** Zcash Sapling (zs1…) and unified (u1…) addresses, and their testnet forms: Bech32(m). */
  private static boolean looksZcashBech32(String t) {
    return t.regionMatches(true, 0, "zs1", 0, 3)
        || t.regionMatches(true, 0, "u1", 0, 2)
        || t.regionMatches(true, 0, "ztestsapling1", 0, 13)
        || t.regionMatches(true, 0, "utest1", 0, 6);
  }

  /** Same test as the regex {@code [\x21-\x7e]+}, without a Matcher per call (hot path). */
  private static boolean isPrintable(String t) {
    if (t.isEmpty()) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String t) {
    return t.length() <= 48 ? t : t.substring(0, 45) + "...";
  }

  @Override
  public int compareTo(Address o) {
    int c = chain.compareTo(o.chain);
    return c != 0 ? c : value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Address)) {
      return false;
    }
    Address other = (Address) o;
    return chain == other.chain && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return 31 * chain.hashCode() + value.hashCode();
  }

  /** {@code chain:value}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return chain.id() + ":" + value;
  }
}
