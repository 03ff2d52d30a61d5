package org.pmnfs.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.vfs.AbstractBackendContractTest;
import org.pmnfs.vfs.FileSystemBackend;

/** The vfs contract on the kv backend with its default chunk size, a 4 MiB store for the NOSPC fill. */
class KvBackendContractTest extends AbstractBackendContractTest {

    @TempDir
    Path tmp;

    KvConfig config(Path dir, Clock clock) {
        return KvConfig.defaults(dir).withClock(clock);
    }

    @Override
    protected FileSystemBackend openBackend(Clock clock) throws IOException {
        return KvBackend.open(config(Files.createTempDirectory(tmp, "store"), clock));
    }

    @Override
    protected FileSystemBackend reopenBackend(FileSystemBackend closed, Clock clock) throws IOException {
        return KvBackend.open(config(((KvBackend) closed).directory(), clock).withCreateIfMissing(false));
    }

    @Override
    protected FileSystemBackend openBoundedBackend(Clock clock) throws IOException {
        return KvBackend.open(config(Files.createTempDirectory(tmp, "small"), clock).withCapacityBytes(4L << 20));
    }
}
