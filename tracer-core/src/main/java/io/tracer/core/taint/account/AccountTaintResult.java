package io.tracer.core.taint.account;

import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TxId;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an account-model propagation. Lists are in a deterministic order: transfers in
 * {@link Transfer#ORDER}, holdings by asset then address. Immutable and thread-safe.
 */
public final class AccountTaintResult {
  private final AccountTaintModel model;
  private final AccountTaintOptions options;
  private final List<TransferTaint> transfers;
  private final Map<Transfer, BigInteger> byTransfer;
  private final List<Holding> holdings;
  private final Map<TxId, BigInteger> feeTaint;
  private final Map<Asset, Totals> totals;

  AccountTaintResult(
      AccountTaintModel model,
      AccountTaintOptions options,
      List<TransferTaint> transfers,
      Map<Transfer, BigInteger> byTransfer,
      List<Holding> holdings,
      Map<TxId, BigInteger> feeTaint,
      Map<Asset, Totals> totals) {
    this.model = model;
    this.options = options;
    this.transfers = List.copyOf(transfers);
    this.byTransfer = Collections.unmodifiableMap(byTransfer);
    this.holdings = List.copyOf(holdings);
    this.feeTaint = Collections.unmodifiableMap(feeTaint);
    this.totals = Collections.unmodifiableMap(totals);
  }

  /**
   * The taint one transfer carried.
   *
   * @param transfer the movement
   * @param tainted how much of its amount was tainted
   * @param seed true if a seed made it tainted
   * @param hop 0 for a seed transfer, else one past the hop at which the sender received taint
   * @param limit true if {@code hop} is beyond {@link AccountTaintOptions#maxHops()}: the value
   *     moved, but its taint rests here and the receiver is not followed
   */
  public record TransferTaint(
      Transfer transfer, BigInteger tainted, boolean seed, int hop, boolean limit) {
    public TransferTaint {
      Objects.requireNonNull(transfer, "transfer");
      Objects.requireNonNull(tainted, "tainted");
    }
  }

  /**
   * What an address holds of an asset at the end, for every address that ever received taint.
   *
   * @param asset the asset
   * @param address the holder
   * @param balance the balance as far as the data shows
   * @param tainted how much of it is tainted
   * @param unknownFunds value the address spent beyond what the data showed it receiving (treated
   *     as clean funds that arrived first); non-zero means the data starts after the address was
   *     funded
   */
  public record Holding(
      Asset asset, Address address, BigInteger balance, BigInteger tainted, BigInteger unknownFunds) {}

  /**
   * Per-asset sums. For conserving models {@code seeded = held + fees + limit}.
   *
   * @param seeded taint the seeds added
   * @param held taint held by addresses at the end
   * @param fees taint paid as gas
   * @param limit taint carried by transfers beyond the hop limit, where it rests (0 without one)
   * @param transfers transfers applied
   */
  public record Totals(
      BigInteger seeded, BigInteger held, BigInteger fees, BigInteger limit, long transfers) {
    public boolean conserved() {
      return seeded.equals(held.add(fees).add(limit));
    }
  }

  public AccountTaintModel model() {
    return model;
  }

  /** The options the propagation ran with. */
  public AccountTaintOptions options() {
    return options;
  }

  /** Every transfer that carried taint, in {@link Transfer#ORDER}. */
  public List<TransferTaint> transfers() {
    return transfers;
  }

  /** The taint a transfer carried; 0 for one that carried none or was not applied. */
  public BigInteger taintOfTransfer(Transfer t) {
    return byTransfer.getOrDefault(t, BigInteger.ZERO);
  }

  public List<Holding> holdings() {
    return holdings;
  }

  public Optional<Holding> holding(Asset asset, Address address) {
    return holdings.stream()
        .filter(h -> h.asset().equals(asset) && h.address().equals(address))
        .findFirst();
  }

  /** Gas taint of a transaction (native asset), 0 if none. */
  public BigInteger feeTaint(TxId tx) {
    return feeTaint.getOrDefault(tx, BigInteger.ZERO);
  }

  /** Gas taint per transaction, for transactions whose gas carried taint. */
  public Map<TxId, BigInteger> feeTaints() {
    return feeTaint;
  }

  public Map<Asset, Totals> totals() {
    return totals;
  }

  /** Whether every asset's taint is conserved (always false to check for poison). */
  public boolean conserved() {
    return totals.values().stream().allMatch(Totals::conserved);
  }
}
