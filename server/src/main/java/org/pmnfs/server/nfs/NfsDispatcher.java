package org.pmnfs.server.nfs;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.rpc.LogThrottle;
import org.pmnfs.server.rpc.RpcRequest;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NfsStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place NFS errors become replies: an {@link NfsException} becomes its own status, any
 * other IOException NFS3ERR_IO and a runtime exception NFS3ERR_SERVERFAULT, each answered with the
 * procedure's failure reply. Server faults are logged at ERROR with their stack, refused requests,
 * malformed handles and a full store at WARN (a full store at most once a second), everyday
 * outcomes (NOENT, EXIST, ...) at DEBUG.
 */
final class NfsDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NfsDispatcher.class);

    private final NfsContext context;
    /** NOSPC and DQUOT come in floods once a store is full. */
    private final LogThrottle<NfsStatus> fullStore = new LogThrottle<>(TimeUnit.SECONDS.toNanos(1), System::nanoTime);

    NfsDispatcher(NfsContext context) {
        this.context = context;
    }

    /** Decodes (letting GARBAGE_ARGS escape to the RPC layer), runs and replies. */
    <A extends XdrAble> void dispatch(NfsProcedure<A> procedure, RpcRequest request) throws IOException {
        A args = request.decode(procedure.newArgs());
        NfsCall call = new NfsCall(context, request, procedure.modifies());
        XdrAble reply;
        NfsStatus status = null;
        try {
            reply = procedure.run(call, args);
        } catch (ExportRefusedException e) {
            LOG.warn("NFS3ERR_{}: {}", e.status(), e.getMessage());
            status = e.status();
            reply = procedure.failure(call, args, status);
        } catch (NfsException e) {
            log(e);
            status = e.status();
            reply = procedure.failure(call, args, status);
        } catch (IOException e) {
            LOG.error("NFS3ERR_IO: {} failed in the backend", procedure.name(), e);
            status = NfsStatus.IO;
            reply = procedure.failure(call, args, status);
        } catch (RuntimeException e) {
            LOG.error("NFS3ERR_SERVERFAULT: {} failed", procedure.name(), e);
            status = NfsStatus.SERVERFAULT;
            reply = procedure.failure(call, args, status);
        }
        if (status != null) {
            request.failedWith(status.name());
        }
        if (reply instanceof Prefilled p) {
            request.reply(p.body(), p.target());
        } else {
            request.reply(reply);
        }
    }

    private void log(NfsException e) {
        switch (e.status()) {
            case IO, SERVERFAULT -> LOG.error("NFS3ERR_{}: {}", e.status(), e.getMessage(), e.getCause());
            // Malformed requests, which an operator needs to hear about.
            case BADHANDLE, BADTYPE, NOTSUPP -> LOG.warn("NFS3ERR_{}: {}", e.status(), e.getMessage());
            // A full store, which an operator needs to hear about, but not once per WRITE.
            case NOSPC, DQUOT -> logFullStore(e);
            default -> LOG.debug("NFS3ERR_{}: {}", e.status(), e.getMessage());
        }
    }

    private void logFullStore(NfsException e) {
        long held = fullStore.admit(e.status());
        if (held == LogThrottle.HOLD) {
            LOG.debug("NFS3ERR_{}: {}", e.status(), e.getMessage());
        } else if (held == 0) {
            LOG.warn("NFS3ERR_{}: {}", e.status(), e.getMessage());
        } else {
            LOG.warn("NFS3ERR_{}: {} ({} more like it since the last such line)", e.status(), e.getMessage(), held);
        }
    }
}
