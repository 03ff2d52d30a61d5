package org.pmnfs.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.pmnfs.vfs.AbstractBackendContractTest;
import org.pmnfs.vfs.FileSystemBackend;

/**
 * Checks the contract suite itself: its persistence tests, which no backend in this module can
 * run, pass against a memory store made to look persistent by {@link ReopenableMemoryBackend}.
 */
class PersistenceContractSelfTest extends AbstractBackendContractTest {

    private final List<ReopenableMemoryBackend> stores = new ArrayList<>();

    @Override
    protected FileSystemBackend openBackend(Clock clock) {
        ReopenableMemoryBackend b = new ReopenableMemoryBackend(
                new MemoryBackend(MemoryBackendConfig.defaults().withCapacityBytes(256L << 20), clock));
        stores.add(b);
        return b;
    }

    @Override
    protected FileSystemBackend reopenBackend(FileSystemBackend closed, Clock clock) {
        return ((ReopenableMemoryBackend) closed).reopen();
    }

    @AfterEach
    void destroyStores() {
        stores.forEach(ReopenableMemoryBackend::destroy);
        stores.clear();
    }
}
