package org.pmnfs.vfs;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Keeps calls out of a closed backend without a shared lock: each call counts itself in (a striped
 * counter) and then checks the closed flag; {@link #close} sets the flag and waits for the count
 * to drain, so no call touches the store after it is released.
 */
public final class OpenGuard {

    private final LongAdder inFlight = new LongAdder();
    private final Supplier<? extends NfsException> whenClosed;
    private volatile boolean closed;

    /** @param whenClosed the error a call gets once the backend is closed */
    public OpenGuard(Supplier<? extends NfsException> whenClosed) {
        this.whenClosed = whenClosed;
    }

    /** Enters a call; fails if the backend is closed. Pair with {@link #exit()} in a finally. */
    public void enter() throws NfsException {
        inFlight.increment();
        if (closed) {
            inFlight.decrement();
            throw whenClosed.get();
        }
    }

    public void exit() {
        inFlight.decrement();
    }

    /** Refuses new calls and waits for running ones; false if already closed. */
    public boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        while (inFlight.sum() != 0) {
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }
}
