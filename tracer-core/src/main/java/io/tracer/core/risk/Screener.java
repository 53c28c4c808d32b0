package io.tracer.core.risk;

import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.model.TxId;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.UtxoSource;
import java.util.List;
import java.util.Objects;

/**
 * Screens addresses and transactions against a watchlist with a policy. Build once, share across
 * threads: it holds only immutable state (the watchlist, the policy, the configuration) and keeps
 * each screen's working state on the calling thread. Output is deterministic: the same source,
 * watchlist, policy and configuration give equal results.
 *
 * <pre>{@code
 * Screener s = Screener.builder().watchlist(Watchlist.load(files)).build();
 * ScreenResult r = s.screen(source, Address.of(Chain.BITCOIN, "bc1q…"));
 * if (r.reaches(Severity.HIGH)) { hold(); }
 * }</pre>
 */
public final class Screener {
  private final ExposureEngine engine;
  private final Policy policy;

  private Screener(Builder b) {
    this.engine = new ExposureEngine(b.watchlist, b.config);
    this.policy = b.policy;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Policy policy() {
    return policy;
  }

  public ExposureConfig config() {
    return engine.config();
  }

  public Watchlist watchlist() {
    return engine.watchlist();
  }

  /** Screens an address on a UTXO or account source. */
  public ScreenResult screen(LedgerSource source, Address address) {
    Exposure e = engine.address(source, address);
    return result(e, source);
  }

  /** Screens a UTXO transaction (its sources and destinations of funds). */
  public ScreenResult screenTransaction(UtxoSource source, TxId tx) {
    return result(engine.transaction(source, tx), source);
  }

  private ScreenResult result(Exposure e, LedgerSource source) {
    List<Alert> alerts = policy.evaluate(e, source.chain());
    Severity s = Severity.NONE;
    for (Alert a : alerts) {
      s = Severity.max(s, a.severity());
    }
    return new ScreenResult(e, s, alerts, policy.toString());
  }

  /** Builder; a watchlist is required, the policy and configuration default. */
  public static final class Builder {
    private Watchlist watchlist;
    private Policy policy;
    private ExposureConfig config = ExposureConfig.defaults();

    private Builder() {}

    public Builder watchlist(Watchlist w) {
      this.watchlist = Objects.requireNonNull(w, "watchlist");
      return this;
    }

    public Builder policy(Policy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return this;
    }

    public Builder config(ExposureConfig c) {
      this.config = Objects.requireNonNull(c, "config");
      return this;
    }

    public Screener build() {
      if (watchlist == null) {
        throw new IllegalStateException("a watchlist is required (Watchlist.empty() to screen without intel)");
      }
      if (policy == null) {
        policy = Policy.defaultPolicy();
      }
      return new Screener(this);
    }
  }
}
