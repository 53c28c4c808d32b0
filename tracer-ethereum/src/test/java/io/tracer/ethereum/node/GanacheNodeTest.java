package io.tracer.ethereum.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void requireNode_olderThan18_failsSayingWhatIsNeeded() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> GanacheNode.requireNode("v16.20.2\n"));
    assertEquals("Node.js 18+ is needed for the Ethereum integration tests (ganache); 'node --version' says 'v16.20.2'",
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> GanacheNode.requireNode("garbage"));
  }

  @Test
  void requireNode_18AndNewer_accepted() {
    GanacheNode.requireNode("v18.0.0");
    GanacheNode.requireNode("v20.20.2\n");
  }

  @Test
  void needsInstall_freshCloneBrokenInstallOrNewerLock_true(@TempDir Path dir) throws IOException {
    Path lock = Files.writeString(dir.resolve("package-lock.json"), "{}");
    assertTrue(GanacheNode.needsInstall(dir), "fresh clone: no node_modules");
    Path cli = dir.resolve("node_modules/ganache/dist/node/cli.js");
    Files.createDirectories(cli.getParent());
    Files.writeString(cli, "");
    assertTrue(GanacheNode.needsInstall(dir), "npm ci broke off before writing node_modules/.package-lock.json");
    Path done = Files.writeString(dir.resolve("node_modules/.package-lock.json"), "{}");
    Files.setLastModifiedTime(lock, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Files.setLastModifiedTime(done, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
    assertFalse(GanacheNode.needsInstall(dir), "complete install of the current lock file");
    Files.setLastModifiedTime(lock, FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
    assertTrue(GanacheNode.needsInstall(dir), "lock file changed since the install");
  }

  @Test
  void nodeDir_fromModuleDirectory_findsCommittedPackageAndLockFile() {
    assertTrue(Files.exists(GanacheNode.nodeDir().resolve("package.json")));
    assertTrue(Files.exists(GanacheNode.nodeDir().resolve("package-lock.json")));
  }
}
