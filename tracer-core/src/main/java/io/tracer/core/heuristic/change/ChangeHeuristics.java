package io.tracer.core.heuristic.change;

import io.tracer.core.heuristic.AddressUsage;
import io.tracer.core.heuristic.Heuristic;
import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.Address;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The named change heuristics (HEURISTICS.md §1.3), the default combination and a parser for
 * expressions such as {@code unique(optimal-change) & unique(fresh-address) & address-type}.
 *
 * <p>Rules that need input values or addresses give no candidates when an input is unresolved, and
 * every rule gives none for a coinbase. Confidences are GraphSense's where it has one ({@code
 * one-time-change} 50, {@code direct-change} 100, {@code multi-input-change} 50); the others are
 * tracer's [design] choices, listed in docs/clustering.md.
 */
public final class ChangeHeuristics {
  private ChangeHeuristics() {}

  /** {@code power-of-ten} looks at multiples of 10^6 sat (0.01 BTC), as BlockSci's default. */
  public static final int DEFAULT_POWER_OF_TEN_DIGITS = 6;

  /** GraphSense one-time-change: only transactions with 2..10 outputs. */
  public static final int ONE_TIME_CHANGE_MIN_OUTPUTS = 2;

  public static final int ONE_TIME_CHANGE_MAX_OUTPUTS = 10;

  /** GraphSense one-time-change: candidates are not multiples of 1,000 sat. */
  public static final long ONE_TIME_CHANGE_ROUND_SAT = 1_000;

  /** Confidence of the default rule [design]: three independent signals agree. */
  public static final int DEFAULT_RULE_CONFIDENCE = 70;

  /** The name of {@link #graphSense()} on the command line. */
  public static final String GRAPHSENSE_NAME = "graphsense";

  /** The name of {@link #defaultRule()} on the command line. */
  public static final String DEFAULT_NAME = "default";

  private static final Map<String, Supplier<ChangeHeuristic>> NAMED = new LinkedHashMap<>();

  static {
    NAMED.put("peeling-chain", ChangeHeuristics::peelingChain);
    NAMED.put("power-of-ten", () -> powerOfTen(DEFAULT_POWER_OF_TEN_DIGITS));
    NAMED.put("optimal-change", ChangeHeuristics::optimalChange);
    NAMED.put("address-type", ChangeHeuristics::addressType);
    NAMED.put("locktime", ChangeHeuristics::locktime);
    NAMED.put("address-reuse", ChangeHeuristics::addressReuse);
    NAMED.put("fresh-address", ChangeHeuristics::freshAddress);
    NAMED.put("fixed-fee", ChangeHeuristics::fixedFee);
    NAMED.put("one-time-change", ChangeHeuristics::oneTimeChange);
    NAMED.put("direct-change", ChangeHeuristics::directChange);
    NAMED.put("multi-input-change", ChangeHeuristics::multiInputChange);
    NAMED.put(DEFAULT_NAME, ChangeHeuristics::defaultRule);
    NAMED.put(GRAPHSENSE_NAME, ChangeHeuristics::graphSense);
  }

