package io.tracer.core.taint;

/**
 * FIFO, first in first out (Anderson et al. 2019 "TaintChain", after Clayton's Case): the inputs'
 * vectors in input order form the stream; outputs take from it in index order; the fee takes the tail.
 */
public final class FifoTaint extends OrderedTaintModel {
  FifoTaint() {
    super(false, false);
  }

  @Override
  public String id() {
    return "fifo";
  }
}
