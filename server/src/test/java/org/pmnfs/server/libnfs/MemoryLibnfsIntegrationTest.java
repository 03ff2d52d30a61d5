package org.pmnfs.server.libnfs;

import java.nio.file.Path;
import org.pmnfs.memory.MemoryBackend;
import org.pmnfs.memory.MemoryBackendConfig;
import org.pmnfs.vfs.FileSystemBackend;

/** libnfs against the in-memory backend. */
class MemoryLibnfsIntegrationTest extends AbstractLibnfsIntegrationTest {
    @Override
    protected FileSystemBackend openBackend(Path scratch) {
        return new MemoryBackend(MemoryBackendConfig.defaults());
    }
}
