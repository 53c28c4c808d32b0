package io.tracer.core.taint.account;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What one address holds of one asset, as the model sees it. Not thread-safe: one run owns it.
 * Withdrawing more than the balance means the data began after the address was funded; the missing
 * amount is treated as clean funds that arrived first (the oldest lot) and is reported.
 */
abstract class Pot {
  /** An amount in motion: value, taint, and for FIFO/LIFO the lots in chronological order. */
  record Parcel(BigInteger amount, BigInteger tainted, List<Lot> lots) {
    static Parcel clean(BigInteger amount) {
      return new Parcel(amount, BigInteger.ZERO, null);
    }

    static Parcel tainted(BigInteger amount) {
      return new Parcel(amount, amount, null);
    }
  }

  /** A run of value of one flag. Mutable only inside the pot that owns it. */
  static final class Lot {
    BigInteger amount;
    final boolean tainted;

    Lot(BigInteger amount, boolean tainted) {
      this.amount = amount;
      this.tainted = tainted;
    }
  }

  /** Value taken from the pot beyond what it was known to hold (clean, unknown origin). */
  BigInteger unknownFunds = BigInteger.ZERO;

  abstract BigInteger balance();

  abstract BigInteger tainted();

  abstract void credit(Parcel p);

  /** Takes {@code x} out (x > 0), covering any shortfall with clean funds of unknown origin. */
  final Parcel debit(BigInteger x) {
    BigInteger deficit = x.subtract(balance());
    if (deficit.signum() > 0) {
      unknownFunds = unknownFunds.add(deficit);
      addOldestClean(deficit);
    }
    return take(x);
  }

  abstract void addOldestClean(BigInteger amount);

  abstract Parcel take(BigInteger x);

  abstract Pot copy();

  static Pot create(AccountTaintModel m) {
    switch (m) {
      case POISON:
        return new Poison();
      case HAIRCUT:
        return new Haircut();
      case TAINT_FIRST:
        return new TaintFirst();
      case FIFO:
        return new Lots(false);
      default:
        return new Lots(true);
    }
  }

  static final class Poison extends Pot {
    BigInteger balance = BigInteger.ZERO;
    boolean poisoned;

    @Override
    BigInteger balance() {
      return balance;
    }

    @Override
    BigInteger tainted() {
      return poisoned ? balance : BigInteger.ZERO;
    }

    @Override
    void credit(Parcel p) {
      balance = balance.add(p.amount());
      poisoned |= p.tainted().signum() > 0;
    }

    @Override
    void addOldestClean(BigInteger amount) {
      balance = balance.add(amount);
    }

    @Override
    Parcel take(BigInteger x) {
      balance = balance.subtract(x);
      return poisoned ? Parcel.tainted(x) : Parcel.clean(x);
    }

    @Override
    Pot copy() {
      Poison p = new Poison();
      p.balance = balance;
      p.poisoned = poisoned;
      return p;
    }
  }

  static final class Haircut extends Pot {
    BigInteger balance = BigInteger.ZERO;
    BigInteger taint = BigInteger.ZERO;

    @Override
    BigInteger balance() {
      return balance;
    }

    @Override
    BigInteger tainted() {
      return taint;
    }

    @Override
    void credit(Parcel p) {
      balance = balance.add(p.amount());
      taint = taint.add(p.tainted());
    }

    @Override
    void addOldestClean(BigInteger amount) {
      balance = balance.add(amount);
    }

    @Override
    Parcel take(BigInteger x) {
      // floor(x·taint/balance); the remainder of the division stays with the sender
      BigInteger t =
          taint.signum() == 0 ? BigInteger.ZERO : x.multiply(taint).divide(balance);
      balance = balance.subtract(x);
      taint = taint.subtract(t);
      return new Parcel(x, t, null);
    }

    @Override
    Pot copy() {
      Haircut h = new Haircut();
      h.balance = balance;
      h.taint = taint;
      return h;
    }
  }

  static final class TaintFirst extends Pot {
    BigInteger clean = BigInteger.ZERO;
    BigInteger taint = BigInteger.ZERO;

