package io.tracer.core.taint;

import io.tracer.core.TracerException;

/**
 * Taint propagation could not give an exact answer: a transaction or an input value the rule needs
 * is missing from the source, or the data is inconsistent (outputs larger than inputs). The engine
 * never guesses a missing value, because a guessed amount in a court report is worse than none.
 */
public class TaintException extends TracerException {
  private static final long serialVersionUID = 1L;

  public TaintException(String message) {
    super(message);
  }

  public TaintException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The source does not have a transaction the propagation needs (a seed, a spender, a coinbase). */
  public static final class MissingTransaction extends TaintException {
    private static final long serialVersionUID = 1L;

    public MissingTransaction(String message) {
      super(message);
    }
  }

  /** An input's value is unknown and its funding transaction is not in the source. */
  public static final class UnresolvedInput extends TaintException {
    private static final long serialVersionUID = 1L;

    public UnresolvedInput(String message) {
      super(message);
    }
  }
}