  /** Names accepted by {@link #named} and {@link #parse}. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(NAMED.keySet());
  }

  /**
   * A heuristic by name.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
   */
  public static ChangeHeuristic named(String name) {
    Supplier<ChangeHeuristic> s = NAMED.get(name.trim().toLowerCase(Locale.ROOT));
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown change heuristic '" + abbreviate(name) + "'; known: " + String.join(", ", names()));
    }
    return s.get();
  }

  /**
   * The default rule of HEURISTICS.md §1.3: {@code unique(optimal-change) ∩
   * unique(fresh-address) ∩ address-type}, reported as {@code default} with confidence {@value
   * #DEFAULT_RULE_CONFIDENCE}.
   */
  public static ChangeHeuristic defaultRule() {
    return optimalChange()
        .unique()
        .and(freshAddress().unique())
        .and(addressType())
        .withConfidence(DEFAULT_NAME, DEFAULT_RULE_CONFIDENCE);
  }

  /**
   * GraphSense's change consensus: {@link #consensus} of {@code one-time-change} (50), {@code
   * direct-change} (100) and {@code multi-input-change} (50).
   */
  public static ChangeHeuristic graphSense() {
    return consensus(GRAPHSENSE_NAME, List.of(oneTimeChange(), directChange(), multiInputChange()));
  }

  /**
   * GraphSense's consensus: every heuristic votes for its candidates with its confidence, and only
   * the outputs with the highest confidence are kept, at that confidence. The evidence names the
   * heuristics that voted for the kept outputs.
   */
  public static ChangeHeuristic consensus(String name, List<ChangeHeuristic> parts) {
    List<ChangeHeuristic> hs = List.copyOf(parts);
    if (hs.isEmpty()) {
      throw new IllegalArgumentException("consensus needs at least one heuristic");
    }
    HeuristicKind kind = HeuristicKind.STATIC;
    int max = 0;
    for (ChangeHeuristic h : hs) {
      kind = kind.and(h.kind());
      max = Math.max(max, h.confidence());
    }
    HeuristicKind k = kind;
    int top = max;
    boolean needsClusters = hs.stream().anyMatch(ChangeHeuristic::needsMultiInputClusters);
    return new ChangeHeuristic() {
      @Override
      public ChangeCandidates candidates(UtxoTx tx, LedgerView view) {
        Map<Integer, Integer> best = new TreeMap<>();
        Map<Integer, List<String>> voters = new TreeMap<>();
        for (ChangeHeuristic h : hs) {
          ChangeCandidates c = h.candidates(tx, view);
          for (int o : c.outputs()) {
            best.merge(o, c.confidence(), Math::max);
            voters.computeIfAbsent(o, x -> new ArrayList<>()).add(h.name() + "@" + c.confidence());
          }
        }
        int conf = best.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Integer> kept = new ArrayList<>();
        List<String> why = new ArrayList<>();
        best.forEach((o, c) -> {
          if (c == conf) {
            kept.add(o);
            why.add(o + ": " + voters.get(o));
          }
        });
        if (kept.isEmpty()) {
          return ChangeCandidates.none(name, top, "no heuristic found a candidate");
        }
        return new ChangeCandidates(name, conf, kept, String.join("; ", why));
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public HeuristicKind kind() {
        return k;
      }

      @Override
      public int confidence() {
        return top;
      }

      @Override
      public boolean needsMultiInputClusters() {
        return needsClusters;
      }

      @Override
      public String definition() {
        List<String> d = new ArrayList<>();
        hs.forEach(h -> d.add(h.definition()));
        return "consensus(" + String.join(", ", d) + ")";
      }
    };
  }

  /**
   * Parses an expression: names, {@code unique(E)}, parentheses, and the binary operators {@code &}
   * (∩), {@code |} (∪) and {@code -} (−); {@code &} binds tighter than {@code |} and {@code -},
   * which are left-associative. Names contain hyphens, so write {@code -} with a space before it
   * ({@code a - b}). {@code power-of-ten:N} sets the digits.
   *
   * @throws IllegalArgumentException on a syntax error or unknown name
   */
  public static ChangeHeuristic parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("empty change-heuristic expression");
    }
    if (expression.length() > 1_000) {
      throw new IllegalArgumentException("change-heuristic expression longer than 1000 characters");
    }
    return new Parser(expression).parseAll();
  }

  // ---------------------------------------------------------------- the rules

  /**
   * BlockSci PeelingChain [DYNAMIC]. {@code looksLikePeel(tx)}: 1 input and 2 outputs. {@code
   * isPeel(tx)}: looks like a peel and its input's parent or some output's spender looks like a
   * peel. If {@code tx} is a peel, candidates are the outputs that are unspent or whose spender is
   * a peel.
   */
  public static ChangeHeuristic peelingChain() {
    return new Rule("peeling-chain", HeuristicKind.DYNAMIC, 50) {
      @Override
      String applies(UtxoTx tx, LedgerView v) {
        return isPeel(tx, v) ? null : "not a peeling chain step";
      }

      @Override
      boolean keep(UtxoTx tx, TxOut o, LedgerView v) {
        Optional<UtxoTx> s = v.spendingTx(tx.outPoint(o.index()));
        return s.isEmpty() || isPeel(s.get(), v);
      }

      @Override
      String why(UtxoTx tx, LedgerView v) {
        return "1-in-2-out peel linked to another peel; outputs unspent or spent by a peel";
      }
    };
  }

  /** True if {@code tx} has one (non-coinbase) input and two outputs. */
  public static boolean looksLikePeel(UtxoTx tx) {
    return !tx.isCoinbase() && tx.inputs().size() == 1 && tx.outputs().size() == 2;
  }

  /** BlockSci {@code isPeelingChain}: see {@link #peelingChain()}. */
  public static boolean isPeel(UtxoTx tx, LedgerView v) {
    if (!looksLikePeel(tx)) {
      return false;
    }
    Optional<UtxoTx> parent = v.transaction(tx.inputs().get(0).prevout().txId());
    if (parent.isPresent() && looksLikePeel(parent.get())) {
      return true;
    }
    for (TxOut o : tx.outputs()) {
      Optional<UtxoTx> s = v.spendingTx(tx.outPoint(o.index()));
      if (s.isPresent() && looksLikePeel(s.get())) {
        return true;
      }
    }
    return false;
  }

  /** BlockSci PowerOfTen [STATIC]: outputs whose value is not a multiple of 10^digits sat. */
  public static ChangeHeuristic powerOfTen(int digits) {
    if (digits < 1 || digits > 18) {
      throw new IllegalArgumentException("power-of-ten digits must be in 1..18, got " + digits);
    }
    long unit = pow10(digits);
    String name =
        digits == DEFAULT_POWER_OF_TEN_DIGITS ? "power-of-ten" : "power-of-ten:" + digits;
    return new Rule(name, HeuristicKind.STATIC, 30) {
      @Override
      String applies(UtxoTx tx, LedgerView v) {
        return null;
      }

      @Override
      boolean keep(UtxoTx tx, TxOut o, LedgerView v) {
        return o.value() % unit != 0;
      }

      @Override
      String why(UtxoTx tx, LedgerView v) {
        return "value not a multiple of " + unit + " sat";
      }
    };
  }

  /** BlockSci OptimalChange [STATIC]: outputs smaller than the smallest input. */
  public static ChangeHeuristic optimalChange() {
    return new Rule("optimal-change", HeuristicKind.STATIC, 50) {
      @Override
      String applies(UtxoTx tx, LedgerView v) {
        return tx.inputsResolved() ? null : "inputs not resolved";
      }

      @Override
      boolean keep(UtxoTx tx, TxOut o, LedgerView v) {
        return o.value() < minInput(tx);
      }

      @Override
      String why(UtxoTx tx, LedgerView v) {
        return "value < smallest input " + minInput(tx) + " sat";
      }
    };
  }

  /**
   * BlockSci AddressType [STATIC]: if every input spends the same script type, the outputs of that
   * type; otherwise none. Input types come from {@link LedgerView#inputType}; an UNKNOWN input type
   * makes the rule give none.
   */
  public static ChangeHeuristic addressType() {
    return new Rule("address-type", HeuristicKind.STATIC, 40) {
      @Override
      String applies(UtxoTx tx, LedgerView v) {
        OutputType t = commonInputType(tx, v);
        return t == null ? "inputs of mixed or unknown type" : null;
      }

      @Override
      boolean keep(UtxoTx tx, TxOut o, LedgerView v) {
        return o.type() == commonInputType(tx, v);
      }

      @Override
      String why(UtxoTx tx, LedgerView v) {
        return "same type as all inputs (" + commonInputType(tx, v) + ")";
      }
    };
  }

  /**
   * BlockSci Locktime [DYNAMIC]: outputs that are unspent, or whose spender's {@code locktime > 0}
   * equals this transaction's (Core's anti-fee-sniping locktime).
   */
  public static ChangeHeuristic locktime() {
    return new Rule("locktime", HeuristicKind.DYNAMIC, 40) {
      @Override
      String applies(UtxoTx tx, LedgerView v) {
        return null;
      }

      @Override
      boolean keep(UtxoTx tx, TxOut o, LedgerView v) {
        Optional<UtxoTx> s = v.spendingTx(tx.outPoint(o.index()));
        return s.isEmpty() || (s.get().lockTime() > 0) == (tx.lockTime() > 0);
      }

      @Override
      String why(UtxoTx tx, LedgerView v) {
        return "unspent or spent with the same locktime>0 (" + (tx.lockTime() > 0) + ")";
      }
    };
  }

  /** BlockSci AddressReuse [STATIC]: outputs paying back to an input address ("self-change"). */
  public static ChangeHeuristic addressReuse() {
    return reuse("address-reuse", 100);
  }

  /**
   * GraphSense {@code direct_change} (confidence 100) [STATIC]: the same rule as {@link
   * #addressReuse()}. It never adds a cluster merge of its own (the address is already an input),
   * but it marks the change for tracing.
   */
  public static ChangeHeuristic directChange() {
    return reuse("direct-change", 100);
  }

  private static ChangeHeuristic reuse(String name, int confidence) {
    return new Rule(name, HeuristicKind.STATIC, confidence) {
      @Override
      String applies(UtxoTx tx, LedgerView v) {
        return tx.inputsResolved() ? null : "inputs not resolved";
      }

      @Override
      boolean keep(UtxoTx tx, TxOut o, LedgerView v) {
        return inputAddresses(tx).contains(o.address());
      }

      @Override
      String why(UtxoTx tx, LedgerView v) {
        return "output address is an input address";
      }
    };
  }

  /**
   * BlockSci ClientChangeAddressBehavior, "fresh address" [DYNAMIC]: outputs whose address first
   * appears in this transaction.
   */
  public static ChangeHeuristic freshAddress() {
    return new Rule("fresh-address", HeuristicKind.DYNAMIC, 50) {
      @Override
      String applies(UtxoTx tx, LedgerView v) {
        return null;
      }

      @Override
      boolean keep(UtxoTx tx, TxOut o, LedgerView v) {
        Optional<AddressUsage> u = v.usage(o.address());
        return !o.address().isPseudo() && u.isPresent() && u.get().firstTx().equals(tx.id());
      }

      @Override
      String why(UtxoTx tx, LedgerView v) {
        return "address first appears in this transaction";
      }
    };
  }

  /**
   * BlockSci FixedFee [DYNAMIC]: outputs that are unspent or whose spender pays the same {@code
   * fee*1000/vsize} (integer division). Needs this transaction's fee and vsize; a spender whose
   * rate is unknown cannot rule the output out.
   */
  public static ChangeHeuristic fixedFee() {
    return new Rule("fixed-fee", HeuristicKind.DYNAMIC, 30) {
      @Override
      String applies(UtxoTx tx, LedgerView v) {
        return feeRate(tx) < 0 ? "fee or vsize unknown" : null;
      }

      @Override
      boolean keep(UtxoTx tx, TxOut o, LedgerView v) {
        Optional<UtxoTx> s = v.spendingTx(tx.outPoint(o.index()));
        if (s.isEmpty()) {
          return true;
        }
        long r = feeRate(s.get());
        return r < 0 || r == feeRate(tx);
      }

      @Override
      String why(UtxoTx tx, LedgerView v) {
        return "unspent or spender pays the same " + feeRate(tx) + " sat/kvB";
      }
    };
  }

  /** {@code fee*1000/vsize} in sat per 1000 vbytes, or -1 if unknown. */
  static long feeRate(UtxoTx tx) {
    if (tx.isCoinbase() || tx.vsize() <= 0 || tx.fee().isEmpty() || tx.fee().getAsLong() < 0) {
      return -1;
    }
    return Math.multiplyExact(tx.fee().getAsLong(), 1000L) / tx.vsize();
  }

  /**
   * GraphSense {@code one_time_change} (confidence 50) [DYNAMIC]: in a non-coinbase transaction
   * with 2..10 outputs, the single output whose type equals the (all-equal) input type, whose value
   * is not a multiple of 1,000 sat and below the smallest input, whose address is not reused (at
   * most one receiving and one spending transaction, first seen no earlier than this block) and
   * appears once among the outputs. None if zero or several outputs qualify.
   */
  public static ChangeHeuristic oneTimeChange() {
    return new Rule("one-time-change", HeuristicKind.DYNAMIC, 50) {
      @Override
      String applies(UtxoTx tx, LedgerView v) {
        int n = tx.outputs().size();
        if (n < ONE_TIME_CHANGE_MIN_OUTPUTS || n > ONE_TIME_CHANGE_MAX_OUTPUTS) {
          return n + " outputs, outside 2..10";
        }
        if (!tx.inputsResolved()) {
          return "inputs not resolved";
        }
        return commonInputType(tx, v) == null ? "inputs of mixed or unknown type" : null;
      }

      @Override
      boolean keep(UtxoTx tx, TxOut o, LedgerView v) {
        if (o.type() != commonInputType(tx, v)
            || o.value() % ONE_TIME_CHANGE_ROUND_SAT == 0
            || o.value() >= minInput(tx)) {
          return false;
        }
        int seen = 0;
        for (TxOut x : tx.outputs()) {
          seen += x.address().equals(o.address()) ? 1 : 0;
        }
        if (seen != 1) {
          return false;
        }
        Optional<AddressUsage> u = v.usage(o.address());
        return u.isPresent()
            && u.get().receivingTxs() <= 1
            && u.get().spendingTxs() <= 1
            && u.get().firstSeen().height() >= tx.block().height();
      }

      @Override
      boolean uniqueOnly() {
        return true;
      }

      @Override
      String why(UtxoTx tx, LedgerView v) {
        return "only output of input type, not round, below smallest input, on a one-time address";
      }
    };
  }

  /**
   * GraphSense {@code multi_input_change} (confidence 50) [DYNAMIC]: outputs whose address is
   * already in the same multi-input cluster as one of the inputs ({@link
   * LedgerView#sameMultiInputCluster}, which the clustering engine answers).
   */
  public static ChangeHeuristic multiInputChange() {
    return new Rule("multi-input-change", HeuristicKind.DYNAMIC, 50) {
      @Override
      String applies(UtxoTx tx, LedgerView v) {
        return tx.inputsResolved() ? null : "inputs not resolved";
      }

      @Override
      boolean keep(UtxoTx tx, TxOut o, LedgerView v) {
        for (Address a : inputAddresses(tx)) {
          if (v.sameMultiInputCluster(a, o.address())) {
            return true;
          }
        }
        return false;
      }

      @Override
      String why(UtxoTx tx, LedgerView v) {
        return "output address already in an input's multi-input cluster";
      }

      @Override
      public boolean needsMultiInputClusters() {
        return true;
      }
    };
  }

  // ---------------------------------------------------------------- helpers

  /** The smallest input value (inputs must be resolved). */
  static long minInput(UtxoTx tx) {
    long min = Long.MAX_VALUE;
    for (TxIn in : tx.inputs()) {
      min = Math.min(min, in.value());
    }
    return min;
  }

  /** The type every input spends, or null if they differ or one is unknown. */
  static OutputType commonInputType(UtxoTx tx, LedgerView v) {
    OutputType common = null;
    for (TxIn in : tx.inputs()) {
      OutputType t = v.inputType(in);
      if (t == OutputType.UNKNOWN || (common != null && t != common)) {
        return null;
      }
      common = t;
    }
    return common;
  }

  static Set<Address> inputAddresses(UtxoTx tx) {
    Set<Address> s = new HashSet<>();
    for (TxIn in : tx.inputs()) {
      if (in.address() != null) {
        s.add(in.address());
      }
    }
    return s;
  }

  private static long pow10(int digits) {
    long v = 1;
    for (int i = 0; i < digits; i++) {
      v = Math.multiplyExact(v, 10L);
    }
    return v;
  }

  private static String abbreviate(String s) {
    String t = s.replaceAll("[^\\x20-\\x7e]", "?");
    return t.length() <= 40 ? t : t.substring(0, 37) + "...";
  }

  /** A rule as a transaction-level precondition plus a per-output filter. */
  abstract static class Rule implements ChangeHeuristic {
    private final String name;
    private final HeuristicKind kind;
    private final int confidence;

    Rule(String name, HeuristicKind kind, int confidence) {
      this.name = name;
      this.kind = kind;
      this.confidence = Heuristic.checkConfidence(confidence);
    }

    /** Null if the rule applies to {@code tx}, else why not. Coinbase is handled before. */
    abstract String applies(UtxoTx tx, LedgerView v);

    abstract boolean keep(UtxoTx tx, TxOut o, LedgerView v);

    abstract String why(UtxoTx tx, LedgerView v);

    /** True for rules that report only a single candidate (GraphSense one-time-change). */
    boolean uniqueOnly() {
      return false;
    }

    @Override
    public final ChangeCandidates candidates(UtxoTx tx, LedgerView view) {
      if (tx.isCoinbase() || tx.inputs().isEmpty()) {
        return ChangeCandidates.none(name, confidence, "coinbase or no inputs");
      }
      String no = applies(tx, view);
      if (no != null) {
        return ChangeCandidates.none(name, confidence, no);
      }
      List<Integer> out = new ArrayList<>();
      for (TxOut o : tx.outputs()) {
        if (o.type().isSpendable() && keep(tx, o, view)) {
          out.add(o.index());
        }
      }
      if (uniqueOnly() && out.size() != 1) {
        return ChangeCandidates.none(name, confidence, out.size() + " outputs qualify, need 1");
      }
      return new ChangeCandidates(name, confidence, out, why(tx, view));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public HeuristicKind kind() {
      return kind;
    }

    @Override
    public int confidence() {
      return confidence;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Recursive descent: expr := term (('|' | '-') term)*; term := atom ('&' atom)*. */
  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    ChangeHeuristic parseAll() {
      ChangeHeuristic h = expr(0);
      skip();
      if (i != s.length()) {
        throw error("unexpected '" + s.charAt(i) + "'");
      }
      return h;
    }

    private ChangeHeuristic expr(int depth) {
      if (depth > 32) {
        throw error("nested too deeply");
      }
      ChangeHeuristic h = term(depth);
      while (true) {
        skip();
        if (peek('|')) {
          i++;
          h = h.or(term(depth));
        } else if (peek('-')) {
          i++;
          h = h.minus(term(depth));
        } else {
          return h;
        }
      }
    }

    private ChangeHeuristic term(int depth) {
      ChangeHeuristic h = atom(depth);
      while (true) {
        skip();
        if (peek('&')) {
          i++;
          h = h.and(atom(depth));
        } else {
          return h;
        }
      }
    }

    private ChangeHeuristic atom(int depth) {
      skip();
      if (peek('(')) {
        i++;
        ChangeHeuristic h = expr(depth + 1);
        expect(')');
        return h;
      }
      String word = name();
      if (word.equals("unique")) {
        skip();
        expect('(');
        ChangeHeuristic h = expr(depth + 1);
        expect(')');
        return h.unique();
      }
      int colon = word.indexOf(':');
      if (colon > 0 && word.startsWith("power-of-ten:")) {
        try {
          return powerOfTen(Integer.parseInt(word.substring(colon + 1)));
        } catch (NumberFormatException e) {
          throw error("power-of-ten:N needs a number of digits");
        }
      }
      return named(word);
    }

    private String name() {
      skip();
      int start = i;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isLetterOrDigit(c) || c == ':' || (c == '-' && i > start)) {
          i++;
        } else {
          break;
        }
      }
      if (start == i) {
        throw error(i < s.length() ? "unexpected '" + s.charAt(i) + "'" : "unexpected end");
      }
      return s.substring(start, i).toLowerCase(Locale.ROOT);
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private boolean peek(char c) {
      return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
      skip();
      if (!peek(c)) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "bad change-heuristic expression at position " + i + ": " + what);
    }
  }
}
