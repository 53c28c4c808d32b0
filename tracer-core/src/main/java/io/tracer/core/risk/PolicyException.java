package io.tracer.core.risk;

import io.tracer.core.TracerException;

/** A policy file is malformed: unknown category or severity, bad threshold, bad structure. */
public class PolicyException extends TracerException {
  private static final long serialVersionUID = 1L;

  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
