package org.pmnfs.server.nfs.xdr;

import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/** MKDIR3res (RFC 1813 section 3.3.9): the new object and the directory's wcc_data. */
public final class MKDIR3res extends NewObjectResult {

    public MKDIR3res() {}

    public static MKDIR3res ok(byte[] handle, FileAttributes attributes, WccData dirWcc) {
        MKDIR3res r = new MKDIR3res();
        r.set(NfsStatus.OK, handle, attributes, dirWcc);
        return r;
    }

    public static MKDIR3res fail(NfsStatus status, WccData dirWcc) {
        MKDIR3res r = new MKDIR3res();
        r.set(status, null, null, dirWcc);
        return r;
    }
}
