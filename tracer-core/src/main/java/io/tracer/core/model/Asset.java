package io.tracer.core.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an amount is counted in: a chain's native coin, or a token contract on that chain. Two
 * assets are equal when chain and contract are equal (the symbol and decimals describe a contract,
 * they do not identify it: anyone can deploy a token called USDT).
 */
public final class Asset {
  private final Chain chain;
  private final String contract; // null for the native coin; canonical lower-case for EVM
  private final String symbol;
  private final int decimals;

  private Asset(Chain chain, String contract, String symbol, int decimals) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.contract = contract;
    this.symbol = Objects.requireNonNull(symbol, "symbol");
    if (decimals < 0 || decimals > 77) {
      throw new IllegalArgumentException("decimals out of range: " + decimals);
    }
    this.decimals = decimals;
  }

  public static final Asset BTC = nativeOf(Chain.BITCOIN);
  public static final Asset ETH = nativeOf(Chain.ETHEREUM);

  /** The native coin of a chain (BTC in satoshi, ETH in wei). */
  public static Asset nativeOf(Chain chain) {
    return new Asset(chain, null, chain.ticker(), chain.decimals());
  }

  /** A token contract. The contract address is normalised like any {@link Address}. */
  public static Asset token(Chain chain, String contract, String symbol, int decimals) {
    String c = Address.of(chain, contract).value();
    String s = symbol == null || symbol.isBlank() ? "TOKEN" : symbol.trim();
    return new Asset(chain, c, s, decimals);
  }

  public Chain chain() {
    return chain;
  }

  /** The token contract address, or empty for the native coin. */
  public Optional<String> contract() {
    return Optional.ofNullable(contract);
  }

  public boolean isNative() {
    return contract == null;
  }

  public String symbol() {
    return symbol;
  }

  public int decimals() {
    return decimals;
  }

  /** Name of the base unit, for reports: {@code sat}, {@code wei}, or the token's smallest unit. */
  public String baseUnit() {
    if (isNative()) {
      switch (chain) {
        case BITCOIN:
          return "sat";
        case ETHEREUM:
          return "wei";
        default:
          return chain.ticker().toLowerCase(Locale.ROOT) + "-base";
      }
    }
    return symbol + "-base";
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Asset)) {
      return false;
    }
    Asset other = (Asset) o;
    return chain == other.chain && Objects.equals(contract, other.contract);
  }

  @Override
  public int hashCode() {
    return Objects.hash(chain, contract);
  }

  /** {@code bitcoin:BTC} for a native coin, {@code ethereum:USDT@0xdac1…} for a token. */
  @Override
  public String toString() {
    return chain.id() + ":" + symbol + (contract == null ? "" : "@" + contract);
  }
}
