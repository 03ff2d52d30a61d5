package org.pmnfs.server.rpc;

import java.io.IOException;
import java.util.Map;
import org.dcache.oncrpc4j.xdr.BadXdrOncRpcException;
import org.glassfish.grizzly.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one record (on a worker, or on the selector thread for a quick call): decodes the call
 * header, finds the program, version and procedure (PROG_UNAVAIL, PROG_MISMATCH with the supported
 * range, PROC_UNAVAIL), runs it, and turns what escapes into GARBAGE_ARGS or SYSTEM_ERR. Every
 * bad request costs one WARN line, never a stack trace; version probes (PROG_MISMATCH) and the
 * client's probe for NFS_ACL are part of normal negotiation and logged at DEBUG; server faults
 * are logged at ERROR with their stack. Every call passes here, so here its metrics are taken
 * ({@link CallMeters}).
 */
final class CallDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CallDispatcher.class);

    /** The NFS_ACL side program (Linux's nfsacl, used with NFSv3), probed by clients on every mount. */
    static final int NFS_ACL = 100227;

    private final Map<Integer, RpcProgram> programs;
    private final ReplyCache replyCache;
    private final CallMeters meters;

    CallDispatcher(Map<Integer, RpcProgram> programs, ReplyCache replyCache, CallObserver observer) {
        this.programs = Map.copyOf(programs);
        this.replyCache = replyCache;
        this.meters = new CallMeters(this.programs.values(), observer);
    }

    /**
     * The arrival time to give {@link #decode} for a record read now: {@link System#nanoTime}
     * when metrics are taken, 0 (no clock read) when they are not.
     */
    long arrival() {
        return meters.enabled() ? System.nanoTime() : 0;
    }

    /** Decodes and serves {@code record}, which arrived at {@code receivedNanos}, on this (worker) thread. */
    void dispatch(Buffer record, Channel channel, long receivedNanos) {
        RpcRequest request = decode(record, channel, receivedNanos);
        if (request != null) {
            serve(request);
        }
    }

    /**
     * Decodes the call header of {@code record}, which arrived at {@code receivedNanos}
     * ({@link System#nanoTime}); null when the record was answered (a rejected call) or its
     * connection closed (not a call), with one WARN line either way.
     */
    RpcRequest decode(Buffer record, Channel channel, long receivedNanos) {
        RpcMdc.client(channel.label());
        try {
            RpcRequest request = CallDecoder.decode(record, channel);
            request.received(receivedNanos);
            return request;
        } catch (CallDecoder.NotACallException e) {
            LOG.warn("closing connection: {}", e.getMessage());
            channel.closeStream();
            return null;
        } catch (CallDecoder.RejectedCallException e) {
            RpcMdc.xid(e.xid);
            LOG.warn("call rejected ({}): {}", e.kind, e.getMessage());
            meters.observer().unserved(e.kind.name());
            e.reply(channel);
            return null;
        } finally {
            RpcMdc.clear();
        }
    }

    /**
     * Whether the network thread may serve a decoded call, as its program says
     * ({@link RpcProgram#inline}). Anything unusual (no such program, version or procedure; a
     * failing check) goes to the workers, which answer it with the usual error handling.
     */
    InlineServing inline(RpcRequest request) {
        RpcProgram program = programs.get(request.program());
        int version = request.version();
        if (program == null || version < program.lowVersion() || version > program.highVersion()
                || program.procedureName(version, request.procedure()) == null) {
            return InlineServing.NEVER;
        }
        try {
            return program.inline(request);
        } catch (RuntimeException e) {
            LOG.debug("inline check of {} failed, serving it on a worker: {}", request, e.toString());
            return InlineServing.NEVER;
        }
    }

    /** Serves a decoded call on this thread and replies, with the client, xid and procedure in the MDC. */
    void serve(RpcRequest request) {
        RpcMdc.client(request.channelLabel());
        RpcMdc.xid(request.xid());
        try {
            serveCall(request);
        } finally {
            RpcMdc.clear();
        }
    }

    private void serveCall(RpcRequest request) {
        RpcProgram program = programs.get(request.program());
        if (program == null) {
            if (request.program() == NFS_ACL) {
                // The Linux client asks for POSIX ACLs on every NFSv3 mount and goes on without them.
                LOG.debug("PROG_UNAVAIL: program {} (NFS_ACL) is not served here", NFS_ACL);
            } else {
                LOG.warn("PROG_UNAVAIL: program {} is not served here", Integer.toUnsignedString(request.program()));
            }
            meters.observer().unserved("PROG_UNAVAIL");
            request.replyProgramUnavailable();
            return;
        }
        int version = request.version();
        if (version < program.lowVersion() || version > program.highVersion()) {
            // Version probing is how clients negotiate (rpcbind 4, 3, then portmap 2; NFS 4, then 3): expected.
            LOG.debug("PROG_MISMATCH: program {} version {} is not served (versions {} to {})",
                    program.number(), Integer.toUnsignedString(version), program.lowVersion(), program.highVersion());
            meters.observer().unserved("PROG_MISMATCH");
            request.replyProgramMismatch(program.lowVersion(), program.highVersion());
            return;
        }
        String name = program.procedureName(version, request.procedure());
        if (name == null) {
            LOG.warn("PROC_UNAVAIL: program {} version {} has no procedure {}",
                    program.number(), version, Integer.toUnsignedString(request.procedure()));
            meters.observer().unserved("PROC_UNAVAIL");
            request.replyProcedureUnavailable();
            return;
        }
        RpcMdc.procedure(name);
        if (program.nonIdempotent(version, request.procedure())) {
            if (!serveOnce(program, name, request)) {
                meters.observer().replyCacheHit();
                return;
            }
        } else {
            run(program, name, request);
        }
        if (meters.enabled()) {
            meters.of(request.program(), version, request.procedure(), name)
                    .served(System.nanoTime() - request.receivedNanos(), request.failure());
        }
    }

    /**
     * Runs a non-idempotent call unless it is a retransmission, which gets the first call's reply;
     * false for a retransmission (the call did not run).
     */
    private boolean serveOnce(RpcProgram program, String name, RpcRequest request) {
        ReplyCache.Key key = ReplyCache.keyOf(request);
        ReplyCache.Admission admission = replyCache.admit(key);
        ReplyCache.Entry entry = admission.entry();
        if (admission.retransmission()) {
            LOG.debug("retransmission of {}: answered with the first call's reply{}", name,
                    entry.reply().isDone() ? "" : " when that call finishes");
            // On the first call's thread if it still runs: no worker waits for it.
            entry.reply().thenAccept(body -> {
                if (body != null) {
                    request.reply(body);
                }
            });
            return false;
        }
        request.rememberReplyIn(entry);
        try {
            run(program, name, request);
        } finally {
            replyCache.finish(key, entry);
        }
        return true;
    }

    private static void run(RpcProgram program, String name, RpcRequest request) {
        try {
            program.serve(request);
        } catch (GarbageArgsException | BadXdrOncRpcException e) {
            LOG.warn("GARBAGE_ARGS: {}", e.getMessage());
            request.failedWith("GARBAGE_ARGS");
            request.replyGarbageArgs();
        } catch (IOException | RuntimeException e) {
            LOG.error("SYSTEM_ERR: {} failed", name, e);
            request.failedWith("SYSTEM_ERR");
            request.replySystemError();
        }
    }
}
