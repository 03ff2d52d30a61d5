package org.pmnfs.pmem;

import java.io.IOException;
import java.time.Clock;
import org.pmnfs.vfs.FileSystemBackend;

/**
 * The contract again on tiny pools: 16 MiB (4 journal lanes; the concurrency test writes 4 x 3 MiB) mapped in 64 KiB chunks, so block
 * runs cross chunk edges, the inode table grows early, directories chain many blocks, and large
 * sparse offsets take the radix tree to height 3; the NOSPC fill uses the 4 MiB minimum.
 */
class PmemTinyContractTest extends PmemBackendContractTest {

    @Override
    protected FileSystemBackend openBackend(Clock clock) throws IOException {
        return open(16L << 20, 16, clock);
    }

    @Override
    protected FileSystemBackend openBoundedBackend(Clock clock) throws IOException {
        return open(4L << 20, 16, clock);
    }
}
