package org.pmnfs.server.nfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.READDIRPLUS3args;
import org.pmnfs.server.nfs.xdr.READDIRPLUS3res;
import org.pmnfs.server.nfs.xdr.entryplus3;
import org.pmnfs.vfs.DirEntry;
import org.pmnfs.vfs.DirListing;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.TooSmallException;

/**
 * READDIRPLUS (RFC 1813 section 3.3.17): READDIR with each entry's attributes and handle, within
 * both maxcount (capped at the transfer size) and dircount. ".." carries no handle, since it may
 * lie outside the export.
 */
final class ProcReaddirplus implements NfsProcedure<READDIRPLUS3args> {

    @Override
    public String name() {
        return "NFS3.READDIRPLUS";
    }

    @Override
    public boolean modifies() {
        return false;
    }

    @Override
    public READDIRPLUS3args newArgs() {
        return new READDIRPLUS3args();
    }

    @Override
    public XdrAble run(NfsCall call, READDIRPLUS3args args) throws IOException {
        FileHandle dir = call.handle(args.dir);
        AccessRules.list(call.attributes(dir), call.credentials());
        long maxcount = Math.min(Integer.toUnsignedLong(args.maxcount), call.context().transferSize());
        ReaddirBudget budget = ReaddirBudget.readdirplus(maxcount, Integer.toUnsignedLong(args.dircount), READDIRPLUS3res.OK_OVERHEAD);
        DirListing listing = call.backend().readdir(dir, args.cookie, args.cookieverf, true, budget);
        if (listing.entries().isEmpty() && !listing.eof()) {
            throw new TooSmallException("READDIRPLUS dircount " + Integer.toUnsignedString(args.dircount) + " / maxcount "
                    + Integer.toUnsignedString(args.maxcount) + " leave no room for an entry");
        }
        List<entryplus3> entries = new ArrayList<>(listing.entries().size());
        for (DirEntry e : listing.entries()) {
            byte[] handle = ReaddirBudget.wireHandleLength(e) < 0 ? null : call.wire(e.handle());
            entries.add(new entryplus3(e.fileId(), e.name().bytes(), e.cookie(), e.attributes(), handle));
        }
        return READDIRPLUS3res.ok(listing.directoryAttributes(), listing.cookieVerifier(), entries, listing.eof(),
                budget.entryBytes());
    }

    @Override
    public XdrAble failure(NfsCall call, READDIRPLUS3args args, NfsStatus status) {
        return READDIRPLUS3res.fail(status, call.attributesOrNull(args.dir));
    }
}
