package io.tracer.ethereum.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A ganache node on a free loopback port for the tests of one class:
 *
 * <pre>{@code @RegisterExtension static final GanacheNode NODE = new GanacheNode();}</pre>
 *
 * Before the class it runs {@code npm ci} in {@code tracer-ethereum/node} if {@code node_modules}
 * is missing, starts ganache (deterministic accounts, chain id 1337, instamine) and waits until it
 * answers; after the class, even when tests failed, it stops the process (TERM, then KILL after 5
 * s). A JVM shutdown hook stops it too if the run is aborted. Without Node.js or npm the tests
 * fail with a message that says what to install; they are never silently skipped.
 */
public final class GanacheNode implements BeforeAllCallback, AfterAllCallback {
  /** The first of ganache's deterministic accounts (mnemonic "myth like bonus … collect"). */
  public static final String ACCOUNT_0 = "0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1";

  private Process process;
  private Thread hook;
  private int port;
  private Path log;

  /** Starts a node outside JUnit (the benchmark uses this); call {@link #stop()} when done. */
  public void start() {
    Path dir = nodeDir();
    requireNode(requireTool("node", "--version"));
    if (needsInstall(dir)) {
      requireTool("npm", "--version");
      run(dir, Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
    }
    Path cli = dir.resolve("node_modules/ganache/dist/node/cli.js");
    if (!Files.exists(cli)) {
      throw new IllegalStateException("ganache is not installed under " + dir + "/node_modules; run `npm ci` there");
    }
    IOException last = null;
    String lastLog = "";
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        port = freePort();
        log = Files.createTempFile("ganache-" + port + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder("node", cli.toString(),
            "--server.host", "127.0.0.1", "--server.port", Integer.toString(port),
            "--wallet.deterministic", "--wallet.totalAccounts", "10",
            "--chain.chainId", "1337", "--chain.networkId", "1337",
            "--miner.instamine", "eager", "--logging.quiet")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        process = pb.start();
        hook = new Thread(this::stopQuietly, "ganache-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        if (awaitReady(Duration.ofSeconds(20))) {
          return;
        }
        lastLog = tail(log);
        stop();
      } catch (IOException e) {
        last = e;
        stop();
      }
    }
    throw new IllegalStateException("ganache did not start; its last output:\n" + lastLog, last);
  }

  /** Stops the node: TERM, up to 5 s grace, then KILL; its child processes too. */
  public void stop() {
    if (process != null) {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      children.forEach(ProcessHandle::destroyForcibly);
      process = null;
      deleteLog();
    }
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running this very method
      }
      hook = null;
    }
  }

  private static String tail(Path file) {
    try {
      String all = Files.readString(file);
      return all.length() <= 4000 ? all : all.substring(all.length() - 4000);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void deleteLog() {
    if (log != null) {
      try {
        Files.deleteIfExists(log);
      } catch (IOException e) {
        // a leftover temp file is harmless
      }
    }
  }

  private void stopQuietly() {
    Process p = process;
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  private boolean awaitReady(Duration max) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url()))
                .timeout(Duration.ofSeconds(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("result")) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** {@code tracer-ethereum/node}, found from the working directory (module or project root). */
  public static Path nodeDir() {
    Path here = Path.of("").toAbsolutePath();
    for (Path d = here; d != null; d = d.getParent()) {
      Path a = d.resolve("node/package.json");
      if (Files.exists(a) && d.getFileName() != null && d.getFileName().toString().equals("tracer-ethereum")) {
        return d.resolve("node");
      }
      Path b = d.resolve("tracer-ethereum/node/package.json");
      if (Files.exists(b)) {
        return b.getParent();
      }
    }
    throw new IllegalStateException("cannot find tracer-ethereum/node/package.json above " + here);
  }

  /**
   * True when {@code npm ci} must run: nothing installed, an install that broke off (npm writes
   * {@code node_modules/.package-lock.json} last), or a lock file changed since the install.
   */
  static boolean needsInstall(Path dir) {
    Path done = dir.resolve("node_modules/.package-lock.json");
    Path lock = dir.resolve("package-lock.json");
    try {
      return !Files.exists(dir.resolve("node_modules/ganache/dist/node/cli.js")) || !Files.exists(done)
          || Files.getLastModifiedTime(done).compareTo(Files.getLastModifiedTime(lock)) < 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** Ganache 7 needs Node.js 18 or newer; older ones fail at start-up with obscure errors. */
  static void requireNode(String version) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?(\\d+)\\.").matcher(version.trim());
    if (!m.lookingAt() || Integer.parseInt(m.group(1)) < 18) {
      throw new IllegalStateException("Node.js 18+ is needed for the Ethereum integration tests (ganache); "
          + "'node --version' says '" + version.trim() + "'");
    }
  }

  /** Runs {@code tool arg} and returns what it printed. */
  static String requireTool(String tool, String arg) {
    try {
      Process p = new ProcessBuilder(tool, arg).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(tool + " " + arg + " failed: " + out.trim());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("'" + tool + "' is not installed or not on PATH: the Ethereum integration "
          + "tests need Node.js 18+ and npm (Debian: apt-get install nodejs npm) to run ganache", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void run(Path dir, Duration max, String... cmd) {
    try {
      Path out = Files.createTempFile("npm-ci-", ".log");
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!p.waitFor(max.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " timed out in " + dir);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed in " + dir + ":\n" + Files.readString(out));
      }
      Files.deleteIfExists(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", cmd), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
