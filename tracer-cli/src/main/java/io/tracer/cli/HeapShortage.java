package io.tracer.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;

/**
 * Data larger than the Java heap, reported as one line with the advice to give the JVM more,
 * never as a stack trace or not at all. The shortage shows in more ways than an {@code
 * OutOfMemoryError} on the command's thread:
 *
 * <ul>
 *   <li>the error can come wrapped: linking a lambda for the first time throws {@code
 *       InternalError} caused by it;
 *   <li>a pool thread runs out first, and the command then fails to load a class whose
 *       initialisation that thread could not finish ({@code NoClassDefFoundError: Could not
 *       initialize class ...});
 *   <li>the heap can still be full when the command's thread reports (pool threads finishing
 *       their tasks still hold the data), and printing needs heap too: a little is kept in
 *       reserve and dropped first, and the line is ready as bytes, written straight to stderr if
 *       printing fails again.
 * </ul>
 */
final class HeapShortage {
  private static final String MESSAGE =
      "tracer: error: out of memory: the data does not fit in the Java heap (at most "
          + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " MiB); give it more, e.g. JAVA_OPTS=-Xmx8g ./tracer ... (or java -Xmx8g -jar tracer.jar"
          + " ...)";
  private static final byte[] MESSAGE_LINE =
      (MESSAGE + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
  /** Room for reporting; dropped at the first shortage. */
  @SuppressWarnings("unused") // held only to be let go
  private static volatile byte[] reserve = new byte[256 * 1024];

  private static volatile boolean seen;

  private HeapShortage() {}

  /** Allocates the reserve and the message now, while there is heap. */
  static void prepare() {
    // class initialisation did it; this call only makes it happen at startup
  }

  /** Some thread ran out of heap: remember it, and free the reserve. */
  static void seen() {
    seen = true;
    reserve = null;
  }

  /** Whether {@code e}, thrown by the command, is the heap running out (see the class doc). */
  static boolean explains(Throwable e) {
    return explains(e, seen, e instanceof LinkageError && heapWasFull());
  }

  /**
   * {@link #explains(Throwable)} given whether a shortage was seen on another thread and whether
   * the heap has been full: a linkage error alone is not taken for a shortage (it can be a bug).
   */
  static boolean explains(Throwable e, boolean seenElsewhere, boolean heapWasFull) {
    // the cause chain, without allocating (a short one: a cycle or a long chain is not ours)
    Throwable c = e;
    for (int depth = 0; c != null && depth < 8; depth++, c = c.getCause()) {
      if (c instanceof OutOfMemoryError) {
        return true;
      }
    }
    return e instanceof LinkageError && (seenElsewhere || heapWasFull);
  }

  /** Reports the shortage on {@code err} (with the stack trace if {@code verbose}); exit code 1. */
  static int report(PrintWriter err, Throwable e, boolean verbose) {
    seen();
    try {
      err.println(MESSAGE);
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
    } catch (OutOfMemoryError again) {
      return reportLastResort();
    }
    return ExitCode.ERROR;
  }

  /** The line as prepared bytes, straight to stderr: nothing to allocate. Exit code 1. */
  static int reportLastResort() {
    seen();
    System.err.write(MESSAGE_LINE, 0, MESSAGE_LINE.length);
    System.err.flush();
    return ExitCode.ERROR;
  }

  /** Whether a heap pool has been full: its peak use at 90 % of its maximum or more. */
  private static boolean heapWasFull() {
    try {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          MemoryUsage peak = pool.getPeakUsage();
          if (peak != null && peak.getMax() > 0 && peak.getUsed() >= peak.getMax() / 10 * 9) {
            return true;
          }
        }
      }
      return false;
    } catch (OutOfMemoryError e) {
      return true; // asking ran out of heap itself
    }
  }
}
