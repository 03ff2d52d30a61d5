package org.pmnfs.server.nfs;

import java.nio.file.Path;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.FileSystemBackend;

/** The set-id and ownership rules over the wire, on the memory backend. */
class MemorySetIdWireTest extends AbstractSetIdWireTest {
    @Override
    protected FileSystemBackend openBackend(Path scratch) {
        return TestServer.memory();
    }
}
