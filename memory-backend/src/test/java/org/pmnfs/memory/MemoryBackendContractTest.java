package org.pmnfs.memory;

import java.time.Clock;
import org.pmnfs.vfs.AbstractBackendContractTest;
import org.pmnfs.vfs.FileSystemBackend;

/** The memory backend with its default block size against the backend contract. */
class MemoryBackendContractTest extends AbstractBackendContractTest {

    @Override
    protected FileSystemBackend openBackend(Clock clock) {
        return new MemoryBackend(MemoryBackendConfig.defaults().withCapacityBytes(256L << 20), clock);
    }

    @Override
    protected FileSystemBackend openBoundedBackend(Clock clock) {
        return new MemoryBackend(MemoryBackendConfig.defaults().withCapacityBytes(2L << 20), clock);
    }
}
