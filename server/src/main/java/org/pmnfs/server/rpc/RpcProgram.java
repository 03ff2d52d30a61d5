package org.pmnfs.server.rpc;

import java.io.IOException;

/**
 * One ONC RPC program that {@link RpcServer} dispatches calls to (RFC 5531 section 9): its number,
 * the range of versions it speaks, the procedures each version has, and how a call is served.
 */
public interface RpcProgram {

    /** The program number, e.g. 100003 for NFS. */
    int number();

    /** The lowest version served; calls for other versions get PROG_MISMATCH(low, high). */
    int lowVersion();

    /** The highest version served. */
    int highVersion();

    /**
     * The name of {@code procedure} in {@code version} for logs (e.g. "NFS3.READ"), or null when that
     * version has no such procedure (the server answers PROC_UNAVAIL without calling {@link #serve}).
     */
    String procedureName(int version, int procedure);

    /**
     * Serves one call whose version and procedure exist. The program replies through
     * {@link RpcRequest#reply}. Undecodable arguments are reported by throwing
     * {@link GarbageArgsException} (or letting oncrpc4j's {@code BadXdrOncRpcException} escape):
     * the server answers GARBAGE_ARGS. Anything else thrown is a server fault (SYSTEM_ERR, logged
     * at ERROR).
     */
    void serve(RpcRequest request) throws IOException;

    /**
     * Whether running {@code procedure} of {@code version} twice can give another outcome than
     * running it once (REMOVE, RENAME, ...). The replies of such calls are kept for
     * retransmissions ({@link ReplyCache}). Called only for a version and procedure that exist.
     * Default: false.
     */
    default boolean nonIdempotent(int version, int procedure) {
        return false;
    }

    /**
     * Whether the network thread may serve this call itself ({@link InlineServing}). Called only
     * for a version and procedure that exist; must not consume {@link RpcRequest#arguments()}
     * (peek at {@link RpcRequest#argumentBuffer()} with absolute reads). Default: never, always a
     * worker.
     */
    default InlineServing inline(RpcRequest request) {
        return InlineServing.NEVER;
    }
}
