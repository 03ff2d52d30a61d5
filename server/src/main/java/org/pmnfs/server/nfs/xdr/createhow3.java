package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.GarbageArgsException;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.SetAttributes;

/**
 * createhow3 (RFC 1813 section 3.3.8): UNCHECKED and GUARDED carry initial attributes, EXCLUSIVE
 * an 8-byte verifier (createverf3) and no attributes.
 */
public final class createhow3 {

    public CreateMode mode;
    public SetAttributes obj_attributes = SetAttributes.NONE;
    public long verf;

    public createhow3() {}

    public static createhow3 of(CreateMode mode, SetAttributes attributes, long verifier) {
        createhow3 h = new createhow3();
        h.mode = mode;
        h.obj_attributes = attributes;
        h.verf = verifier;
        return h;
    }

    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        int code = xdr.xdrDecodeInt();
        mode = CreateMode.ofCode(code);
        if (mode == null) {
            throw new GarbageArgsException("createhow3 mode " + Integer.toUnsignedString(code) + " is not 0, 1 or 2");
        }
        if (mode == CreateMode.EXCLUSIVE) {
            verf = xdr.xdrDecodeLong();
        } else {
            obj_attributes = sattr3.decode(xdr);
        }
    }

    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(mode.code());
        if (mode == CreateMode.EXCLUSIVE) {
            xdr.xdrEncodeLong(verf);
        } else {
            sattr3.encode(xdr, obj_attributes);
        }
    }
}
