package io.paypulse.process;

/** Counts and sums (cents) of the four groups of one window, indexed by {@code Group.index()}; mutable. */
final class WindowTotals {

    final long[] counts = new long[4];
    final long[] sums = new long[4];
}
