package io.tracer.ethereum.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The node launcher's own checks, without starting a node. */
class GanacheNodeTest {
  @Test
  void requireTool_missingTool_failsNamingWhatToInstall() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GanacheNode.requireTool("tracer-no-such-tool-xyz", "--version"));
    assertEquals("'tracer-no-such-tool-xyz' is not installed or not on PATH: the Ethereum integration tests need "
        + "Node.js 18+ and npm (Debian: apt-get install nodejs npm) to run ganache", e.getMessage());
  }

  @Test
  void nodeDir_fromModuleDirectory_findsCommittedPackageAndLockFile() {
    assertTrue(Files.exists(GanacheNode.nodeDir().resolve("package.json")));
    assertTrue(Files.exists(GanacheNode.nodeDir().resolve("package-lock.json")));
  }
}
