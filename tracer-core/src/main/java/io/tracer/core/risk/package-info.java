/**
 * Risk: how much of an address's (or transaction's) money comes from, or goes to, flagged
 * wallets, and what a compliance policy makes of it.
 *
 * <ul>
 *   <li>{@link io.tracer.core.risk.ExposureEngine}: direct and indirect exposure per {@link
 *       io.tracer.core.intel.Category}, incoming and outgoing, as exact integer amounts and shares,
 *       with hop counts and evidence paths; stops at services; hop decay λ and a dust floor
 *       (HEURISTICS.md §4.3). Haircut by default; {@link io.tracer.core.risk.FlowModel} is the seam
 *       for other taint models.
 *   <li>{@link io.tracer.core.risk.Policy}: per-category thresholds → {@link
 *       io.tracer.core.risk.Severity}, dust cap, sanctions override; read from YAML or JSON, with a
 *       documented default ({@code default-policy.yaml}).
 *   <li>{@link io.tracer.core.risk.Screener}: built once, used from many threads; returns a {@link
 *       io.tracer.core.risk.ScreenResult} with exposure, severity and {@link
 *       io.tracer.core.risk.Alert}s; {@link io.tracer.core.risk.ScreenJson} writes it as
 *       deterministic JSON.
 * </ul>
 */
package io.tracer.core.risk;
