package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.vfs.NfsStatus;

/**
 * One NFSv3 procedure (RFC 1813 section 3.3): its arguments, the backend calls that serve it and
 * the reply. Error handling belongs to {@link NfsDispatcher}: {@link #run} throws, and
 * {@link #failure} builds the error reply with whatever attributes can still be had.
 *
 * @param <A> the decoded arguments
 */
interface NfsProcedure<A extends XdrAble> {

    /** The procedure's name for logs, e.g. "NFS3.READ". */
    String name();

    /** True for procedures that change the file system (refused with ROFS on a read-only export). */
    boolean modifies();

    /**
     * Whether running a call twice can give another outcome than running it once, so its reply is
     * kept for a retransmission. Default: whether it {@link #modifies}; WRITE and COMMIT override
     * it, since doing them twice leaves what doing them once leaves.
     */
    default boolean nonIdempotent() {
        return modifies();
    }

    /**
     * Whether a call of this procedure only reads or updates memory when the backend answers from
     * memory ({@link org.pmnfs.vfs.FileSystemBackend#answersFromMemory}), so the network thread may
     * serve it ({@link org.pmnfs.server.rpc.RpcProgram#inline}). {@code arguments} is positioned at
     * the undecoded arguments and must not be moved. Default: false.
     */
    default boolean quick(Buffer arguments) {
        return false;
    }

    /**
     * Whether a quick call moves more than {@link #LARGE_COPY_BYTES}, or its size cannot be read
     * (arguments positioned as for {@link #quick}). Default: false.
     */
    default boolean largeCopy(Buffer arguments) {
        return false;
    }

    /**
     * Past this a READ or WRITE is a large copy: 64 KiB take a few microseconds, 1 MiB a hundred
     * or more, which is better spent on a worker beside the network thread's other calls than in
     * front of them.
     */
    int LARGE_COPY_BYTES = 64 * 1024;

    /** An empty arguments object to decode into. */
    A newArgs();

    /** Serves the call and returns the success reply. */
    XdrAble run(NfsCall call, A args) throws IOException;

    /**
     * The reply for a failure with {@code status}, with the post-operation attributes (and wcc_data)
     * the procedure owes, obtained best-effort. Must not throw.
     */
    XdrAble failure(NfsCall call, A args, NfsStatus status);
}
