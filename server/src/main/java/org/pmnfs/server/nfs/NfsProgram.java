package org.pmnfs.server.nfs;

import java.io.IOException;
import org.pmnfs.server.exports.CurrentExports;
import org.pmnfs.server.rpc.InlineServing;
import org.pmnfs.server.rpc.RpcProgram;
import org.pmnfs.server.rpc.RpcRequest;
import org.pmnfs.vfs.FileSystemBackend;

/**
 * NFS version 3 (program 100003, RFC 1813): the 22 procedures, each a small class, dispatched
 * through one {@link NfsDispatcher} that owns error handling.
 */
public final class NfsProgram implements RpcProgram {

    public static final int PROGRAM = 100003;
    public static final int VERSION = 3;

    /** Indexed by procedure number (RFC 1813 section 3.3). */
    private final NfsProcedure<?>[] procedures = {
        new ProcNull(), new ProcGetattr(), new ProcSetattr(), new ProcLookup(), new ProcAccess(), new ProcReadlink(),
        new ProcRead(), new ProcWrite(), new ProcCreate(), new ProcMkdir(), new ProcSymlink(), new ProcMknod(),
        new ProcRemove(), new ProcRmdir(), new ProcRename(), new ProcLink(), new ProcReaddir(), new ProcReaddirplus(),
        new ProcFsstat(), new ProcFsinfo(), new ProcPathconf(), new ProcCommit(),
    };

    private final NfsDispatcher dispatcher;
    private final TransferCounters transfers = new TransferCounters();
    /** {@link FileSystemBackend#answersFromMemory()}: whether any call may be quick. */
    private final boolean memoryBackend;

    /**
     * @param transferSize the rtmax/wtmax/dtpref advertised in FSINFO and the most a READ or
     *                     READDIR reply carries
     */
    public NfsProgram(FileSystemBackend backend, CurrentExports exports, ExportRoots roots, int transferSize) {
        this.dispatcher = new NfsDispatcher(new NfsContext(backend, exports, roots, transferSize, transfers));
        this.memoryBackend = backend.answersFromMemory();
    }

    /** File data moved by READ and WRITE since start. */
    public TransferCounters transfers() {
        return transfers;
    }

    @Override
    public int number() {
        return PROGRAM;
    }

    @Override
    public int lowVersion() {
        return VERSION;
    }

    @Override
    public int highVersion() {
        return VERSION;
    }

    @Override
    public String procedureName(int version, int procedure) {
        return procedure >= 0 && procedure < procedures.length ? procedures[procedure].name() : null;
    }

    @Override
    public boolean nonIdempotent(int version, int procedure) {
        return procedures[procedure].nonIdempotent();
    }

    /**
     * Reads and UNSTABLE writes on a backend that answers from memory ({@link NfsProcedure#quick}),
     * those moving more than {@link NfsProcedure#LARGE_COPY_BYTES} only when alone on their connection.
     */
    @Override
    public InlineServing inline(RpcRequest request) {
        NfsProcedure<?> p = procedures[request.procedure()];
        if (!memoryBackend || !p.quick(request.argumentBuffer())) {
            return InlineServing.NEVER;
        }
        return p.largeCopy(request.argumentBuffer()) ? InlineServing.WHEN_ALONE : InlineServing.ALWAYS;
    }

    @Override
    public void serve(RpcRequest request) throws IOException {
        dispatcher.dispatch(procedures[request.procedure()], request);
    }
}
