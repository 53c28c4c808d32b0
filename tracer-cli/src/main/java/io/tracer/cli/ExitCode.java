package io.tracer.cli;

/** The exit codes scripts can rely on. */
public final class ExitCode {
  public static final int OK = 0;
  /** A runtime error: unreadable data, unknown transaction, failed RPC… */
  public static final int ERROR = 1;
  /** Bad usage: unknown option, missing argument, malformed value. */
  public static final int USAGE = 2;
  /** {@code --fail-on} threshold reached (screening found exposure at or above the level). */
  public static final int THRESHOLD = 3;

  private ExitCode() {}
}
