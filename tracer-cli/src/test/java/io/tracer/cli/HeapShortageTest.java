package io.tracer.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which failures of a command are the heap running out. The end-to-end case (a JVM with a 20 MiB
 * heap) is in {@link UserErrorPathsTest}; this covers the forms it takes besides an {@code
 * OutOfMemoryError} on the command's thread, which that test meets only now and then.
 */
class HeapShortageTest {
  private static final NoClassDefFoundError CLASS_INIT_FAILED = new NoClassDefFoundError(
      "Could not initialize class java.util.concurrent.locks.AbstractQueuedSynchronizer");

  @Test
  void outOfMemoryError_isAShortage_whatever_else() {
    assertTrue(HeapShortage.explains(new OutOfMemoryError("Java heap space"), false, false));
  }

  @Test
  void errorCausedByOutOfMemory_isAShortage() {
    // what linking a lambda for the first time throws when the heap is full
    InternalError wrapped = new InternalError(new OutOfMemoryError("Java heap space"));
    assertTrue(HeapShortage.explains(wrapped, false, false));
    assertFalse(HeapShortage.explains(new InternalError("other"), false, false));
  }

  @Test
  void linkageError_isAShortage_onlyAfterOneOnAnotherThread_orWithTheHeapFull() {
    // a class whose initialisation ran out of heap on a pool thread cannot be loaded any more
    assertTrue(HeapShortage.explains(CLASS_INIT_FAILED, true, false));
    assertTrue(HeapShortage.explains(CLASS_INIT_FAILED, false, true));
    // alone it can be a bug: reported as what it is
    assertFalse(HeapShortage.explains(CLASS_INIT_FAILED, false, false));
  }

  @Test
  void otherFailures_areNeverTakenForAShortage() {
    assertFalse(HeapShortage.explains(new IllegalStateException("boom"), true, true));
    assertFalse(HeapShortage.explains(new StackOverflowError(), true, true));
  }
}
