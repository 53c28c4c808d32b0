package io.tracer.cli;

import io.tracer.core.TracerException;
import io.tracer.core.intel.Texts;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** Entry point of the {@code tracer} command. */
@Command(
    name = "tracer",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Follow cryptocurrency payments across addresses and chains, cluster addresses into"
          + " entities, propagate taint, and report every flow that touches a flagged wallet.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 runtime error, 2 bad usage, 3 --fail-on threshold reached.",
      "Run 'tracer COMMAND --help' for a command's options."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      TxCommand.class,
      AddressCommand.class,
      TraceCommand.class,
      ClusterCommand.class,
      TaintCommand.class,
      ScreenCommand.class,
      IntelCommand.class,
    })
public final class Main implements Runnable {
  @Mixin GlobalOptions global;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.setProperty(LOG_LEVEL_PROPERTY, logLevel(args));
    HeapShortage.prepare();
    // A pool thread that runs out of heap while idle (waiting for work allocates) would print a
    // JVM stack trace; the command's own thread meets the same shortage and reports it (run).
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      if (e instanceof OutOfMemoryError) {
        HeapShortage.seen();
      } else {
        // what the JVM prints without a handler (ThreadGroup would call this handler again)
        System.err.print("Exception in thread \"" + t.getName() + "\" ");
        e.printStackTrace(System.err);
      }
    });
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code;
    try {
      code = run(args, out, err);
    } catch (Error e) {
      // run reports a shortage itself; this is for one that struck while it was reporting
      if (!HeapShortage.explains(e)) {
        throw e;
      }
      code = HeapShortage.reportLastResort();
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  /**
   * Library log level for stderr: warnings only, INFO with {@code --verbose} (inputs outside the
   * loaded blocks, tracing fallbacks of a node). Set before any logger exists, hence from the raw
   * arguments rather than the parse result.
   */
  static String logLevel(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("--verbose")) {
        return "info";
      }
    }
    return System.getProperty(LOG_LEVEL_PROPERTY, "warn");
  }

  /** Runs the command line and returns the exit code (used by tests; never calls exit). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // picocli's own conversion names the JDK exception ("java.lang.NumberFormatException: For
    // input string ..."); amounts and paths get messages for a person instead
    cl.registerConverter(BigInteger.class, Main::wholeNumber);
    cl.registerConverter(Path.class, Main::path);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean verbose = parseResult.hasMatchedOption("--verbose")
              || parseResult.subcommands().stream().anyMatch(p -> hasVerbose(p));
          PrintWriter e = commandLine.getErr();
          e.println("tracer: error: " + describe(ex));
          if (verbose) {
            ex.printStackTrace(e);
          }
          e.flush();
          if (ex instanceof ParameterException) {
            return ExitCode.USAGE;
          }
          return ExitCode.ERROR;
        });
    cl.setParameterExceptionHandler(
        (ex, args2) -> {
          PrintWriter e = ex.getCommandLine().getErr();
          e.println("tracer: " + ex.getMessage());
          // "--hopz": name the option that was probably meant.
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
          e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          e.flush();
          return ExitCode.USAGE;
        });
    cl.setExecutionStrategy(Main::checkOutputsThenRun);
    boolean verbose = Arrays.asList(args).contains("--verbose"); // not allocated after a shortage
    try {
      return cl.execute(args);
    } catch (Error e) {
      // Data larger than the heap: say what happened and how to give the JVM more memory
      if (!HeapShortage.explains(e)) {
        throw e;
      }
      return HeapShortage.report(err, e, verbose);
    }
  }

  /** Checks every {@code --out} of the command about to run before it runs (see OutputOption). */
  private static int checkOutputsThenRun(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    if (!leaf.isUsageHelpRequested() && !leaf.isVersionHelpRequested()) {
      for (CommandLine.Model.CommandSpec mixin : leaf.commandSpec().mixins().values()) {
        if (mixin.userObject() instanceof OutputOption) {
          try {
            ((OutputOption) mixin.userObject()).checkWritable();
          } catch (CliException e) {
            throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), e.getMessage(), e);
          }
        }
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  private static boolean hasVerbose(CommandLine.ParseResult p) {
    if (p.hasMatchedOption("--verbose")) {
      return true;
    }
    return p.subcommands().stream().anyMatch(Main::hasVerbose);
  }

  /** A whole number of base units: digits with an optional sign (the range check names a minus). */
  static BigInteger wholeNumber(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.length() > 80 || !t.matches("[-+]?[0-9]+")) {
      throw new CommandLine.TypeConversionException(
          "'" + Texts.plain(text, 40) + "' is not a whole number of base units (sat, wei)");
    }
    return new BigInteger(t);
  }

  /** A path that names something: an empty one would mean the working directory. */
  static Path path(String text) {
    if (text.isBlank()) {
      throw new CommandLine.TypeConversionException("an empty path names no file");
    }
    try {
      return Path.of(text);
    } catch (java.nio.file.InvalidPathException e) {
      throw new CommandLine.TypeConversionException(
          "'" + Texts.plain(text, 40) + "' is not a valid path: " + e.getReason());
    }
  }

  /** One line for a person: the message, plus the root cause's when it adds something. */
  static String describe(Throwable ex) {
    Throwable t = ex;
    if (t instanceof UncheckedIOException && t.getCause() != null) {
      t = t.getCause();
    }
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = t.getClass().getSimpleName();
    }
    if (t instanceof ArithmeticException && msg.contains("overflow")) {
      // amounts are checked 64-bit integers: only data no real chain holds gets here
      return "amounts overflow 64-bit integers (" + msg + "): the data holds more value than any"
          + " real chain; is it corrupt or crafted?";
    }
    if (!(t instanceof TracerException) && !(t instanceof IllegalArgumentException)) {
      msg = t.getClass().getSimpleName() + ": " + msg;
    }
    return msg.replace('\n', ' ').replace('\r', ' ');
  }

  /** Version from the jar manifest, or "development". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"tracer " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
