package org.pmnfs.pmem;

/** How the pool is mapped, which decides what a persist costs and guarantees (docs/crash-consistency.md). */
public enum MappingMode {
    /**
     * {@code ExtendedMapMode.READ_WRITE_SYNC} (MAP_SYNC) on DAX: a persist writes back the CPU
     * cache lines (clwb/clflushopt + sfence); no page cache is involved.
     */
    MAP_SYNC("MAP_SYNC (cache-line write-back)"),
    /** {@code READ_WRITE} on a file without DAX: a persist is msync(MS_SYNC) of the pages. */
    MSYNC("msync (no DAX; page-cache write-back)"),
    /** A heap or anonymous memory region (tests): persists only order, nothing survives the process. */
    VOLATILE("volatile (test memory)");

    private final String description;

    MappingMode(String description) {
        this.description = description;
    }

    /** A short human description, for logs and {@code pmnfs info}. */
    public String description() {
        return description;
    }
}
