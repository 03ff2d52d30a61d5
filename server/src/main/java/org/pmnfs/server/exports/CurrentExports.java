package org.pmnfs.server.exports;

import java.util.Objects;

/**
 * The export table in force. The table itself is immutable; reloading the exports file (SIGHUP)
 * swaps in a new one whole, so each call sees one table or the other, never a mix. Export ids
 * come from the paths, so handles of an export that is still listed stay valid across a reload.
 */
public final class CurrentExports {

    private volatile ExportTable table;

    public CurrentExports(ExportTable initial) {
        this.table = Objects.requireNonNull(initial, "initial");
    }

    /** The table now; a call reads it once and keeps to it. */
    public ExportTable get() {
        return table;
    }

    /** Puts {@code next} in force for the calls that start from now on. */
    public void replace(ExportTable next) {
        this.table = Objects.requireNonNull(next, "next");
    }
}
