package org.pmnfs.server.mount;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.server.rpc.XdrLimits;

/**
 * mountres3 (RFC 1813 appendix I): a mountstat3 and, on MNT3_OK, the root handle (fhandle3, at
 * most 64 bytes) and the authentication flavors the server accepts, in order of preference.
 */
public final class mountres3 implements SizedXdr {

    public static final int MNT3_OK = 0;
    public static final int MNT3ERR_PERM = 1;
    public static final int MNT3ERR_NOENT = 2;
    public static final int MNT3ERR_IO = 5;
    public static final int MNT3ERR_ACCES = 13;
    public static final int MNT3ERR_NOTDIR = 20;
    public static final int MNT3ERR_INVAL = 22;
    public static final int MNT3ERR_NAMETOOLONG = 63;
    public static final int MNT3ERR_NOTSUPP = 10004;
    public static final int MNT3ERR_SERVERFAULT = 10006;

    private static final int FHSIZE3 = 64;
    private static final int MAX_FLAVORS = 16;

    public int fhs_status;
    public byte[] fhandle;
    public int[] auth_flavors;

    public mountres3() {}

    public static mountres3 ok(byte[] handle, int... flavors) {
        mountres3 r = new mountres3();
        r.fhs_status = MNT3_OK;
        r.fhandle = handle;
        r.auth_flavors = flavors;
        return r;
    }

    /** The name of mountstat3 {@code status} without its MNT3ERR_ prefix (ACCES, NOENT, ...), for metrics. */
    public static String statusName(int status) {
        return switch (status) {
            case MNT3_OK -> "OK";
            case MNT3ERR_PERM -> "PERM";
            case MNT3ERR_NOENT -> "NOENT";
            case MNT3ERR_IO -> "IO";
            case MNT3ERR_ACCES -> "ACCES";
            case MNT3ERR_NOTDIR -> "NOTDIR";
            case MNT3ERR_INVAL -> "INVAL";
            case MNT3ERR_NAMETOOLONG -> "NAMETOOLONG";
            case MNT3ERR_NOTSUPP -> "NOTSUPP";
            case MNT3ERR_SERVERFAULT -> "SERVERFAULT";
            default -> "UNKNOWN";
        };
    }

    public static mountres3 fail(int status) {
        mountres3 r = new mountres3();
        r.fhs_status = status;
        return r;
    }

    @Override
    public int encodedSize() {
        return 4 + 4 + FHSIZE3 + 4 + 4 * MAX_FLAVORS;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(fhs_status);
        if (fhs_status == MNT3_OK) {
            xdr.xdrEncodeDynamicOpaque(fhandle);
            xdr.xdrEncodeIntVector(auth_flavors);
        }
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        fhs_status = xdr.xdrDecodeInt();
        if (fhs_status == MNT3_OK) {
            fhandle = XdrLimits.opaque(xdr, FHSIZE3, "fhandle3");
            int n = XdrLimits.count(xdr, MAX_FLAVORS, "auth_flavors");
            auth_flavors = new int[n];
            for (int i = 0; i < n; i++) {
                auth_flavors[i] = xdr.xdrDecodeInt();
            }
        }
    }
}
