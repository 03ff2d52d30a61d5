package org.pmnfs.server.libnfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pmnfs.kv.KvStoreChecker;

/** SIGKILL of a kv-backed server during nfs-cp; KvStoreChecker walks the store afterwards. */
class KvKillNineTest extends AbstractKillNineTest {
    @Override
    protected List<String> serveArgs(Path store) {
        return List.of("--backend", "kv", "--kv-dir", store.toString());
    }

    @Override
    protected List<String> checkStore(Path store) throws IOException {
        return KvStoreChecker.check(store).problems();
    }
}
