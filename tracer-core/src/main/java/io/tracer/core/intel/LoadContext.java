package io.tracer.core.intel;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import java.util.Optional;

/** State of one load: file name, sink, counters. Package-private helper of the readers. */
final class LoadContext {
  final String file;
  final IntelSink sink;
  final IntelLoader.Options options;
  long accepted;
  long problems;

  LoadContext(String file, IntelSink sink, IntelLoader.Options options) {
    this.file = file;
    this.sink = sink;
    this.options = options;
  }

  void problem(long line, String message) {
    problems++;
    if (problems == options.maxProblems() + 1) {
      sink.problem(
          new LoadProblem(file, line, "more than " + options.maxProblems() + " problems; not listing more"));
    } else if (problems <= options.maxProblems()) {
      sink.problem(new LoadProblem(file, line, message));
    }
  }

  /**
   * The confidence {@code text} (null: none given) states; one that is not a known level or a
   * number 0..100 is reported and read as {@link Confidence#UNKNOWN}, the label being kept.
   */
  Confidence confidence(long line, String text) {
    if (text == null) {
      return Confidence.UNKNOWN;
    }
    Optional<Confidence> c = Confidence.parse(text);
    if (c.isEmpty()) {
      problem(line, "unknown confidence '" + Texts.plain(text, 40) + "'; kept as 'unknown'");
    }
    return c.orElse(Confidence.UNKNOWN);
  }

  /**
   * Validates and canonicalises {@code text} on {@code chain}; reports and returns empty if it is
   * not a valid address.
   */
  Optional<Address> address(long line, Chain chain, String text) {
    if (text == null || text.isBlank()) {
      problem(line, "missing address");
      return Optional.empty();
    }
    String t = text.trim();
    Optional<String> bad = AddressChecks.problem(chain, t);
    if (bad.isPresent()) {
      problem(line, "invalid " + chain.id() + " address '" + abbreviate(t) + "': " + bad.get());
      return Optional.empty();
    }
    try {
      return Optional.of(Address.of(chain, t));
    } catch (IllegalArgumentException e) {
      problem(line, "invalid " + chain.id() + " address '" + abbreviate(t) + "': " + e.getMessage());
      return Optional.empty();
    }
  }

  void emit(Address a, Label l) {
    accepted++;
    sink.accept(a, l);
  }

  static String abbreviate(String t) {
    return Texts.plain(t, 70);
  }

  LoadSummary summary(IntelFormat format) {
    return new LoadSummary(file, format, accepted, problems);
  }
}
