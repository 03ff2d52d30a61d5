package org.pmnfs.memory;

import java.time.Clock;
import org.pmnfs.vfs.AbstractBackendContractTest;
import org.pmnfs.vfs.FileSystemBackend;

/**
 * The contract again with the smallest block size, so reads, writes and truncates cross a block
 * edge every 64 bytes, and a bounded store of only 256 KiB for the NOSPC fill.
 */
class MemoryBackendBoundaryContractTest extends AbstractBackendContractTest {

    private static final MemoryBackendConfig TINY_BLOCKS =
            new MemoryBackendConfig(64L << 20, MemoryBackendConfig.MIN_BLOCK_SIZE);

    @Override
    protected FileSystemBackend openBackend(Clock clock) {
        return new MemoryBackend(TINY_BLOCKS, clock);
    }

    @Override
    protected FileSystemBackend openBoundedBackend(Clock clock) {
        return new MemoryBackend(TINY_BLOCKS.withCapacityBytes(256 << 10), clock);
    }
}
