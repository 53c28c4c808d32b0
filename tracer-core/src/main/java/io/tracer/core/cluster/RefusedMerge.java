package io.tracer.core.cluster;

import java.util.Objects;

/**
 * A merge the {@link SuperClusterGuard} stopped: the link that would have joined two clusters of
 * {@code sizeA} and {@code sizeB} addresses.
 */
public record RefusedMerge(Merge link, int sizeA, int sizeB) {
  public RefusedMerge {
    Objects.requireNonNull(link, "link");
  }
}
