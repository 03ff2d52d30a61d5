package org.pmnfs.server.nlm;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The grace period after a restart in which clients reclaim the locks they held: until it ends
 * only reclaims are granted, and new requests get DENIED_GRACE_PERIOD. It is held only when some
 * client may have held locks before (the NSM list was not empty). It runs from its creation, and
 * its clock is started again when the server is up and the clients are being told to reclaim
 * ({@link #restartClock}), so a slow start does not eat into the clients' time.
 */
public final class Grace {

    private final LongSupplier nanoClock;
    private final Duration length;
    /** Written by {@link #restartClock}, read by any thread. */
    private volatile long endNanos;
    private final boolean held;

    private Grace(LongSupplier nanoClock, Duration length, boolean held) {
        this.nanoClock = nanoClock;
        this.length = length;
        this.endNanos = nanoClock.getAsLong() + length.toNanos();
        this.held = held && !length.isZero();
    }

    /** Starts the full length again from now (the server is ready; the clients are told now). */
    public void restartClock() {
        endNanos = nanoClock.getAsLong() + length.toNanos();
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
