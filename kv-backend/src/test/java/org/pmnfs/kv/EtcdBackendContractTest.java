package org.pmnfs.kv;

import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.pmnfs.vfs.AbstractBackendContractTest;
import org.pmnfs.vfs.FileSystemBackend;

/** The vfs contract on the kv backend's etcd engine: a fresh namespace per test on a real 3-member cluster. */
class EtcdBackendContractTest extends AbstractBackendContractTest {

    static EtcdCluster cluster;

    @BeforeAll
    static void cluster() throws IOException {
        cluster = EtcdCluster.shared();
    }

    KvConfig config(Clock clock) {
        return KvConfig.defaults(cluster.settings("contract")).withClock(clock);
    }

    @Override
    protected FileSystemBackend openBackend(Clock clock) throws IOException {
        return KvBackend.open(config(clock));
    }

    @Override
    protected FileSystemBackend reopenBackend(FileSystemBackend closed, Clock clock) throws IOException {
        return KvBackend.open(((KvBackend) closed).config().withClock(clock).withCreateIfMissing(false));
    }

    @Override
    protected FileSystemBackend openBoundedBackend(Clock clock) throws IOException {
        return KvBackend.open(config(clock).withCapacityBytes(4L << 20));
    }
}
