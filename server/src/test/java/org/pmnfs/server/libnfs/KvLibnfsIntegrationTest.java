package org.pmnfs.server.libnfs;

import java.io.IOException;
import java.nio.file.Path;
import org.pmnfs.kv.KvBackend;
import org.pmnfs.kv.KvConfig;
import org.pmnfs.vfs.FileSystemBackend;

/** libnfs against the kv (RocksDB) backend. */
class KvLibnfsIntegrationTest extends AbstractLibnfsIntegrationTest {
    @Override
    protected FileSystemBackend openBackend(Path scratch) throws IOException {
        return KvBackend.open(KvConfig.defaults(scratch.resolve("kv")));
    }
}
