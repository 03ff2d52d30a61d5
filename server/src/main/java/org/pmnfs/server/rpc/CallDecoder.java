package org.pmnfs.server.rpc;

import java.io.IOException;
import org.dcache.oncrpc4j.rpc.RpcAuthStat;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.Buffer;

/**
 * Decodes and checks an RPC call header (RFC 5531 sections 8 and 9, appendix A) instead of
 * oncrpc4j's {@code RpcCall.accept}, which would accept RPCSEC_GSS and AUTH_TLS (and start TLS):
 * only RPC version 2, AUTH_NONE and AUTH_SYS (body at most 400 bytes, at most 16 gids), and an
 * AUTH_NONE verifier, as Linux's sunrpc server requires.
 */
final class CallDecoder {

    /** The only RPC protocol version (RFC 5531 section 9). */
    static final int RPC_VERSION = 2;
    /** msg_type of a call. */
    static final int CALL = 0;
    /** Longest credential or verifier body (RFC 5531 section 8.2: MAX_AUTH_BYTES). */
    static final int MAX_AUTH_BYTES = 400;
    /** Longest AUTH_SYS machine name (RFC 5531 appendix A). */
    static final int MAX_MACHINE_NAME_BYTES = 255;

    private CallDecoder() {}

    /** The record is not an RPC call at all; the stream cannot be trusted and is closed. */
    static final class NotACallException extends IOException {
        NotACallException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** The call is refused before dispatch; {@link #reply} sends the matching rejection. */
    static final class RejectedCallException extends IOException {
        enum Kind { RPC_MISMATCH, AUTH_ERROR, GARBAGE_ARGS }

        final int xid;
        final Kind kind;
        final int authStat;

        RejectedCallException(int xid, Kind kind, int authStat, String message) {
            super(message);
            this.xid = xid;
            this.kind = kind;
            this.authStat = authStat;
        }

        void reply(Channel channel) {
            switch (kind) {
                case RPC_MISMATCH -> RpcRequest.rejectRpcVersion(xid, channel);
                case AUTH_ERROR -> RpcRequest.rejectAuth(xid, channel, authStat);
                case GARBAGE_ARGS -> RpcRequest.replyGarbageArgs(xid, channel);
            }
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Decodes the header of {@code record}; the returned request's argument stream starts after it. */
    static RpcRequest decode(Buffer record, Channel channel) throws NotACallException, RejectedCallException {
        Xdr xdr = new Xdr(record, channel.memory());
        xdr.beginDecoding();
        if (record.remaining() < 2 * Integer.BYTES) {
            throw new NotACallException("record of " + record.remaining() + " bytes is too short for an RPC message header");
        }
        int xid;
        int msgType;
        try {
            xid = xdr.xdrDecodeInt();
            msgType = xdr.xdrDecodeInt();
        } catch (IOException e) {
            throw new NotACallException("unreadable RPC message header: " + e.getMessage());
        }
        if (msgType != CALL) {
            throw new NotACallException("record with xid " + Integer.toHexString(xid) + " is msg_type " + msgType
                    + ", not a call (0)");
        }
        try {
            int rpcVersion = xdr.xdrDecodeInt();
            if (rpcVersion != RPC_VERSION) {
                throw new RejectedCallException(xid, RejectedCallException.Kind.RPC_MISMATCH, 0,
                        "RPC version " + Integer.toUnsignedString(rpcVersion) + " is not " + RPC_VERSION);
            }
            int program = xdr.xdrDecodeInt();
            int version = xdr.xdrDecodeInt();
            int procedure = xdr.xdrDecodeInt();
            AuthCredential credential = credential(xdr, record, xid);
            verifier(xdr, xid);
            return new RpcRequest(xid, program, version, procedure, credential, xdr, channel);
        } catch (RejectedCallException e) {
            throw e;
        } catch (IOException e) {
            throw new RejectedCallException(xid, RejectedCallException.Kind.GARBAGE_ARGS, 0,
                    "call header truncated at byte " + record.position() + " of " + record.limit() + ": " + e.getMessage());
        }
    }

    private static AuthCredential credential(Xdr xdr, Buffer record, int xid) throws IOException {
        int flavor = xdr.xdrDecodeInt();
        int length = xdr.xdrDecodeInt();
        if (length < 0 || length > MAX_AUTH_BYTES || length > record.remaining()) {
            throw badCredential(xid, "credential body of " + Integer.toUnsignedString(length) + " bytes (limit "
                    + MAX_AUTH_BYTES + ", " + record.remaining() + " left in the record)");
        }
        return switch (flavor) {
            case AuthCredential.AUTH_NONE -> {
                if (length != 0) {
                    throw badCredential(xid, "AUTH_NONE credential with a body of " + length + " bytes");
                }
                yield AuthCredential.NONE;
            }
            case AuthCredential.AUTH_SYS -> authSys(xdr, record, xid, length);
            default -> throw badCredential(xid, "authentication flavor " + Integer.toUnsignedString(flavor)
                    + " is not supported (only AUTH_NONE and AUTH_SYS)");
        };
    }

    /** Decodes an authsys_parms body of exactly {@code length} bytes (RFC 5531 appendix A). */
    private static AuthCredential authSys(Xdr xdr, Buffer record, int xid, int length) throws IOException {
        int start = record.position();
        int end = start + length;
        if (length < 5 * Integer.BYTES) {
            throw badCredential(xid, "AUTH_SYS body of " + length + " bytes is shorter than its fixed fields");
        }
        xdr.xdrDecodeInt(); // stamp: meaningless to the server
        int machineLength = xdr.xdrDecodeInt();
        if (machineLength < 0 || machineLength > MAX_MACHINE_NAME_BYTES
                || record.position() + XdrLimits.padded(machineLength) + 3 * Integer.BYTES > end) {
            throw badCredential(xid, "AUTH_SYS machine name of " + Integer.toUnsignedString(machineLength)
                    + " bytes (limit " + MAX_MACHINE_NAME_BYTES + ", body " + length + " bytes)");
        }
        record.position(record.position() + XdrLimits.padded(machineLength));
        int uid = xdr.xdrDecodeInt();
        int gid = xdr.xdrDecodeInt();
        int count = xdr.xdrDecodeInt();
        if (count < 0 || count > AuthCredential.MAX_GIDS || record.position() + count * Integer.BYTES != end) {
            throw badCredential(xid, "AUTH_SYS with " + Integer.toUnsignedString(count) + " gids (limit "
                    + AuthCredential.MAX_GIDS + ") does not fill its body of " + length + " bytes");
        }
        int[] gids = new int[count];
        for (int i = 0; i < count; i++) {
            gids[i] = xdr.xdrDecodeInt();
        }
        return new AuthCredential(AuthCredential.AUTH_SYS, uid, gid, gids);
    }

    private static void verifier(Xdr xdr, int xid) throws IOException {
        int flavor = xdr.xdrDecodeInt();
        int length = xdr.xdrDecodeInt();
        if (flavor != AuthCredential.AUTH_NONE || length != 0) {
            throw new RejectedCallException(xid, RejectedCallException.Kind.AUTH_ERROR, RpcAuthStat.AUTH_BADVERF,
                    "verifier of flavor " + Integer.toUnsignedString(flavor) + " with " + Integer.toUnsignedString(length)
                            + " bytes; only an empty AUTH_NONE verifier is accepted");
        }
    }

    private static RejectedCallException badCredential(int xid, String message) {
        return new RejectedCallException(xid, RejectedCallException.Kind.AUTH_ERROR, RpcAuthStat.AUTH_BADCRED, message);
    }
}
