package org.pmnfs.server.nfs.xdr;

import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/** MKNOD3res (RFC 1813 section 3.3.11): the new object and the directory's wcc_data. */
public final class MKNOD3res extends NewObjectResult {

    public MKNOD3res() {}

    public static MKNOD3res ok(byte[] handle, FileAttributes attributes, WccData dirWcc) {
        MKNOD3res r = new MKNOD3res();
        r.set(NfsStatus.OK, handle, attributes, dirWcc);
        return r;
    }

    public static MKNOD3res fail(NfsStatus status, WccData dirWcc) {
        MKNOD3res r = new MKNOD3res();
        r.set(status, null, null, dirWcc);
        return r;
    }
}
