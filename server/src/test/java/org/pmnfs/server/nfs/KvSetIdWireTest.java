package org.pmnfs.server.nfs;

import java.io.IOException;
import java.nio.file.Path;
import org.pmnfs.kv.KvBackend;
import org.pmnfs.kv.KvConfig;
import org.pmnfs.vfs.FileSystemBackend;

/** The set-id and ownership rules over the wire, on the kv (RocksDB) backend. */
class KvSetIdWireTest extends AbstractSetIdWireTest {
    @Override
    protected FileSystemBackend openBackend(Path scratch) throws IOException {
        return KvBackend.open(KvConfig.defaults(scratch.resolve("kv")));
    }
}
