package io.tracer.core.taint;

import io.tracer.core.taint.account.AccountTaintEngine;
import io.tracer.core.taint.account.AccountTaintModel;
import io.tracer.core.taint.account.AccountTaintOptions;
import java.util.Objects;

/**
 * Entry point of the taint engines.
 *
 * <pre>{@code
 * UtxoTaintResult r = TaintEngine.utxo(TaintModels.HAIRCUT, UtxoTaintOptions.defaults())
 *     .propagate(source, List.of(seed));
 * long t = r.taintOf(someOutPoint);
 * }</pre>
 */
public final class TaintEngine {
  private TaintEngine() {}

  /**
   * An engine for UTXO chains.
   *
   * @throws IllegalArgumentException for poison with {@link FeePolicy#PRO_RATA_FIRST}: poison
   *     taints the whole fee whatever the policy, so asking for pro-rata is a mistake
   */
  public static UtxoTaintEngine utxo(TaintModel model, UtxoTaintOptions options) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    if (!model.conservesTaint() && options.feePolicy() == FeePolicy.PRO_RATA_FIRST) {
      throw new IllegalArgumentException(
          model.id() + " taints the whole fee; the PRO_RATA_FIRST fee policy has no meaning for it");
    }
    return new UtxoTaintEngine(model, options);
  }

  /** An engine for UTXO chains with {@link UtxoTaintOptions#defaults()}. */
  public static UtxoTaintEngine utxo(TaintModel model) {
    return utxo(model, UtxoTaintOptions.defaults());
  }

  /** An engine for account chains (Ethereum, tokens): one ledger per asset. */
  public static AccountTaintEngine account(AccountTaintModel model, AccountTaintOptions options) {
    return AccountTaintEngine.create(model, options);
  }

  /** An account engine with {@link AccountTaintOptions#defaults()}. */
  public static AccountTaintEngine account(AccountTaintModel model) {
    return account(model, AccountTaintOptions.defaults());
  }
}
