package org.pmnfs.server.nfs.xdr;

import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/** SYMLINK3res (RFC 1813 section 3.3.10): the new object and the directory's wcc_data. */
public final class SYMLINK3res extends NewObjectResult {

    public SYMLINK3res() {}

    public static SYMLINK3res ok(byte[] handle, FileAttributes attributes, WccData dirWcc) {
        SYMLINK3res r = new SYMLINK3res();
        r.set(NfsStatus.OK, handle, attributes, dirWcc);
        return r;
    }

    public static SYMLINK3res fail(NfsStatus status, WccData dirWcc) {
        SYMLINK3res r = new SYMLINK3res();
        r.set(status, null, null, dirWcc);
        return r;
    }
}
