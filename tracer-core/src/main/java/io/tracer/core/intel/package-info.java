/**
 * Threat intelligence: which addresses are flagged, by whom, for what, and how sure.
 *
 * <ul>
 *   <li>{@link io.tracer.core.intel.Category}: tracer's one taxonomy (INTERPOL-derived GraphSense
 *       concepts plus OFAC sanctions), with {@link io.tracer.core.intel.Taxonomy} mapping every
 *       source vocabulary onto it.
 *   <li>{@link io.tracer.core.intel.Label}: one attribution with its provenance (source, confidence,
 *       date, original category). Labels are plain text, never markup.
 *   <li>{@link io.tracer.core.intel.IntelLoader}: reads OFAC lists (txt/json, SDN XML), GraphSense
 *       TagPacks, MISP events, STIX 2.1 bundles and tracer CSV; the format is detected from content.
 *       Bad rows are reported with file and line and skipped; hostile files (XXE, YAML aliases,
 *       oversize documents) are refused.
 *   <li>{@link io.tracer.core.intel.Watchlist}: an immutable, compact address → labels index, safe
 *       for concurrent readers.
 * </ul>
 */
package io.tracer.core.intel;
