package io.tracer.core.taint;

/**
 * LIFO as TaintedTX defines it (tracer's default LIFO, HEURISTICS.md §4): the inputs are reversed
 * ("last in"), each keeping its own vector order, and the outputs take from that stream in index
 * order ("first out"); the fee takes the tail. zkokelj's variant is {@link LifoReverseOutTaint}.
 */
public final class LifoTaint extends OrderedTaintModel {
  LifoTaint() {
    super(true, false);
  }

  @Override
  public String id() {
    return "lifo";
  }
}
