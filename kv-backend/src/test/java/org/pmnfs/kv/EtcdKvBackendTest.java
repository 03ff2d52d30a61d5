package org.pmnfs.kv;

import java.io.IOException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kv backend's own tests ({@link KvBackendTest}) on the etcd engine: a fresh namespace per test on a real 3-member cluster. */
class EtcdKvBackendTest extends KvBackendTest {

    private EtcdSettings etcd;

    @BeforeEach
    void namespace() throws IOException {
        etcd = EtcdCluster.shared().settings("kv");
    }

    @Override
    KvConfig config(int chunkSize) {
        return KvConfig.defaults(etcd).withChunkSize(chunkSize);
    }

    /** Soak mode only ({@code -Dpmnfs.etcd.soak=true}): 100,000 creates through Raft take half an hour here. */
    @Override
    @Test
    void aDirectoryOfOneHundredThousandEntriesHasPointLookupsAndAFullListing() throws IOException {
        Assumptions.assumeTrue(EtcdBackendContractTest.SOAK, "100,000 entries through etcd: run with -Dpmnfs.etcd.soak=true");
        super.aDirectoryOfOneHundredThousandEntriesHasPointLookupsAndAFullListing();
    }
}
