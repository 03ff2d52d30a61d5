package org.pmnfs.server.nfs;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.pmnfs.server.exports.Export;
import org.pmnfs.server.exports.ExportOptions;
import org.pmnfs.server.rpc.AuthCredential;
import org.pmnfs.server.rpc.RpcRequest;
import org.pmnfs.vfs.Credentials;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StaleException;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.XDevException;

/**
 * One NFS request in progress: turns wire handles into backend handles while enforcing the export
 * rules (client listed, privileged port for {@code secure}, ROFS for changes to read-only exports),
 * maps the caller to {@link Credentials} after squashing, and remembers the attributes fetched
 * for permission checks so the failure reply can reuse them instead of asking again.
 */
final class NfsCall {

    private final NfsContext context;
    private final RpcRequest request;
    private final boolean modifies;

    private Export export;
    private ExportOptions options;
    private Credentials credentials;

    /** Two remembered (handle, attributes) pairs: enough for RENAME's two directories. */
    private FileHandle memoHandle0;
    private FileAttributes memoAttributes0;
    private FileHandle memoHandle1;
    private FileAttributes memoAttributes1;

    NfsCall(NfsContext context, RpcRequest request, boolean modifies) {
        this.context = context;
        this.request = request;
        this.modifies = modifies;
    }

    FileSystemBackend backend() {
        return context.backend();
    }

    NfsContext context() {
        return context;
    }

    RpcRequest request() {
        return request;
    }

    /**
     * The backend handle inside {@code wire}, after checking the export it names lets this client
     * make this call. A second handle in the same call must name the same export (XDEV otherwise,
     * as for RENAME or LINK across Linux mounts).
     */
    FileHandle handle(byte[] wire) throws NfsException {
        int id = WireHandle.exportId(wire);
        if (export == null) {
            admit(id);
        } else if (export.id() != id) {
            throw new XDevException("handles of two exports (" + export.path() + " and id " + Integer.toHexString(id) + ")");
        }
        return WireHandle.backendHandle(wire);
    }

    private void admit(int exportId) throws NfsException {
        Export e = context.exports().get().byId(exportId).orElseThrow(() -> new StaleException(
                "handle names export id " + Integer.toHexString(exportId) + ", which is not exported (any more)"));
        InetSocketAddress client = request.client();
        ExportOptions o = e.optionsFor(client.getAddress()).orElseThrow(() -> new ExportRefusedException(NfsStatus.ACCES,
                "client " + client.getAddress().getHostAddress() + " is not allowed by export " + e.path()));
        if (!o.permitsPort(client.getPort())) {
            throw new ExportRefusedException(NfsStatus.ACCES, "export " + e.path() + " is secure but the request came from port "
                    + client.getPort() + " (above " + ExportOptions.MAX_SECURE_PORT + "); mount with a privileged port or export with insecure");
        }
        if (modifies && o.readOnly()) {
            throw new ExportRefusedException(NfsStatus.ROFS, "export " + e.path() + " is read-only for this client");
        }
        export = e;
        options = o;
        AuthCredential auth = request.credential();
        credentials = auth.isAuthSys()
                ? o.credentialsFor(auth.uid(), auth.gid(), auth.gids())
                : new Credentials(o.anonUid(), o.anonGid(), new int[0]);
    }

    /** The wire form of a backend handle, in the export this call came through. */
    byte[] wire(FileHandle handle) {
        return WireHandle.encode(export.id(), handle);
    }

    /** The export of the call's handles (set by the first {@link #handle}). */
    Export export() {
        return export;
    }

    boolean readOnly() {
        return options.readOnly();
    }

    /** The caller after squashing (valid after the first {@link #handle}). */
    Credentials credentials() {
        return credentials;
    }

    /** A client-sent name, checked once here: INVAL or NAMETOOLONG. */
    static FileName name(byte[] bytes) throws NfsException {
        return FileName.of(bytes);
    }

    /** The attributes of {@code handle} from the backend, remembered for this call. */
    FileAttributes attributes(FileHandle handle) throws IOException {
        FileAttributes known = known(handle);
        if (known != null) {
            return known;
        }
        FileAttributes a = context.backend().getattr(handle);
        if (memoHandle0 == null) {
            memoHandle0 = handle;
            memoAttributes0 = a;
        } else {
            memoHandle1 = handle;
            memoAttributes1 = a;
        }
        return a;
    }

    /**
     * Replaces the remembered attributes of {@code handle} after this call changed them (a WRITE
     * that cleared set-id bits before failing), so a failure reply does not show the old ones.
     */
    void changed(FileHandle handle, FileAttributes now) {
        if (handle.equals(memoHandle0)) {
            memoAttributes0 = now;
        } else if (handle.equals(memoHandle1)) {
            memoAttributes1 = now;
        }
    }

    /** Attributes fetched earlier in this call, or null. */
    FileAttributes known(FileHandle handle) {
        if (handle.equals(memoHandle0)) {
            return memoAttributes0;
        }
        if (handle.equals(memoHandle1)) {
            return memoAttributes1;
        }
        return null;
    }

    /**
     * For failure replies: the attributes of the object {@code wire} names, if this client may see
     * them and they can be had; null otherwise. Failed calls change nothing (or say what they
     * changed through {@link #changed}), so attributes fetched earlier in the call are still current.
     */
    FileAttributes attributesOrNull(byte[] wire) {
        try {
            FileHandle h = handle(wire);
            FileAttributes known = known(h);
            return known != null ? known : context.backend().getattr(h);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** For failure replies: wcc_data with the object's current attributes as the post-op side. */
    WccData wccOrNone(byte[] wire) {
        return new WccData(null, attributesOrNull(wire));
    }
}
