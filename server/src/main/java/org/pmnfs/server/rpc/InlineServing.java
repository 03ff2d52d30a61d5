package org.pmnfs.server.rpc;

/**
 * Whether the network thread may serve a call itself instead of handing it to a worker: a hand-off
 * (a futex wake-up and a context switch) costs more than a call that only touches memory, but a
 * long call served there holds up the calls queued behind it on that thread.
 */
public enum InlineServing {
    /** Always a worker: the call may wait for a device or a lock held across one. */
    NEVER,
    /**
     * Memory work, but long (a 1 MiB copy): on the network thread only when nothing else of its
     * connection is in flight or waiting behind it; a client waiting for each reply then saves a
     * wake-up per call, and a busy connection's calls run on the workers in parallel.
     */
    WHEN_ALONE,
    /** A few microseconds of memory work: on the network thread, also between other calls. */
    ALWAYS
}
