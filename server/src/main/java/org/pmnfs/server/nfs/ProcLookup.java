package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.server.nfs.xdr.LOOKUP3args;
import org.pmnfs.server.nfs.xdr.LOOKUP3res;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.LookupResult;
import org.pmnfs.vfs.NfsStatus;

/**
 * LOOKUP (RFC 1813 section 3.3.3): a name in a searchable directory. ".." of an export's root is
 * the root itself, so a client cannot walk out of its export.
 */
final class ProcLookup implements NfsProcedure<LOOKUP3args> {

    @Override
    public String name() {
        return "NFS3.LOOKUP";
    }

    @Override
    public boolean modifies() {
        return false;
    }

    /** One directory lookup: memory speed on a memory backend. */
    @Override
    public boolean quick(Buffer arguments) {
        return true;
    }

    @Override
    public LOOKUP3args newArgs() {
        return new LOOKUP3args();
    }

    @Override
    public XdrAble run(NfsCall call, LOOKUP3args args) throws IOException {
        FileHandle dir = call.handle(args.what.dir);
        FileName name = NfsCall.name(args.what.name);
        FileAttributes dirAttributes = call.attributes(dir);
        AccessRules.lookup(dirAttributes, call.credentials());
        if (name.isDotDot() && dir.equals(call.context().roots().rootOf(call.export()))) {
            return LOOKUP3res.ok(call.wire(dir), dirAttributes, dirAttributes);
        }
        LookupResult found = call.backend().lookup(dir, name);
        FileAttributes after = found.directoryAttributes() != null ? found.directoryAttributes() : dirAttributes;
        return LOOKUP3res.ok(call.wire(found.handle()), found.attributes(), after);
    }

    @Override
    public XdrAble failure(NfsCall call, LOOKUP3args args, NfsStatus status) {
        return LOOKUP3res.fail(status, call.attributesOrNull(args.what.dir));
    }
}
