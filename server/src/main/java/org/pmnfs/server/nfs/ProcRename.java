package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.RENAME3args;
import org.pmnfs.server.nfs.xdr.RENAME3res;
import org.pmnfs.vfs.Credentials;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.NoEntException;
import org.pmnfs.vfs.Permissions;
import org.pmnfs.vfs.RenameResult;

/**
 * RENAME (RFC 1813 section 3.3.14) within one export: write and search on both directories, the
 * sticky-bit rule for the source and a replaced target, and (as the Linux VFS asks) write
 * permission on a directory moved to another parent, whose ".." changes.
 */
final class ProcRename implements NfsProcedure<RENAME3args> {

    @Override
    public String name() {
        return "NFS3.RENAME";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    @Override
    public RENAME3args newArgs() {
        return new RENAME3args();
    }

    @Override
    public XdrAble run(NfsCall call, RENAME3args args) throws IOException {
        FileHandle fromDir = call.handle(args.from.dir);
        FileHandle toDir = call.handle(args.to.dir);
        FileName fromName = NfsCall.name(args.from.name);
        FileName toName = NfsCall.name(args.to.name);
        Credentials who = call.credentials();
        FileAttributes fromBefore = call.attributes(fromDir);
        FileAttributes toBefore = call.attributes(toDir);
        AccessRules.changeEntries(fromBefore, who);
        AccessRules.changeEntries(toBefore, who);
        boolean moves = !fromDir.equals(toDir);
        if (!who.isRoot() && !fromName.isDotOrDotDot() && (moves || AccessRules.victimMatters(fromBefore, who))) {
            FileAttributes source = call.backend().lookup(fromDir, fromName).attributes();
            AccessRules.stickyDelete(fromBefore, source, who);
            if (moves && source.isDirectory()) {
                Permissions.require(source, who, Permissions.write(), "directory " + source.fileId() + " (its '..' changes)");
            }
        }
        if (AccessRules.victimMatters(toBefore, who) && !toName.isDotOrDotDot()) {
            FileAttributes target = existing(call, toDir, toName);
            if (target != null) {
                AccessRules.stickyDelete(toBefore, target, who);
            }
        }
        RenameResult r = call.backend().rename(fromDir, fromName, toDir, toName);
        return new RENAME3res(NfsStatus.OK, ProcCreate.withBefore(r.fromDirectory(), fromBefore),
                ProcCreate.withBefore(r.toDirectory(), toBefore));
    }

    private static FileAttributes existing(NfsCall call, FileHandle dir, FileName name) throws IOException {
        try {
            return call.backend().lookup(dir, name).attributes();
        } catch (NoEntException e) {
            return null;
        }
    }

    @Override
    public XdrAble failure(NfsCall call, RENAME3args args, NfsStatus status) {
        return new RENAME3res(status, call.wccOrNone(args.from.dir), call.wccOrNone(args.to.dir));
    }
}
