package org.pmnfs.server.nlm;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The grace period after a restart in which clients reclaim the locks they held: until it ends
 * only reclaims are granted, and new requests get DENIED_GRACE_PERIOD. It is held only when some
 * client may have held locks before (the NSM list was not empty).
 */
public final class Grace {

    private final LongSupplier nanoClock;
    private final long endNanos;
    private final boolean held;

    private Grace(LongSupplier nanoClock, Duration length, boolean held) {
        this.nanoClock = nanoClock;
        this.endNanos = nanoClock.getAsLong() + length.toNanos();
        this.held = held && !length.isZero();
    }

    /** A grace period of {@code length} from now, on {@code nanoClock} (System::nanoTime in production). */
    public static Grace of(Duration length, LongSupplier nanoClock) {
        return new Grace(nanoClock, length, true);
    }

    /** No grace period: nobody can have locks to reclaim. */
    public static Grace none() {
        return new Grace(() -> 0, Duration.ZERO, false);
    }

    public boolean active() {
        return held && nanoClock.getAsLong() - endNanos < 0;
    }

    /** Time left, zero when over. */
    public Duration left() {
        return active() ? Duration.ofNanos(endNanos - nanoClock.getAsLong()) : Duration.ZERO;
    }
}
