package io.tracer.core.intel;

import io.tracer.core.cluster.Clustering;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable index from addresses to {@link Label}s, across every loaded source. Safe for any
 * number of concurrent readers; no global state.
 *
 * <p>Built for millions of addresses: each entry is one record in a byte arena (label set id,
 * chain, length, ASCII text) and identical label sets are stored once (a TagPack's thousands of
 * tags share one). The open-addressing table is split in two parallel arrays: one tag byte per
 * slot (8 hash bits, 0 = empty) and the record offsets. The tag array is a fifth of the table's
 * size (1 byte per slot, ~2 MB per million addresses), so it stays in cache: a miss, the common
 * case when screening, is answered from it alone (a tag matches an occupied slot of another key
 * with probability 1/255); a hit reads one offset and one record from memory. Only a tag match
 * allocates (one short copy of the probe's bytes, for a vectorised compare). See
 * docs/benchmarks/risk.md for the comparison with a {@code HashMap<String, List<Label>>}.
 */
public final class Watchlist {
  private static final Watchlist EMPTY = builder().build();

  // Record at offset o: label set id (4 bytes), chain ordinal (1), length (2), ASCII key bytes.
  private final byte[] arena;
  private final byte[] tags; // per slot: 8 bits of the key's hash, never 0; 0 = empty slot
  private final int[] offsets; // per slot: the record's offset in the arena
  private final int mask;
  private final int size;
  // false: slots from String.hashCode (cached in each String, so lookups of an Address are cheap);
  // true: from a hash keyed with a per-process secret, used when a list turns out to hold many
  // addresses whose String.hashCode collide (see Builder#build)
  private final boolean keyed;
  private final List<Label>[] labelSets;
  private final int labelCount;
  private final List<LoadProblem> problems;
  private final List<LoadSummary> loads;

  private Watchlist(
      byte[] arena,
      int size,
      byte[] tags,
      int[] offsets,
      boolean keyed,
      List<Label>[] labelSets,
      int labelCount,
      List<LoadProblem> problems,
      List<LoadSummary> loads) {
    this.arena = arena;
    this.size = size;
    this.keyed = keyed;
    this.tags = tags;
    this.offsets = offsets;
    this.mask = offsets.length - 1;
    this.labelSets = labelSets;
    this.labelCount = labelCount;
    this.problems = problems;
    this.loads = loads;
  }

  public static Watchlist empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Loads the files (format detected from content) into a new watchlist. */
  public static Watchlist load(Collection<Path> files) {
    Builder b = builder();
    for (Path f : files) {
      b.load(f);
    }
    return b.build();
  }

  /**
   * The labels of {@code address}, most severe category first ({@link Label#ORDER}); empty if the
   * address is not flagged. The list is immutable and shared.
   */
  public List<Label> lookup(Address address) {
    int off = find(address);
    return off < 0 ? List.of() : labelSets[setAt(off)];
  }

  /**
   * The labels of an address given as text on {@code chain}, without building an {@link Address}
   * (for hot paths that hold addresses as strings). The text is matched in its canonical form:
   * EVM, Bech32 (Zcash's too) and CashAddr addresses in any case (CashAddr with or without
   * {@code bitcoincash:}), everything else exactly; a text that is not a plausible address simply has
   * no labels.
   */
  public List<Label> lookup(Chain chain, String address) {
    String v = address;
    if (chain.isEvm() || looksBech32(v)) {
      v = v.toLowerCase(java.util.Locale.ROOT); // returns the same String when already lower case
    } else if (chain == Chain.BITCOIN_CASH || chain == Chain.ZCASH) {
      // CashAddr (optional prefix) and Zcash's Bech32 forms come in either case: Address.of
      // knows the canonical form
      try {
        v = Address.of(chain, v).value();
      } catch (IllegalArgumentException e) {
        return List.of();
      }
    }
    int off = find(chain.ordinal(), v, true);
    return off < 0 ? List.of() : labelSets[setAt(off)];
  }

  private static boolean looksBech32(String t) {
    if (t.isEmpty()) {
      return false;
    }
    // First-letter filter: Base58 and other addresses (the bulk of lookups) skip the four
    // case-insensitive region compares.
    char c = (char) (t.charAt(0) | 0x20);
    if (c != 'b' && c != 't' && c != 'l') {
      return false;
    }
    return t.regionMatches(true, 0, "bc1", 0, 3)
        || t.regionMatches(true, 0, "tb1", 0, 3)
        || t.regionMatches(true, 0, "bcrt1", 0, 5)
        || t.regionMatches(true, 0, "ltc1", 0, 4);
  }

  /** True if any source labels the address. */
  public boolean contains(Address address) {
    return find(address) >= 0;
  }

  /**
   * The labels of every address of a cluster (or any set of addresses) that has some, keyed by
   * address in address order. Addresses without labels are left out.
   */
  public Map<Address, List<Label>> lookupAll(Collection<Address> addresses) {
    Map<Address, List<Label>> hits = new TreeMap<>();
    for (Address a : addresses) {
      List<Label> l = lookup(a);
      if (!l.isEmpty()) {
        hits.put(a, l);
      }
    }
    return Collections.unmodifiableMap(hits);
  }

  /**
   * The labels of the whole cluster of {@code address} in {@code clustering}: every member that
   * has some, keyed by member in address order (an address the clustering did not see is its own
   * one-member cluster). Who controls a flagged wallet controls its cluster; the clustering's
   * evidence ({@link Clustering#explain}) says why each member belongs.
   */
  public Map<Address, List<Label>> lookupCluster(Clustering clustering, Address address) {
    List<Address> members = clustering.members(clustering.clusterOf(address));
    return lookupAll(members.isEmpty() ? List.of(address) : members);
  }

  /** The categories of the address's labels (empty if none). */
  public Set<Category> categories(Address address) {
    List<Label> ls = lookup(address);
    if (ls.isEmpty()) {
      return Set.of();
    }
    EnumSet<Category> s = EnumSet.noneOf(Category.class);
    for (Label l : ls) {
      s.add(l.category());
    }
    return Collections.unmodifiableSet(s);
  }

  /**
   * True if some label makes the address an attributed service (exchange, mixer, …), where
   * exposure searches stop.
   */
  public boolean isService(Address address) {
    for (Label l : lookup(address)) {
      if (l.category().isService()) {
        return true;
      }
    }
    return false;
  }

  /** Number of distinct labelled addresses. */
  public int size() {
    return size;
  }

  /** Number of distinct labels (a label shared by many addresses counts once). */
  public int labelCount() {
    return labelCount;
  }

  /** Rows skipped while loading, with file and line. */
  public List<LoadProblem> problems() {
    return problems;
  }

  /** One summary per loaded file, in load order. */
  public List<LoadSummary> loads() {
    return loads;
  }

  /** Visits every (address, labels) pair in address order. */
  public void forEach(BiConsumer<Address, List<Label>> visitor) {
    Address[] keys = new Address[size];
    int[] offs = new int[size];
    int n = 0;
    for (int i = 0; i < offsets.length; i++) {
      if (tags[i] != 0) {
        offs[n] = offsets[i];
        keys[n] = addressAt(offs[n]);
        n++;
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> keys[x].compareTo(keys[y]));
    for (Integer i : order) {
      visitor.accept(keys[i], labelSets[setAt(offs[i])]);
    }
  }

  /** Counts for {@code tracer intel stats}: addresses per category and per chain. */
  public Stats stats() {
    Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
    Map<Chain, Integer> byChain = new EnumMap<>(Chain.class);
    for (int i = 0; i < offsets.length; i++) {
      if (tags[i] == 0) {
        continue;
      }
      int off = offsets[i];
      byChain.merge(Chain.values()[arena[off + 4]], 1, Integer::sum);
      EnumSet<Category> cats = EnumSet.noneOf(Category.class);
      for (Label l : labelSets[setAt(off)]) {
        cats.add(l.category());
      }
      for (Category c : cats) {
        byCategory.merge(c, 1, Integer::sum);
      }
    }
    return new Stats(size(), labelCount, byCategory, byChain, loads, problems.size());
  }

  /** Summary counts of a watchlist. Maps are in enum order. */
  public record Stats(
      int addresses,
      int labels,
      Map<Category, Integer> addressesByCategory,
      Map<Chain, Integer> addressesByChain,
      List<LoadSummary> loads,
      int problems) {
    public Stats {
      addressesByCategory = Collections.unmodifiableMap(new EnumMap<>(addressesByCategory));
      addressesByChain = Collections.unmodifiableMap(new EnumMap<>(addressesByChain));
      loads = List.copyOf(loads);
    }
  }

  // ---------------------------------------------------------------- table

  private int find(Address a) {
    // Address values are printable ASCII by construction.
    return find(a.chain().ordinal(), a.value(), false);
  }

  /**
   * The record offset of {@code v} on {@code chain}, or -1. {@code anyText}: the probe is caller
   * text that may hold characters beyond ASCII, which the byte compare alone cannot tell apart.
   */
  private int find(int chain, String v, boolean anyText) {
    int h = hash(chain, v, keyed);
    byte tag = tag(h);
    long tagTimes8 = (tag & 0xffL) * LOW_BITS;
    int i = spread(h) & mask;
    long group = (long) GROUP.get(tags, i);
    // The home slot first, behind a branch rather than through the SWAR mask below: most hits sit
    // there, and a predicted branch lets the CPU load offsets[i] (and then the record) while the
    // tag load is still in flight; through the mask that load would wait for it (a third serial
    // memory access per hit, measured +40 ns).
    long done = 0;
    if ((byte) group == tag) {
      int off = offsets[i];
      if (anyText ? textEquals(off, chain, v) : keyEquals(off, chain, v)) {
        return off;
      }
      done = 0x80L;
    }
    while (true) {
      // Eight slots in one load, compared in registers (SWAR). A slot-by-slot loop ends after a
      // data-dependent number of steps, and the CPU mispredicts that exit on about every other
      // miss at this load factor; here a miss is one load and branches that almost always go the
      // same way (a tag matches with probability 1/255; eight occupied slots in a row are rare).
      long empty = zeroBytes(group);
      long match = zeroBytes(group ^ tagTimes8) & ~done;
      if (empty != 0) {
        match &= (empty & -empty) - 1; // only slots before the first empty one
      }
      while (match != 0) {
        int off = offsets[(i + (Long.numberOfTrailingZeros(match) >>> 3)) & mask];
        if (anyText ? textEquals(off, chain, v) : keyEquals(off, chain, v)) {
          return off;
        }
        match &= match - 1;
      }
      if (empty != 0) {
        return -1;
      }
      i = (i + 8) & mask;
      group = (long) GROUP.get(tags, i);
      done = 0;
    }
  }

  private static final int GROUP_MIRROR = 8;
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final VarHandle GROUP =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * The high bit of every zero byte of {@code x}. Exact up to and including the lowest zero byte;
   * above it a borrow can mark a 0x01 byte too, which costs {@link #find} one needless key compare
   * (for a tag match) and nothing for an empty slot (only the lowest one is used).
   */
  private static long zeroBytes(long x) {
    return (x - LOW_BITS) & ~x & HIGH_BITS;
  }

  private int setAt(int off) {
    return (arena[off] & 0xff) << 24 | (arena[off + 1] & 0xff) << 16 | (arena[off + 2] & 0xff) << 8
        | (arena[off + 3] & 0xff);
  }

  private boolean keyEquals(int off, int chain, String v) {
    if (arena[off + 4] != chain) {
      return false;
    }
    int len = arena[off + 5] & 0xff | (arena[off + 6] & 0xff) << 8;
    if (len != v.length()) {
      return false;
    }
    int p = off + 7;
    // One bulk copy of the probe's bytes, then a vectorised compare; only on a tag match. A
    // String.charAt loop measured ~3x slower per hit; a reused per-thread scratch array
    // (ThreadLocal) saved the allocation but cost more than it (alternating hits and misses 68 ns
    // with the copy, 122 ns with the ThreadLocal, collector's work included).
    byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
    return Arrays.equals(arena, p, p + len, b, 0, len);
  }

  /**
   * {@link #keyEquals} for caller text, which may hold characters beyond Latin-1 that the copy in
   * {@code keyEquals} turns into '?': compares whole Strings (one allocation, on a tag match
   * only). Address values are printable ASCII by construction and need no such care.
   */
  private boolean textEquals(int off, int chain, String v) {
    if (arena[off + 4] != chain) {
      return false;
    }
    int len = arena[off + 5] & 0xff | (arena[off + 6] & 0xff) << 8;
    return len == v.length() && new String(arena, off + 7, len, StandardCharsets.ISO_8859_1).equals(v);
  }

  private Address addressAt(int off) {
    Chain chain = Chain.values()[arena[off + 4]];
    int len = arena[off + 5] & 0xff | (arena[off + 6] & 0xff) << 8;
    String v = new String(arena, off + 7, len, StandardCharsets.ISO_8859_1);
    return Address.ofValue(chain, v);
  }

  private static int hash(int chain, String v, boolean keyed) {
    if (!keyed) {
      // String.hashCode is cached in the String, so repeated lookups of one Address are cheap.
      return v.hashCode() * 31 + chain;
    }
    long h = (SEED + chain) * 0x9E3779B97F4A7C15L;
    int n = v.length();
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long w = v.charAt(i) | (long) v.charAt(i + 1) << 16 | (long) v.charAt(i + 2) << 32
          | (long) v.charAt(i + 3) << 48;
      h = (h ^ w) * 0xC2B2AE3D27D4EB4FL;
      h ^= h >>> 29;
    }
    for (; i < n; i++) {
      h = (h ^ v.charAt(i)) * 0x165667B19E3779F9L;
    }
    h = (h ^ n) * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The secret of the keyed hash: a list cannot be crafted against what it does not know. */
  private static final long SEED = new java.security.SecureRandom().nextLong();

  /**
   * Slots a build may probe past an entry's home slot before the list counts as crafted. A hash
   * that spreads keys gives runs far shorter at load 3/4; String.hashCode is linear, so a feed
   * can hold thousands of valid addresses with one hash (e.g. EVM addresses, whose 40 hex digits
   * are free): every one would land in one run, and the build and each lookup of them would scan
   * it (quadratic).
   */
  static final int PROBE_LIMIT = 512;

  /** Whether this list's slots come from the keyed hash (package-private, for tests). */
  boolean keyed() {
    return keyed;
  }

  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  /** 8 hash bits independent of the slot index (another multiplier), mapped to 1..255. */
  private static byte tag(int h) {
    int t = (h * 0x2C1B3C6D) >>> 24;
    return (byte) (t | ((t - 1) >>> 31)); // 0 becomes 1: 0 marks an empty slot
  }

  /**
   * Puts every record into the empty table; false, leaving it part filled, as soon as an entry
   * lands more than {@link #PROBE_LIMIT} slots past its home slot (only with {@code keyed} false).
   */
  private static boolean place(Address[] keys, int[] recordAt, byte[] tags, int[] offsets, boolean keyed) {
    int cap = offsets.length;
    int tmask = cap - 1;
    for (int k = 0; k < keys.length; k++) {
      int off = recordAt[k];
      int h = hash(keys[k].chain().ordinal(), keys[k].value(), keyed);
      int i = spread(h) & tmask;
      int probed = 0;
      while (tags[i] != 0) {
        i = (i + 1) & tmask;
        if (++probed > PROBE_LIMIT && !keyed) {
          return false;
        }
      }
      tags[i] = tag(h);
      if (i < GROUP_MIRROR) {
        tags[cap + i] = tags[i];
      }
      offsets[i] = off;
    }
    return true;
  }

  /**
   * Collects labels; {@link #build()} freezes them into a {@link Watchlist}. Not thread-safe: use
   * one builder per thread (or load sequentially). Implements {@link IntelSink} so loaders write
   * straight into it.
   */
  public static final class Builder implements IntelSink {
    private final Map<Address, Object> entries = new HashMap<>(); // Integer or LabelIds
    private final Map<Label, Integer> labelIds = new HashMap<>();
    private final List<Label> labels = new ArrayList<>();
    private final List<LoadProblem> problems = new ArrayList<>();
    private final List<LoadSummary> loads = new ArrayList<>();
    private boolean built;

    private Builder() {}

    /** Loads a file, format detected from its content; bad rows become {@link #problems}. */
    public Builder load(Path file) {
      loads.add(IntelLoader.load(file, this));
      return this;
    }

    /** Loads a file with options (format forced, size limits). */
    public Builder load(Path file, IntelLoader.Options options) {
      loads.add(IntelLoader.load(file, options, this));
      return this;
    }

    /** Records the summary of a load made through another route (a stream). */
    public Builder loaded(LoadSummary summary) {
      loads.add(Objects.requireNonNull(summary, "summary"));
      return this;
    }

    /** Adds one label to an address. Adding the same label twice keeps one. */
    public Builder add(Address address, Label label) {
      accept(address, label);
      return this;
    }

    @Override
    public void accept(Address address, Label label) {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(label, "label");
      if (built) {
        throw new IllegalStateException("builder already built");
      }
      if (address.value().length() > 0xffff) {
        throw new IllegalArgumentException("address too long");
      }
      Integer id = labelIds.get(label);
      if (id == null) {
        id = labels.size();
        labels.add(label);
        labelIds.put(label, id);
      }
      int lid = id;
      Object cur = entries.get(address);
      if (cur == null) {
        entries.put(address, id);
      } else if (cur instanceof Integer) {
        if ((Integer) cur != lid) {
          entries.put(address, new LabelIds((Integer) cur, lid));
        }
      } else {
        ((LabelIds) cur).add(lid);
      }
    }

    /**
     * The label ids of an address with more than one: amortised O(1) per add, so that a feed
     * giving one address many labels loads in linear time (a copy and a scan per add was
     * quadratic: 200,000 labels took 24 s).
     */
    private static final class LabelIds {
      /** Up to this many ids a scan finds duplicates faster than a set. */
      private static final int SCAN = 16;

      private int[] ids = new int[4];
      private int size;
      private Set<Integer> seen; // once size exceeds SCAN

      LabelIds(int first, int second) {
        ids[0] = first;
        ids[1] = second;
        size = 2;
      }

      void add(int id) {
        if (seen != null ? !seen.add(id) : contains(id)) {
          return;
        }
        if (size == ids.length) {
          ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
        if (seen == null && size > SCAN) {
          seen = new HashSet<>();
          for (int i = 0; i < size; i++) {
            seen.add(ids[i]);
          }
        }
      }

      private boolean contains(int id) {
        for (int i = 0; i < size; i++) {
          if (ids[i] == id) {
            return true;
          }
        }
        return false;
      }

      int[] toArray() {
        return Arrays.copyOf(ids, size);
      }
    }

    @Override
    public void problem(LoadProblem problem) {
      problems.add(Objects.requireNonNull(problem, "problem"));
    }

    /** Problems collected so far. */
    public List<LoadProblem> problems() {
      return Collections.unmodifiableList(problems);
    }

    @SuppressWarnings("unchecked")
    public Watchlist build() {
      built = true;
      int n = entries.size();
      // Label sets, deduplicated and sorted once.
      Map<List<Integer>, Integer> setIds = new HashMap<>();
      List<List<Label>> setList = new ArrayList<>();
      // Load factor at most 0.75 (between 0.375 and 0.75): 5 bytes per slot.
      int cap = Integer.highestOneBit(Math.max(4, (int) Math.min(1L << 30, (n * 4L + 2) / 3))) << 1;
      // Eight mirror bytes after the last slot: a group load at any slot reads past the end
      // instead of wrapping (they repeat slots 0..7).
      byte[] tags = new byte[cap + GROUP_MIRROR];
      int[] offsets = new int[cap];
      long arenaSize = 0;
      for (Address a : entries.keySet()) {
        arenaSize += 7 + a.value().length();
      }
      if (arenaSize > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("watchlist too large for one arena");
      }
      byte[] arena = new byte[(int) arenaSize];
      int pos = 0;
      int[] recordAt = new int[n];
      Address[] keys = new Address[n];
      int r = 0;
      for (Map.Entry<Address, Object> en : entries.entrySet()) {
        Address a = en.getKey();
        String v = a.value();
        List<Integer> key;
        if (en.getValue() instanceof Integer) {
          key = List.of((Integer) en.getValue());
        } else {
          int[] ids = ((LabelIds) en.getValue()).toArray();
          Arrays.sort(ids);
          Integer[] boxed = new Integer[ids.length];
          for (int k = 0; k < ids.length; k++) {
            boxed[k] = ids[k];
          }
          key = List.of(boxed);
        }
        Integer sid = setIds.get(key);
        if (sid == null) {
          sid = setList.size();
          List<Label> ls = new ArrayList<>(key.size());
          for (int id : key) {
            ls.add(labels.get(id));
          }
          ls.sort(Label.ORDER);
          setList.add(List.copyOf(ls));
          setIds.put(key, sid);
        }
        int set = sid;
        arena[pos] = (byte) (set >>> 24);
        arena[pos + 1] = (byte) (set >>> 16);
        arena[pos + 2] = (byte) (set >>> 8);
        arena[pos + 3] = (byte) set;
        arena[pos + 4] = (byte) a.chain().ordinal();
        arena[pos + 5] = (byte) v.length();
        arena[pos + 6] = (byte) (v.length() >>> 8);
        for (int k = 0; k < v.length(); k++) {
          // Address.of admits printable ASCII only; pseudo-addresses likewise.
          arena[pos + 7 + k] = (byte) v.charAt(k);
        }
        keys[r] = a;
        recordAt[r++] = pos;
        pos += 7 + v.length();
      }
      boolean keyed = false;
      if (!place(keys, recordAt, tags, offsets, false)) {
        // a probe run past PROBE_LIMIT: colliding String hashes, crafted or not
        Arrays.fill(tags, (byte) 0);
        keyed = true;
        place(keys, recordAt, tags, offsets, true);
      }
      return new Watchlist(
          arena,
          n,
          tags,
          offsets,
          keyed,
          setList.toArray(new List[0]),
          labels.size(),
          List.copyOf(problems),
          List.copyOf(loads));
    }
  }
}
