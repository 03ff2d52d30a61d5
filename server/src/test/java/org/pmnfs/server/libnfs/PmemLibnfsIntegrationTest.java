package org.pmnfs.server.libnfs;

import java.io.IOException;
import java.nio.file.Path;
import org.pmnfs.pmem.PmemBackend;
import org.pmnfs.pmem.PmemConfig;
import org.pmnfs.vfs.FileSystemBackend;

/** libnfs against the pmem backend, on a 1 GiB pool file (sparse until written). */
class PmemLibnfsIntegrationTest extends AbstractLibnfsIntegrationTest {
    @Override
    protected FileSystemBackend openBackend(Path scratch) throws IOException {
        return PmemBackend.open(PmemConfig.of(scratch.resolve("test.pool")).withCreateIfMissing(1L << 30));
    }
}
