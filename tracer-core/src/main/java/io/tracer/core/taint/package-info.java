/**
 * Taint analysis: how much of a value is "the victims' money" under each of the standard models
 * (HEURISTICS.md §4).
 *
 * <p>Two layers:
 *
 * <ul>
 *   <li>the per-transaction rule {@link io.tracer.core.taint.TaintModel}: a pure function from
 *       input taint states and output values to output taint states, fee taint and lost taint. One
 *       implementation per model: {@link io.tracer.core.taint.PoisonTaint}, {@link
 *       io.tracer.core.taint.HaircutTaint}, {@link io.tracer.core.taint.FifoTaint}, {@link
 *       io.tracer.core.taint.LifoTaint}, {@link io.tracer.core.taint.LifoReverseOutTaint}, {@link
 *       io.tracer.core.taint.TihoTaint};
 *   <li>the propagation engine {@link io.tracer.core.taint.UtxoTaintEngine} that follows spenders
 *       over a {@link io.tracer.core.source.UtxoSource} in chain order from seed outputs, with hop
 *       and height limits, fee policy and optional fee-to-coinbase propagation. The account-model
 *       engine lives in {@link io.tracer.core.taint.account}.
 * </ul>
 *
 * <p>All amounts are exact integers: satoshi in {@code long} with 128-bit intermediate products
 * ({@link java.lang.Math#multiplyHigh}), wei in {@link java.math.BigInteger}. Entry point: {@link
 * io.tracer.core.taint.TaintEngine}.
 */
package io.tracer.core.taint;
