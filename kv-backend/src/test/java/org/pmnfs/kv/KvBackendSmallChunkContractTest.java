package org.pmnfs.kv;

import java.nio.file.Path;
import java.time.Clock;

/** The vfs contract again with 4 KiB chunks, so reads, writes and truncates cross chunk edges often. */
class KvBackendSmallChunkContractTest extends KvBackendContractTest {

    @Override
    KvConfig config(Path dir, Clock clock) {
        return super.config(dir, clock).withChunkSize(KvConfig.MIN_CHUNK_SIZE);
    }
}
