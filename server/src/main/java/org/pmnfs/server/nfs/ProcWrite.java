package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.server.nfs.xdr.WRITE3args;
import org.pmnfs.server.nfs.xdr.WRITE3res;
import org.pmnfs.vfs.Credentials;
import org.pmnfs.vfs.FBigException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.SetIdRules;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.WriteResult;

/**
 * WRITE (RFC 1813 section 3.3.7): the data goes to the backend as views of the request's own
 * buffers (no copy here); the reply carries the stability reached and the backend's write
 * verifier, which changes on every start so clients resend unstable data after a crash. A write
 * by anyone but root first clears set-id bits ({@link SetIdRules#modeForWrite}).
 */
final class ProcWrite implements NfsProcedure<WRITE3args> {

    @Override
    public String name() {
        return "NFS3.WRITE";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    /** Writing the same bytes at the same offset twice leaves what writing them once leaves. */
    @Override
    public boolean nonIdempotent() {
        return false;
    }

    /**
     * An UNSTABLE write of at most {@link #QUICK_MAX_BYTES} only copies into memory on a memory
     * backend; FILE_SYNC and DATA_SYNC persist before the reply and go to a worker.
     */
    @Override
    public boolean quick(Buffer arguments) {
        long count = WRITE3args.peekCount(arguments);
        return count >= 0 && count <= QUICK_MAX_BYTES && WRITE3args.peekStable(arguments) == StableHow.UNSTABLE;
    }

    @Override
    public WRITE3args newArgs() {
        return new WRITE3args();
    }

    @Override
    public XdrAble run(NfsCall call, WRITE3args args) throws IOException {
        FileHandle file = call.handle(args.file);
        FileAttributes before = call.attributes(file);
        Credentials who = call.credentials();
        AccessRules.write(before, who);
        if (args.offset < 0 || args.offset + (long) args.dataLength() < 0) {
            throw new FBigException("write at offset " + Long.toUnsignedString(args.offset) + " lies past 2^63 - 1");
        }
        FileSystemBackend backend = call.backend();
        boolean writes = args.dataLength() > 0;
        // The Linux client leaves this to the server: it sends a plain WRITE (nfs_setattr drops
        // the mode a kill of set-id bits would make) and re-reads the mode afterwards.
        // Set-id bits go before the data (file_remove_privs, then the copy, as the Linux VFS does):
        // (1) a SETATTR clears them; every backend makes it durable, or at least orders it before
        //     later writes, before it returns (pmem: journal commit; kv: a batch ahead in the WAL).
        // (2) only then does the data reach the store. A crash between leaves the bits cleared
        //     over the old data, which is harmless; the other order would leave a window in which
        //     new data sits on media under the old setuid bit. Without set-id bits (all but a few
        //     files) this costs one test of the mode fetched above.
        WccData cleared = null;
        if (writes && SetIdRules.modeForWrite(before, who) != before.mode()) {
            cleared = DerivedSetattr.apply(backend, file, before, current -> {
                int mode = SetIdRules.modeForWrite(current, who);
                return mode == current.mode() ? null : SetAttributes.ofMode(mode);
            });
            if (cleared != null) {
                call.changed(file, cleared.after());
            }
        }
        WriteResult w = backend.write(file, args.offset, args.data, args.stable);
        call.context().transfers().written(w.count());
        FileAttributes after = w.file().after();
        // A chmod by another client that set the bits after the check above but before the data
        // went in: this write came after it, so it clears them (once; a change that comes later
        // is ordered after the write). A crash before that leaves bits and data as if the write
        // had come first, which is as valid an order for two calls that overlapped.
        if (writes && after != null && SetIdRules.modeForWrite(after, who) != after.mode()) {
            WccData late = DerivedSetattr.applyOnce(backend, file, after, SetAttributes.ofMode(SetIdRules.modeForWrite(after, who)));
            if (late != null) {
                after = late.after();
                cleared = late;
            }
        }
        WccData wcc = w.file().before() == null || cleared != null ? WccData.of(before, after) : w.file();
        return WRITE3res.ok(wcc, w.count(), w.committed(), backend.writeVerifier());
    }

    @Override
    public XdrAble failure(NfsCall call, WRITE3args args, NfsStatus status) {
        return WRITE3res.fail(status, call.wccOrNone(args.file));
    }
}
