package io.tracer.core.taint;

import java.util.List;
import java.util.Locale;

/** The UTXO taint models tracer offers, one stateless instance each, and lookup by id. */
public final class TaintModels {
  private TaintModels() {}

  public static final TaintModel POISON = new PoisonTaint();
  public static final TaintModel HAIRCUT = new HaircutTaint();
  public static final TaintModel FIFO = new FifoTaint();
  public static final TaintModel LIFO = new LifoTaint();
  public static final TaintModel LIFO_REVERSE_OUT = new LifoReverseOutTaint();
  public static final TaintModel TIHO = new TihoTaint();

  private static final List<TaintModel> ALL =
      List.of(POISON, HAIRCUT, FIFO, LIFO, LIFO_REVERSE_OUT, TIHO);

  /** Every model, in the order of HEURISTICS.md §4.1's table. */
  public static List<TaintModel> all() {
    return ALL;
  }

  /**
   * The model with this id ({@code poison}, {@code haircut}, {@code fifo}, {@code lifo}, {@code
   * lifo_reverse_out}, {@code tiho}); case-insensitive, {@code -} accepted for {@code _}.
   *
   * @throws IllegalArgumentException for an unknown id (the message lists the known ones)
   */
  public static TaintModel byId(String id) {
    String want = id.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (TaintModel m : ALL) {
      if (m.id().equals(want)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown taint model '" + id + "'; known: " + ids());
  }

  /** The ids, comma-separated, for messages and {@code --help}. */
  public static String ids() {
    StringBuilder sb = new StringBuilder();
    for (TaintModel m : ALL) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(m.id());
    }
    return sb.toString();
  }
}
