package org.pmnfs.server.nfs;

import java.util.concurrent.atomic.LongAdder;

/** File data moved by READ and WRITE since start, for monitoring. */
public final class TransferCounters {

    private final LongAdder read = new LongAdder();
    private final LongAdder written = new LongAdder();

    void read(long bytes) {
        read.add(bytes);
    }

    void written(long bytes) {
        written.add(bytes);
    }

    /** Bytes of file data READ replies carried. */
    public long bytesRead() {
        return read.sum();
    }

    /** Bytes of file data WRITE calls stored. */
    public long bytesWritten() {
        return written.sum();
    }
}
