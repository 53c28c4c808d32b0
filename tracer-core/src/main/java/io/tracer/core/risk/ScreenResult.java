package io.tracer.core.risk;

import java.util.List;
import java.util.Objects;

/**
 * The answer to "may I credit this?": the exposure, the policy's alerts and the overall severity
 * (the highest alert, {@link Severity#NONE} without alerts).
 */
public record ScreenResult(
    Exposure exposure, Severity severity, List<Alert> alerts, String policy) {
  public ScreenResult {
    Objects.requireNonNull(exposure, "exposure");
    Objects.requireNonNull(severity, "severity");
    alerts = List.copyOf(alerts);
    Objects.requireNonNull(policy, "policy");
  }

  /** True if the severity is at least {@code level} (for {@code --fail-on}). */
  public boolean reaches(Severity level) {
    return level != Severity.NONE && severity.atLeast(level);
  }
}
