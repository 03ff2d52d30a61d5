package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.GarbageArgsException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.TimeUpdate;

/**
 * sattr3 (RFC 1813 section 2.6): the attributes SETATTR and the creating procedures set, as
 * {@link SetAttributes}. Mode bits other than 07777 are dropped, as Linux nfsd does.
 */
public final class sattr3 {

    /** time_how values. */
    static final int DONT_CHANGE = 0;
    static final int SET_TO_SERVER_TIME = 1;
    static final int SET_TO_CLIENT_TIME = 2;

    private sattr3() {}

    public static SetAttributes decode(XdrDecodingStream xdr) throws IOException {
        Integer mode = xdr.xdrDecodeBoolean() ? xdr.xdrDecodeInt() & FileAttributes.MODE_MASK : null;
        Integer uid = xdr.xdrDecodeBoolean() ? xdr.xdrDecodeInt() : null;
        Integer gid = xdr.xdrDecodeBoolean() ? xdr.xdrDecodeInt() : null;
        Long size = null;
        if (xdr.xdrDecodeBoolean()) {
            size = xdr.xdrDecodeLong();
            if (size < 0) {
                throw new GarbageArgsException("sattr3 size " + Long.toUnsignedString(size) + " exceeds 2^63 - 1");
            }
        }
        TimeUpdate atime = time(xdr, "atime");
        TimeUpdate mtime = time(xdr, "mtime");
        return new SetAttributes(mode, uid, gid, size, atime, mtime);
    }

    private static TimeUpdate time(XdrDecodingStream xdr, String which) throws IOException {
        int how = xdr.xdrDecodeInt();
        return switch (how) {
            case DONT_CHANGE -> TimeUpdate.DONT_CHANGE;
            case SET_TO_SERVER_TIME -> TimeUpdate.SERVER_TIME;
            case SET_TO_CLIENT_TIME -> TimeUpdate.clientTime(nfstime3.decode(xdr));
            default -> throw new GarbageArgsException("sattr3 set_" + which + ": unknown time_how " + Integer.toUnsignedString(how));
        };
    }

    public static void encode(XdrEncodingStream xdr, SetAttributes a) {
        optionalInt(xdr, a.mode());
        optionalInt(xdr, a.uid());
        optionalInt(xdr, a.gid());
        xdr.xdrEncodeBoolean(a.size() != null);
        if (a.size() != null) {
            xdr.xdrEncodeLong(a.size());
        }
        time(xdr, a.atime());
        time(xdr, a.mtime());
    }

    private static void optionalInt(XdrEncodingStream xdr, Integer value) {
        xdr.xdrEncodeBoolean(value != null);
        if (value != null) {
            xdr.xdrEncodeInt(value);
        }
    }

    private static void time(XdrEncodingStream xdr, TimeUpdate t) {
        switch (t.how()) {
            case DONT_CHANGE -> xdr.xdrEncodeInt(DONT_CHANGE);
            case SERVER_TIME -> xdr.xdrEncodeInt(SET_TO_SERVER_TIME);
            case CLIENT_TIME -> {
                xdr.xdrEncodeInt(SET_TO_CLIENT_TIME);
                nfstime3.encode(xdr, t.nanos());
            }
        }
    }
}
