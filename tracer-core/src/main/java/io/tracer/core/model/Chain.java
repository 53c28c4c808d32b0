package io.tracer.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * A blockchain tracer knows by name. Only {@link #BITCOIN} and {@link #ETHEREUM} have adapters;
 * the others exist so that threat-intelligence labels for them (OFAC lists name many chains) are
 * kept, counted and looked up instead of being dropped.
 */
public enum Chain {
  BITCOIN("bitcoin", "BTC", 8, LedgerModel.UTXO, false),
  ETHEREUM("ethereum", "ETH", 18, LedgerModel.ACCOUNT, true),
  LITECOIN("litecoin", "LTC", 8, LedgerModel.UTXO, false),
  BITCOIN_CASH("bitcoin-cash", "BCH", 8, LedgerModel.UTXO, false),
  BITCOIN_SV("bitcoin-sv", "BSV", 8, LedgerModel.UTXO, false),
  BITCOIN_GOLD("bitcoin-gold", "BTG", 8, LedgerModel.UTXO, false),
  DASH("dash", "DASH", 8, LedgerModel.UTXO, false),
  ZCASH("zcash", "ZEC", 8, LedgerModel.UTXO, false),
  VERGE("verge", "XVG", 6, LedgerModel.UTXO, false),
  MONERO("monero", "XMR", 12, LedgerModel.ACCOUNT, false),
  ETHEREUM_CLASSIC("ethereum-classic", "ETC", 18, LedgerModel.ACCOUNT, true),
  BSC("bsc", "BNB", 18, LedgerModel.ACCOUNT, true),
  ARBITRUM("arbitrum", "ETH", 18, LedgerModel.ACCOUNT, true),
  TRON("tron", "TRX", 6, LedgerModel.ACCOUNT, false),
  RIPPLE("ripple", "XRP", 6, LedgerModel.ACCOUNT, false);

  private final String id;
  private final String ticker;
  private final int decimals;
  private final LedgerModel model;
  private final boolean evm;

  Chain(String id, String ticker, int decimals, LedgerModel model, boolean evm) {
    this.id = id;
    this.ticker = ticker;
    this.decimals = decimals;
    this.model = model;
    this.evm = evm;
  }

  /** Stable lower-case identifier used in JSON, CLI arguments and {@link Address#toString()}. */
  public String id() {
    return id;
  }

  /** Ticker of the native coin (BTC, ETH, …). */
  public String ticker() {
    return ticker;
  }

  /** Decimals of the native coin: 8 for satoshi, 18 for wei. */
  public int decimals() {
    return decimals;
  }

  public LedgerModel model() {
    return model;
  }

  /** EVM chains use 20-byte hex addresses compared case-insensitively. */
  public boolean isEvm() {
    return evm;
  }

  /** The chain for an identifier such as {@code bitcoin} (case-insensitive). */
  public static Optional<Chain> fromId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    for (Chain c : values()) {
      if (c.id.equals(wanted)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The chain for a ticker or identifier as written by intelligence sources: {@code BTC}, OFAC's
   * {@code XBT}, {@code ETH}, {@code bitcoin}. Token tickers (USDT, USDC) are not chains and give
   * empty: the caller decides which chain carries them.
   */
  public static Optional<Chain> fromTicker(String ticker) {
    String t = ticker.trim().toUpperCase(Locale.ROOT);
    switch (t) {
      case "XBT":
      case "BTC":
        return Optional.of(BITCOIN);
      case "ETH":
        return Optional.of(ETHEREUM);
      default:
        break;
    }
    for (Chain c : values()) {
      if (c.ticker.equals(t) && c != ARBITRUM) {
        return Optional.of(c);
      }
    }
    if (t.equals("ARB")) {
      return Optional.of(ARBITRUM);
    }
    return fromId(ticker);
  }
}
