package io.tracer.core.taint;

/**
 * LIFO as zkokelj's {@code LIFOTainting.cpp} defines it: the inputs stay in order and the outputs
 * are filled from the last to the first; the fee takes the tail. See {@link LifoTaint} for the
 * TaintedTX definition tracer uses by default.
 */
public final class LifoReverseOutTaint extends OrderedTaintModel {
  LifoReverseOutTaint() {
    super(false, true);
  }

  @Override
  public String id() {
    return "lifo_reverse_out";
  }
}
