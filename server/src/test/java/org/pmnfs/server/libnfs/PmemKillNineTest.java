package org.pmnfs.server.libnfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pmnfs.pmem.Fsck;
import org.pmnfs.pmem.FsckProgress;
import org.pmnfs.pmem.FsckReport;

/**
 * SIGKILL of a pmem-backed server during nfs-cp; fsck (no repair) must find the recovered pool
 * clean. A process kill keeps the page cache, so this proves journal recovery of operations cut
 * off mid-way; power loss (lost cache lines) is the pmem crash suite's job.
 */
class PmemKillNineTest extends AbstractKillNineTest {
    @Override
    protected List<String> serveArgs(Path store) {
        return List.of("--backend", "pmem", "--device", store.toString(), "--size", "256M");
    }

    @Override
    protected List<String> checkStore(Path store) throws IOException {
        FsckReport report = Fsck.check(store, false, FsckProgress.NONE);
        return report.clean() ? List.of() : List.of(report.summary());
    }
}
