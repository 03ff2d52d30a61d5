package org.pmnfs.kv;

import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.AbstractBackendContractTest;
import org.pmnfs.vfs.FileSystemBackend;

/** The vfs contract on the kv backend's etcd engine: a fresh namespace per test on a real 3-member cluster. */
class EtcdBackendContractTest extends AbstractBackendContractTest {

    /** The long mode: every contract test at full size. */
    static final boolean SOAK = Boolean.getBoolean("pmnfs.etcd.soak");

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

    /**
     * Soak mode only ({@code -Dpmnfs.etcd.soak=true}): 32,000 links through Raft take about
     * 4.5 minutes here. The limit check is engine-independent code that the RocksDB contract
     * runs in every build.
     */
    @Override
    @Test
    protected void linkBeyondTheLinkLimitIsMlink() throws Exception {
        Assumptions.assumeTrue(SOAK, "32,000 links through etcd: run with -Dpmnfs.etcd.soak=true");
        super.linkBeyondTheLinkLimitIsMlink();
    }

    /** Soak mode only: 10,000 creates through Raft take about 2 minutes here; the listing code is the RocksDB contract's. */
    @Override
    @Test
    protected void aDirectoryOfTenThousandEntriesIsListedCompletelyInSmallPages() throws Exception {
        Assumptions.assumeTrue(SOAK, "10,000 entries through etcd: run with -Dpmnfs.etcd.soak=true");
        super.aDirectoryOfTenThousandEntriesIsListedCompletelyInSmallPages();
    }

    @Override
    protected FileSystemBackend openBoundedBackend(Clock clock) throws IOException {
        return KvBackend.open(config(clock).withCapacityBytes(4L << 20));
    }
}
