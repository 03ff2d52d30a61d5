package org.pmnfs.kv;

import java.util.concurrent.atomic.LongAdder;
import org.pmnfs.vfs.ServerFaultException;

/**
 * Keeps calls out of a closed backend without a shared lock: each call counts itself in (a striped
 * counter) and then checks the closed flag; {@link #close} sets the flag and waits for the count
 * to drain, so no call touches the engine after it is released.
 */
final class OpenGuard {

    private final LongAdder inFlight = new LongAdder();
    private volatile boolean closed;

    /** Enters a call; fails if the backend is closed. Pair with {@link #exit()} in a finally. */
    void enter() throws ServerFaultException {
        inFlight.increment();
        if (closed) {
            inFlight.decrement();
            throw new ServerFaultException("the kv backend is closed");
        }
    }

    void exit() {
        inFlight.decrement();
    }

    /** Refuses new calls and waits for running ones; false if already closed. */
    boolean close() {
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
