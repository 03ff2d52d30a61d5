package org.pmnfs.server.rpc;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most one log line per key per interval. A client writing to a full store sends thousands of
 * WRITEs a second, each refused with NOSPC; the operator needs to hear that once a second, not
 * thousands of times; the same goes for connections refused past the limit. What is held back is
 * counted, so the next line can say how much.
 */
public final class LogThrottle<K> {

    /** {@link #admit} result for a line to hold back. */
    public static final long HOLD = -1;

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    /** Per key: when its last line went out, and how many were held back since. */
    private final Map<K, long[]> windows = new HashMap<>();

    public LogThrottle(long intervalNanos, LongSupplier nanoClock) {
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
    }

    /** {@link #HOLD} to skip this line; otherwise log it, saying how many lines were held back before it. */
    public synchronized long admit(K key) {
        long now = nanoClock.getAsLong();
        long[] w = windows.get(key);
        if (w == null) {
            windows.put(key, new long[] {now, 0});
            return 0;
        }
        if (now - w[0] >= intervalNanos) {
            long held = w[1];
            w[0] = now;
            w[1] = 0;
            return held;
        }
        w[1]++;
        return HOLD;
    }
}
