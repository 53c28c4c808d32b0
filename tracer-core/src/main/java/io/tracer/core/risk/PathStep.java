package io.tracer.core.risk;

import io.tracer.core.model.Address;
import io.tracer.core.model.TxId;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One link of an evidence path: in transaction {@code tx}, {@code amount} base units (as the flow
 * model attributes them) moved from {@code from} to {@code to}.
 */
public record PathStep(TxId tx, Address from, Address to, BigInteger amount) {
  public PathStep {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(amount, "amount");
  }
}
