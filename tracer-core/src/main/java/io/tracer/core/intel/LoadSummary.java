package io.tracer.core.intel;

import java.util.Objects;

/**
 * What one load did: which file, which format was detected, how many (address, label) rows were
 * accepted and how many rows were skipped.
 */
public record LoadSummary(String file, IntelFormat format, long accepted, long problems) {
  public LoadSummary {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
  }
}
