package org.pmnfs.pmem;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.pmnfs.vfs.AbstractBackendContractTest;
import org.pmnfs.vfs.FileSystemBackend;

/**
 * The pmem backend against the backend contract with the normal geometry: a 256 MiB pool file
 * (16 journal lanes, 1 GiB mapping chunks) on /dev/shm, reopened from the same file, and a
 * 4 MiB pool (the smallest PMFS2 allows) for the NOSPC fill.
 */
class PmemBackendContractTest extends AbstractBackendContractTest {

    private Path dir;
    private int pools;

    /** Pool size of the normal geometry. */
    static final long NORMAL = 256L << 20;

    @Override
    protected FileSystemBackend openBackend(Clock clock) throws IOException {
        return open(NORMAL, PmemConfig.DEFAULT_CHUNK_SHIFT, clock);
    }

    @Override
    protected FileSystemBackend reopenBackend(FileSystemBackend closed, Clock clock) throws IOException {
        Path pool = ((PmemBackend) closed).fs().dev.name().equals("") ? null : Path.of(((PmemBackend) closed).fs().dev.name());
        return PmemBackend.open(PmemConfig.of(pool).withClock(clock));
    }

    @Override
    protected FileSystemBackend openBoundedBackend(Clock clock) throws IOException {
        return open(4L << 20, PmemConfig.DEFAULT_CHUNK_SHIFT, clock);
    }

    FileSystemBackend open(long size, int chunkShift, Clock clock) throws IOException {
        if (dir == null) {
            dir = TestDirs.create();
        }
        Path pool = dir.resolve("pool-" + (pools++));
        PmemFormatter.format(pool, size, false, clock);
        return PmemBackend.open(PmemConfig.of(pool).withClock(clock).withChunkShift(chunkShift));
    }

    @AfterEach
    void deletePools() throws IOException {
        TestDirs.delete(dir);
        dir = null;
    }
}
