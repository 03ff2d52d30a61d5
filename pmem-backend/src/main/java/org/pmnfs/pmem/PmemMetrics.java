package org.pmnfs.pmem;

import java.util.List;
import org.pmnfs.vfs.BackendMetric;

/**
 * The pmem backend's numbers for monitoring: the pool's data blocks and inodes, used and free,
 * the journal's commits and the persists (fences ending a cache-line write-back) on the pool.
 */
final class PmemMetrics {

    private PmemMetrics() {}

    static List<BackendMetric> of(PmemFs fs) {
        return List.of(
                BackendMetric.gauge("pmem_blocks_free", "Free 4 KiB data blocks of the pool.", fs.alloc::freeBlocks),
                BackendMetric.gauge("pmem_blocks_used", "Data blocks of the pool in use (file data, directories, "
                        + "the inode table and radix nodes).", () -> fs.alloc.dataBlocks() - fs.alloc.freeBlocks()),
                BackendMetric.gauge("pmem_inodes_used", "Inodes in use.", fs.itable::liveCount),
                BackendMetric.gauge("pmem_inodes_free", "Inodes that can still be created (free table slots and "
                        + "the slots the free blocks could add), as FSSTAT reports them.", fs::freeInodes),
                BackendMetric.counter("pmem_journal_commits_total", "Metadata transactions committed since the "
                        + "pool was opened.", fs.journal::commits),
                BackendMetric.counter("pmem_persists_total", "Persists on the pool since it was opened (a "
                        + "write-back of cache lines, or an msync, ended by a fence).", fs.dev::persists));
    }
}
