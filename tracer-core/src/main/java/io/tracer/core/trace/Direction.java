package io.tracer.core.trace;

/** Which way to follow value from the seed. */
public enum Direction {
  /** Where did the money go: follow spends of outputs, outgoing transfers. */
  FORWARD,
  /** Where did the money come from: follow funding transactions, incoming transfers. */
  BACKWARD,
  /** Both, as two walks that share the seed. */
  BOTH
}
