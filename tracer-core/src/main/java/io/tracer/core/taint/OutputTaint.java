package io.tracer.core.taint;

import io.tracer.core.model.Address;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import java.util.Objects;
import java.util.Optional;

/**
 * The taint of one output the propagation reached.
 *
 * @param outPoint the output
 * @param address its address (a pseudo-address for scripts without one)
 * @param value its value in satoshi
 * @param tainted how much of it is tainted
 * @param hop 0 for a seed, else the hop of the transaction that created it
 * @param status what happened to its taint next
 * @param spentBy the spending transaction if the source knows it and the taint was followed or
 *     stopped at a limit; null otherwise
 * @param segments the FIFO/LIFO vector; null for the unordered models
 */
public record OutputTaint(
    OutPoint outPoint,
    Address address,
    long value,
    long tainted,
    int hop,
    Status status,
    TxId spentBy,
    Segments segments) {

  /** What happened to an output's taint. */
  public enum Status {
    /** It carries taint and its spender was processed: the taint moved on. */
    FOLLOWED,
    /** It carries taint and is unspent as far as the source knows: the taint rests here. */
    UNSPENT,
    /**
     * It carries taint and is spent by a transaction beyond a limit ({@code maxHops}, {@code
     * untilHeight}, {@code maxTransactions}): the taint is counted here.
     */
    LIMIT,
    /** An unspendable output (OP_RETURN): its taint is burned, and recorded. */
    BURNED,
    /** It carries no taint, so it is not followed. */
    CLEAN
  }

  public OutputTaint {
    Objects.requireNonNull(outPoint, "outPoint");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(status, "status");
    if (tainted < 0 || tainted > value) {
      throw new IllegalArgumentException("need 0 <= tainted <= value");
    }
  }

  /** The segment vector, for the ordered models. */
  public Optional<Segments> segmentVector() {
    return Optional.ofNullable(segments);
  }

  /** True if the taint ends here (unspent or stopped at a limit). */
  public boolean isTerminal() {
    return status == Status.UNSPENT || status == Status.LIMIT;
  }
}
