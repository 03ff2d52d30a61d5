package org.pmnfs.server.nfs.xdr;

import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/** CREATE3res (RFC 1813 section 3.3.8): the new object and the directory's wcc_data. */
public final class CREATE3res extends NewObjectResult {

    public CREATE3res() {}

    public static CREATE3res ok(byte[] handle, FileAttributes attributes, WccData dirWcc) {
        CREATE3res r = new CREATE3res();
        r.set(NfsStatus.OK, handle, attributes, dirWcc);
        return r;
    }

    public static CREATE3res fail(NfsStatus status, WccData dirWcc) {
        CREATE3res r = new CREATE3res();
        r.set(status, null, null, dirWcc);
        return r;
    }
}
