package org.pmnfs.server.nfs;

import java.io.IOException;
import java.nio.file.Path;
import org.pmnfs.pmem.PmemBackend;
import org.pmnfs.pmem.PmemConfig;
import org.pmnfs.vfs.FileSystemBackend;

/** The set-id and ownership rules over the wire, on the pmem backend (a 64 MiB pool file). */
class PmemSetIdWireTest extends AbstractSetIdWireTest {
    @Override
    protected FileSystemBackend openBackend(Path scratch) throws IOException {
        return PmemBackend.open(PmemConfig.of(scratch.resolve("setid.pool")).withCreateIfMissing(64L << 20));
    }
}
