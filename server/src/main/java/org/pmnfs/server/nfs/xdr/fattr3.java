package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.GarbageArgsException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileType;

/** fattr3 (RFC 1813 section 2.6): the attributes of an object, from and to {@link FileAttributes}. */
public final class fattr3 {

    /** Encoded bytes: 13 words of 4 or 8 bytes plus three nfstime3. */
    public static final int BYTES = 84;

    private fattr3() {}

    public static void encode(XdrEncodingStream xdr, FileAttributes a) {
        xdr.xdrEncodeInt(a.type().code());
        xdr.xdrEncodeInt(a.mode());
        xdr.xdrEncodeInt((int) Math.min(a.nlink(), 0xffffffffL));
        xdr.xdrEncodeInt(a.uid());
        xdr.xdrEncodeInt(a.gid());
        xdr.xdrEncodeLong(a.size());
        xdr.xdrEncodeLong(a.used());
        xdr.xdrEncodeInt(a.rdevMajor());
        xdr.xdrEncodeInt(a.rdevMinor());
        xdr.xdrEncodeLong(a.fsid());
        xdr.xdrEncodeLong(a.fileId());
        nfstime3.encode(xdr, a.atimeNanos());
        nfstime3.encode(xdr, a.mtimeNanos());
        nfstime3.encode(xdr, a.ctimeNanos());
    }

    public static FileAttributes decode(XdrDecodingStream xdr) throws IOException {
        int typeCode = xdr.xdrDecodeInt();
        FileType type = FileType.ofCode(typeCode);
        if (type == null) {
            throw new GarbageArgsException("unknown ftype3 " + typeCode);
        }
        int mode = xdr.xdrDecodeInt() & FileAttributes.MODE_MASK;
        long nlink = Integer.toUnsignedLong(xdr.xdrDecodeInt());
        int uid = xdr.xdrDecodeInt();
        int gid = xdr.xdrDecodeInt();
        long size = xdr.xdrDecodeLong();
        long used = xdr.xdrDecodeLong();
        int major = xdr.xdrDecodeInt();
        int minor = xdr.xdrDecodeInt();
        long fsid = xdr.xdrDecodeLong();
        long fileId = xdr.xdrDecodeLong();
        long atime = nfstime3.decode(xdr);
        long mtime = nfstime3.decode(xdr);
        long ctime = nfstime3.decode(xdr);
        return new FileAttributes(type, mode, nlink, uid, gid, size, used, major, minor, fsid, fileId, atime, mtime, ctime);
    }
}
