package io.tracer.ethereum.heuristic;

import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Deposit-address reuse (HEURISTICS.md §3; Victor 2020, Tutela {@code src/cluster/deposit.py}).
 * Exchanges give each customer a deposit address that forwards ("sweeps") what it receives to the
 * exchange. Whoever paid a deposit address is the customer, so two senders that use the same
 * deposit address are one entity:
 *
 * <ol>
 *   <li>Transfers sent by known miners are ignored.
 *   <li>A forward F is a transfer to an exchange address; the deposit address is F's sender,
 *       unless that is a known entity (an exchange, a miner, a service).
 *   <li>The receive R is the latest transfer to the deposit address at most τ blocks before F,
 *       whose value equals F's when both are rounded to the rounding unit, with 0 ≤ R − F ≤ α
 *       (the deposit address pays the sweep's gas, so it forwards a little less).
 *   <li>Link R's sender to the deposit address with confidence κ = 1 − (½·|F − R|/α + ½·(t_F −
 *       t_R)/τ), t in blocks; clusters are the connected components.
 * </ol>
 *
 * Defaults: α = 0.01 ETH, τ = 3,200 blocks (Victor's whitepaper), rounding unit 0.1 ETH with
 * halves rounded up [design: the sources do not say how to round]. Only ETH is examined unless
 * token parameters are added, because α is an amount of one asset. Transfers considered: NATIVE
 * and INTERNAL (and TOKEN for configured tokens) that succeeded. Thread-safe (immutable).
 */
public final class DepositAddressReuse {
  public static final String RULE = "deposit-address-reuse";
  /** α: 0.01 ETH in wei. */
  public static final BigInteger DEFAULT_ALPHA_WEI = BigInteger.TEN.pow(16);
  /** τ: 3,200 blocks. */
  public static final long DEFAULT_TAU_BLOCKS = 3_200;
  /** Rounding unit: 0.1 ETH in wei. */
  public static final BigInteger DEFAULT_ROUND_WEI = BigInteger.TEN.pow(17);

  /** Per-asset amount parameters: α and the rounding unit, both in base units. */
  public record AssetParams(BigInteger alpha, BigInteger roundUnit) {
    public AssetParams {
      if (alpha.signum() <= 0 || roundUnit.signum() <= 0) {
        throw new IllegalArgumentException("alpha and rounding unit must be positive");
      }
    }
  }

  private final Set<Address> exchanges;
  private final Set<Address> knownEntities;
  private final Set<Address> miners;
  private final long tau;
  private final Map<Asset, AssetParams> assets;

  private DepositAddressReuse(Builder b) {
    if (b.exchanges.isEmpty()) {
      throw new IllegalStateException("deposit-address reuse needs at least one exchange address");
    }
    this.exchanges = Set.copyOf(b.exchanges);
    Set<Address> known = new HashSet<>(b.knownEntities);
    known.addAll(b.exchanges);
    known.addAll(b.miners);
    this.knownEntities = Set.copyOf(known);
    this.miners = Set.copyOf(b.miners);
    this.tau = b.tau;
    this.assets = Map.copyOf(b.assets);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Parameters; exchange addresses are required. */
  public static final class Builder {
    private final Set<Address> exchanges = new HashSet<>();
    private final Set<Address> knownEntities = new HashSet<>();
    private final Set<Address> miners = new HashSet<>();
    private long tau = DEFAULT_TAU_BLOCKS;
    private final Map<Asset, AssetParams> assets = new HashMap<>();

    private Builder() {
      assets.put(Asset.ETH, new AssetParams(DEFAULT_ALPHA_WEI, DEFAULT_ROUND_WEI));
    }

    /** Exchange addresses (hot wallets) that deposits are swept to. */
    public Builder exchanges(Set<Address> a) {
      exchanges.addAll(a);
      return this;
    }

    /** Addresses that are known services and so never a customer's deposit address. */
    public Builder knownEntities(Set<Address> a) {
      knownEntities.addAll(a);
      return this;
    }

    /** Known miners: their transfers are ignored (pool payouts look like deposits). */
    public Builder miners(Set<Address> a) {
      miners.addAll(a);
      return this;
    }

    /** τ in blocks. */
    public Builder tau(long blocks) {
      if (blocks <= 0) {
        throw new IllegalArgumentException("tau must be positive");
      }
      this.tau = blocks;
      return this;
    }

    /** α and rounding unit for an asset (replaces the ETH defaults when the asset is ETH). */
    public Builder asset(Asset asset, BigInteger alpha, BigInteger roundUnit) {
      assets.put(asset, new AssetParams(alpha, roundUnit));
      return this;
    }

    public DepositAddressReuse build() {
      return new DepositAddressReuse(this);
    }
  }

  /** The result: links (one per matched forward), and the deposit addresses found. */
  public record Result(List<Link> links, Set<Address> depositAddresses) {
    public List<Set<Address>> clusters() {
      return Clusters.of(links);
    }
  }

  /**
   * Applies the rule to transfers in {@link Transfer#ORDER} (as sources return them).
   */
  public Result apply(List<Transfer> transfers) {
    Objects.requireNonNull(transfers, "transfers");
    // Receives by (deposit address, asset), in chain order.
    Map<Address, List<Transfer>> receivedBy = new HashMap<>();
    List<Link> links = new ArrayList<>();
    Set<Address> deposits = new HashSet<>();
    for (Transfer t : transfers) {
      if (!counts(t) || miners.contains(t.from())) {
        continue;
      }
      if (exchanges.contains(t.to()) && !knownEntities.contains(t.from())) {
        deposits.add(t.from());
        Transfer r = match(t, receivedBy.getOrDefault(t.from(), List.of()));
        if (r != null && !r.from().equals(t.from())) {
          links.add(new Link(r.from(), t.from(), RULE, List.of(r.txId(), t.txId()), kappa(r, t)));
        }
      }
      receivedBy.computeIfAbsent(t.to(), k -> new ArrayList<>()).add(t);
    }
    return new Result(List.copyOf(links), Set.copyOf(deposits));
  }

  private boolean counts(Transfer t) {
    if (!t.success() || t.amount().signum() <= 0 || !assets.containsKey(t.asset())) {
      return false;
    }
    TransferKind k = t.kind();
    return k == TransferKind.NATIVE || k == TransferKind.INTERNAL || k == TransferKind.TOKEN;
  }

  /** The latest receive that fits F, scanning back from the newest. */
  private Transfer match(Transfer f, List<Transfer> received) {
    AssetParams p = assets.get(f.asset());
    for (int i = received.size() - 1; i >= 0; i--) {
      Transfer r = received.get(i);
      long dt = f.block().height() - r.block().height();
      if (dt > tau) {
        break;
      }
      if (dt < 0 || !r.asset().equals(f.asset()) || r.txId().equals(f.txId())) {
        continue;
      }
      BigInteger diff = r.amount().subtract(f.amount());
      if (diff.signum() < 0 || diff.compareTo(p.alpha()) > 0) {
        continue;
      }
      if (!round(r.amount(), p.roundUnit()).equals(round(f.amount(), p.roundUnit()))) {
        continue;
      }
      return r;
    }
    return null;
  }

  /** Rounds to the nearest multiple of {@code unit}, halves up. */
  static BigInteger round(BigInteger v, BigInteger unit) {
    return v.add(unit.shiftRight(1)).divide(unit);
  }

  /** κ = 1 − (½·|a_f − a_r|/α + ½·(t_f − t_r)/τ), exact, then 9 decimal places (half even). */
  BigDecimal kappa(Transfer r, Transfer f) {
    BigInteger alpha = assets.get(f.asset()).alpha();
    BigInteger da = r.amount().subtract(f.amount()).abs();
    BigInteger dt = BigInteger.valueOf(f.block().height() - r.block().height());
    BigInteger t = BigInteger.valueOf(tau);
    // 1 − (da·τ + dt·α) / (2·α·τ)
    BigInteger num = da.multiply(t).add(dt.multiply(alpha));
    BigInteger den = alpha.multiply(t).shiftLeft(1);
    BigDecimal k = BigDecimal.ONE.subtract(new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL128));
    return k.max(BigDecimal.ZERO).setScale(9, RoundingMode.HALF_EVEN);
  }
}
