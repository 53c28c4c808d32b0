/**
 * Writers for results. JSON goes through the single {@link io.tracer.core.report.Json} setup: no
 * annotations on domain types, amounts written as strings of integer base units with the asset
 * named beside them, keys in a stable order so that the same input gives byte-identical output.
 */
package io.tracer.core.report;
