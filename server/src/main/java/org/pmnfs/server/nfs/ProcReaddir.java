package org.pmnfs.server.nfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.READDIR3args;
import org.pmnfs.server.nfs.xdr.READDIR3res;
import org.pmnfs.server.nfs.xdr.entry3;
import org.pmnfs.vfs.DirEntry;
import org.pmnfs.vfs.DirListing;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.TooSmallException;

/**
 * READDIR (RFC 1813 section 3.3.16): one page of a readable directory from a cookie, as many
 * entries as the client's count allows (capped at the transfer size); TOOSMALL when not one fits.
 */
final class ProcReaddir implements NfsProcedure<READDIR3args> {

    @Override
    public String name() {
        return "NFS3.READDIR";
    }

    @Override
    public boolean modifies() {
        return false;
    }

    @Override
    public READDIR3args newArgs() {
        return new READDIR3args();
    }

    @Override
    public XdrAble run(NfsCall call, READDIR3args args) throws IOException {
        FileHandle dir = call.handle(args.dir);
        AccessRules.list(call.attributes(dir), call.credentials());
        long count = Math.min(Integer.toUnsignedLong(args.count), call.context().transferSize());
        ReaddirBudget budget = ReaddirBudget.readdir(count, READDIR3res.OK_OVERHEAD);
        DirListing listing = call.backend().readdir(dir, args.cookie, args.cookieverf, false, budget);
        if (listing.entries().isEmpty() && !listing.eof()) {
            throw new TooSmallException("READDIR count " + Integer.toUnsignedString(args.count) + " leaves no room for an entry");
        }
        List<entry3> entries = new ArrayList<>(listing.entries().size());
        for (DirEntry e : listing.entries()) {
            entries.add(new entry3(e.fileId(), e.name().bytes(), e.cookie()));
        }
        return READDIR3res.ok(listing.directoryAttributes(), listing.cookieVerifier(), entries, listing.eof(), budget.entryBytes());
    }

    @Override
    public XdrAble failure(NfsCall call, READDIR3args args, NfsStatus status) {
        return READDIR3res.fail(status, call.attributesOrNull(args.dir));
    }
}
