package org.pmnfs.server.rpc;

import java.io.IOException;
import java.util.Map;
import org.dcache.oncrpc4j.xdr.BadXdrOncRpcException;
import org.glassfish.grizzly.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one record on a worker thread: decodes the call header, finds the program, version and
 * procedure (PROG_UNAVAIL, PROG_MISMATCH with the supported range, PROC_UNAVAIL), runs it, and turns
 * what escapes into GARBAGE_ARGS or SYSTEM_ERR. Every bad request costs one WARN line, never a
 * stack trace; version probes (PROG_MISMATCH) are part of normal negotiation and logged at DEBUG;
 * server faults are logged at ERROR with their stack.
 */
final class CallDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CallDispatcher.class);

    private final Map<Integer, RpcProgram> programs;

    CallDispatcher(Map<Integer, RpcProgram> programs) {
        this.programs = Map.copyOf(programs);
    }

    void dispatch(Buffer record, Channel channel) {
        RpcMdc.client(channel.label());
        try {
            RpcRequest request;
            try {
                request = CallDecoder.decode(record, channel);
            } catch (CallDecoder.NotACallException e) {
                LOG.warn("closing connection: {}", e.getMessage());
                channel.closeStream();
                return;
            } catch (CallDecoder.RejectedCallException e) {
                RpcMdc.xid(e.xid);
                LOG.warn("call rejected ({}): {}", e.kind, e.getMessage());
                e.reply(channel);
                return;
            }
            RpcMdc.xid(request.xid());
            serve(request);
        } finally {
            RpcMdc.clear();
            channel.callFinished();
        }
    }

    private void serve(RpcRequest request) {
        RpcProgram program = programs.get(request.program());
        if (program == null) {
            LOG.warn("PROG_UNAVAIL: program {} is not served here", Integer.toUnsignedString(request.program()));
            request.replyProgramUnavailable();
            return;
        }
        int version = request.version();
        if (version < program.lowVersion() || version > program.highVersion()) {
            // Version probing is how clients negotiate (rpcbind 4, 3, then portmap 2; NFS 4, then 3): expected.
            LOG.debug("PROG_MISMATCH: program {} version {} is not served (versions {} to {})",
                    program.number(), Integer.toUnsignedString(version), program.lowVersion(), program.highVersion());
            request.replyProgramMismatch(program.lowVersion(), program.highVersion());
            return;
        }
        String name = program.procedureName(version, request.procedure());
        if (name == null) {
            LOG.warn("PROC_UNAVAIL: program {} version {} has no procedure {}",
                    program.number(), version, Integer.toUnsignedString(request.procedure()));
            request.replyProcedureUnavailable();
            return;
        }
        RpcMdc.procedure(name);
        try {
            program.serve(request);
        } catch (GarbageArgsException | BadXdrOncRpcException e) {
            LOG.warn("GARBAGE_ARGS: {}", e.getMessage());
            request.replyGarbageArgs();
        } catch (IOException | RuntimeException e) {
            LOG.error("SYSTEM_ERR: {} failed", name, e);
            request.replySystemError();
        }
    }
}