    @Override
    BigInteger balance() {
      return clean.add(taint);
    }

    @Override
    BigInteger tainted() {
      return taint;
    }

    @Override
    void credit(Parcel p) {
      taint = taint.add(p.tainted());
      clean = clean.add(p.amount().subtract(p.tainted()));
    }

    @Override
    void addOldestClean(BigInteger amount) {
      clean = clean.add(amount);
    }

    @Override
    Parcel take(BigInteger x) {
      BigInteger t = x.min(taint);
      taint = taint.subtract(t);
      clean = clean.subtract(x.subtract(t));
      return new Parcel(x, t, null);
    }

    @Override
    Pot copy() {
      TaintFirst f = new TaintFirst();
      f.clean = clean;
      f.taint = taint;
      return f;
    }
  }

  /** FIFO (take oldest) and LIFO (take newest) over lots in arrival order, merged by flag. */
  static final class Lots extends Pot {
    final boolean newestFirst;
    final ArrayDeque<Lot> lots = new ArrayDeque<>();
    BigInteger balance = BigInteger.ZERO;
    BigInteger taint = BigInteger.ZERO;

    Lots(boolean newestFirst) {
      this.newestFirst = newestFirst;
    }

    @Override
    BigInteger balance() {
      return balance;
    }

    @Override
    BigInteger tainted() {
      return taint;
    }

    @Override
    void credit(Parcel p) {
      if (p.lots() != null) {
        for (Lot l : p.lots()) {
          append(l.amount, l.tainted);
        }
      } else {
        BigInteger t = p.tainted();
        append(t, true); // a parcel without lots is all-clean or all-tainted (seeds, mints)
        append(p.amount().subtract(t), false);
      }
    }

    private void append(BigInteger amount, boolean t) {
      if (amount.signum() == 0) {
        return;
      }
      balance = balance.add(amount);
      if (t) {
        taint = taint.add(amount);
      }
      Lot last = lots.peekLast();
      if (last != null && last.tainted == t) {
        last.amount = last.amount.add(amount);
      } else {
        lots.addLast(new Lot(amount, t));
      }
    }

    @Override
    void addOldestClean(BigInteger amount) {
      balance = balance.add(amount);
      Lot first = lots.peekFirst();
      if (first != null && !first.tainted) {
        first.amount = first.amount.add(amount);
      } else {
        lots.addFirst(new Lot(amount, false));
      }
    }

    @Override
    Parcel take(BigInteger x) {
      List<Lot> taken = new ArrayList<>(2);
      BigInteger need = x;
      BigInteger t = BigInteger.ZERO;
      while (need.signum() > 0) {
        Lot l = newestFirst ? lots.peekLast() : lots.peekFirst();
        BigInteger part = need.min(l.amount);
        taken.add(new Lot(part, l.tainted));
        if (l.tainted) {
          t = t.add(part);
        }
        l.amount = l.amount.subtract(part);
        if (l.amount.signum() == 0) {
          if (newestFirst) {
            lots.pollLast();
          } else {
            lots.pollFirst();
          }
        }
        need = need.subtract(part);
      }
      balance = balance.subtract(x);
      taint = taint.subtract(t);
      if (newestFirst) {
        // hand the parcel on in chronological order, oldest piece first
        java.util.Collections.reverse(taken);
      }
      return new Parcel(x, t, taken);
    }

    @Override
    Pot copy() {
      Lots c = new Lots(newestFirst);
      for (Iterator<Lot> it = lots.iterator(); it.hasNext(); ) {
        Lot l = it.next();
        c.lots.addLast(new Lot(l.amount, l.tainted));
      }
      c.balance = balance;
      c.taint = taint;
      return c;
    }

    /** The lots, oldest first, as (amount, tainted) pairs. */
    List<Lot> snapshot() {
      List<Lot> s = new ArrayList<>(lots.size());
      for (Lot l : lots) {
        s.add(new Lot(l.amount, l.tainted));
      }
      return s;
    }
  }
}
