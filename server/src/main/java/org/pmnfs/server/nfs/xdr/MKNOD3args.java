package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.GarbageArgsException;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.SetAttributes;

/**
 * MKNOD3args (RFC 1813 section 3.3.11): where, and mknoddata3: for CHR/BLK devicedata3
 * (attributes and specdata3), for SOCK/FIFO attributes, for other types nothing (the procedure
 * answers NFS3ERR_BADTYPE).
 */
public final class MKNOD3args implements XdrAble {

    public diropargs3 where = new diropargs3();
    public FileType type;
    public SetAttributes attributes = SetAttributes.NONE;
    public int specMajor;
    public int specMinor;

    public MKNOD3args() {}

    public MKNOD3args(byte[] dir, byte[] name, FileType type, SetAttributes attributes, int major, int minor) {
        this.where = new diropargs3(dir, name);
        this.type = type;
        this.attributes = attributes;
        this.specMajor = major;
        this.specMinor = minor;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        where.xdrDecode(xdr);
        int code = xdr.xdrDecodeInt();
        type = FileType.ofCode(code);
        if (type == null) {
            throw new GarbageArgsException("mknoddata3 type " + Integer.toUnsignedString(code) + " is not an ftype3");
        }
        switch (type) {
            case CHARACTER, BLOCK -> {
                attributes = sattr3.decode(xdr);
                specMajor = xdr.xdrDecodeInt();
                specMinor = xdr.xdrDecodeInt();
            }
            case SOCKET, FIFO -> attributes = sattr3.decode(xdr);
            default -> { }
        }
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        where.xdrEncode(xdr);
        xdr.xdrEncodeInt(type.code());
        switch (type) {
            case CHARACTER, BLOCK -> {
                sattr3.encode(xdr, attributes);
                xdr.xdrEncodeInt(specMajor);
                xdr.xdrEncodeInt(specMinor);
            }
            case SOCKET, FIFO -> sattr3.encode(xdr, attributes);
            default -> { }
        }
    }
}
