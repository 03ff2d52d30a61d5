package org.pmnfs.server.nfs;

import org.pmnfs.server.nfs.xdr.entry3;
import org.pmnfs.server.nfs.xdr.entryplus3;
import org.pmnfs.vfs.DirEntry;
import org.pmnfs.vfs.EntryBudget;

/**
 * Counts the XDR bytes of READDIR and READDIRPLUS entries against the client's limits, exactly:
 * count (or maxcount) bounds the whole resok, dircount the entries' names, ids and cookies
 * (READDIRPLUS only). The backend stops at the first entry refused.
 */
final class ReaddirBudget implements EntryBudget {

    private final boolean plus;
    private final long maxEntryBytes;
    private final long maxDirBytes;
    private long entryBytes;
    private long dirBytes;

    private ReaddirBudget(boolean plus, long maxEntryBytes, long maxDirBytes) {
        this.plus = plus;
        this.maxEntryBytes = maxEntryBytes;
        this.maxDirBytes = maxDirBytes;
    }

    /** READDIR: entries may take what {@code count} leaves after the fixed resok fields. */
    static ReaddirBudget readdir(long count, int overhead) {
        return new ReaddirBudget(false, count - overhead, Long.MAX_VALUE);
    }

    /** READDIRPLUS: entries within maxcount and their directory information within dircount. */
    static ReaddirBudget readdirplus(long maxcount, long dircount, int overhead) {
        return new ReaddirBudget(true, maxcount - overhead, dircount);
    }

    @Override
    public boolean tryAdd(DirEntry entry) {
        int nameLength = entry.name().length();
        long cost = plus ? entryplus3.size(nameLength, entry.attributes() != null, wireHandleLength(entry)) : entry3.size(nameLength);
        long dirCost = plus ? entryplus3.dirSize(nameLength) : 0;
        if (entryBytes + cost > maxEntryBytes || dirBytes + dirCost > maxDirBytes) {
            return false;
        }
        entryBytes += cost;
        dirBytes += dirCost;
        return true;
    }

    /** Bytes the accepted entries take. */
    int entryBytes() {
        return (int) entryBytes;
    }

    /** The length of the handle a READDIRPLUS entry carries: none for ".." (it may lie outside the export). */
    static int wireHandleLength(DirEntry entry) {
        return entry.handle() == null || entry.name().isDotDot() ? -1 : WireHandle.EXPORT_ID_BYTES + entry.handle().length();
    }
}
