package io.tracer.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real data in {@code ../shared/data} (mainnet blocks, OFAC lists, TagPacks). That
 * folder is never committed. Its location comes from the system property {@code tracer.shared.data},
 * else the environment variable {@code TRACER_SHARED_DATA}, else {@code ../shared/data} relative to
 * the project root. Where it is absent, tests that need it are reported as skipped with a clear
 * message, except when {@code tracer.require.shared.data=true} (as {@code .ci/run} sets it), where
 * its absence fails the test.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared data folder, or a skip (or failure under CI) when it is not there. */
  public static Path root() {
    Path p = locate();
    if (!Files.isDirectory(p)) {
      String msg =
          "real data not found at "
              + p.toAbsolutePath().normalize()
              + " (set -Dtracer.shared.data=DIR or TRACER_SHARED_DATA); skipping tests on real data";
      if (Boolean.parseBoolean(System.getProperty("tracer.require.shared.data", "false"))
          || "true".equalsIgnoreCase(System.getenv("TRACER_REQUIRE_SHARED_DATA"))) {
        fail(msg.replace("skipping", "required by CI, so failing"));
      }
      Assumptions.abort(msg);
    }
    return p;
  }

  /** A file or folder under the shared data root; skips (or fails under CI) if missing. */
  public static Path file(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      fail("shared data present but " + relative + " is missing under " + root());
    }
    return p;
  }

  private static Path locate() {
    String prop = System.getProperty("tracer.shared.data");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("TRACER_SHARED_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    // Surefire runs each module in its own folder: walk up to the project root.
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("tracer-core")) && Files.exists(d.resolve("pom.xml"))) {
        return d.resolve("../shared/data").normalize();
      }
    }
    return dir.resolve("../shared/data").normalize();
  }
}
