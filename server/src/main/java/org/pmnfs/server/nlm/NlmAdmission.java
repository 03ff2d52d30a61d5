package org.pmnfs.server.nlm;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.pmnfs.server.exports.Export;
import org.pmnfs.server.exports.ExportOptions;
import org.pmnfs.server.exports.CurrentExports;
import org.pmnfs.server.nfs.WireHandle;
import org.pmnfs.server.rpc.AuthCredential;
import org.pmnfs.server.rpc.RpcRequest;
import org.pmnfs.vfs.BadHandleException;
import org.pmnfs.vfs.Credentials;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.Permissions;
import org.pmnfs.vfs.StaleException;

/**
 * The checks Linux nfsd makes before its lockd touches a file (fs/nfsd/lockd.c nlm_fopen): the
 * handle is one of an export this client may use (from a privileged port if the export is
 * {@code secure}); an exclusive lock or a share for writing needs a read-write export and write
 * permission (owner, or the mode bits, after squashing), a shared one read permission; and a
 * handle whose object is gone is STALE_FH. Unlocking and cancelling need only the export rules.
 */
final class NlmAdmission {

    private final CurrentExports exports;
    private final FileSystemBackend backend;

    NlmAdmission(CurrentExports exports, FileSystemBackend backend) {
        this.exports = exports;
        this.backend = backend;
    }

    /** The backend handle of {@code wire} for a request that only releases (UNLOCK, CANCEL, UNSHARE). */
    FileHandle forRelease(RpcRequest request, byte[] wire) throws NlmRefusedException {
        return admit(request, wire).handle;
    }

    /**
     * The backend handle of {@code wire} for a request that takes something: checks the object
     * and the caller's permission to read ({@code write} false) or write it.
     */
    FileHandle forTaking(RpcRequest request, byte[] wire, boolean write) throws NlmRefusedException {
        Admitted a = admit(request, wire);
        if (write && a.options.readOnly()) {
            throw new NlmRefusedException(NlmStatus.ROFS, "export " + a.export.path() + " is read-only for this client");
        }
        FileAttributes attrs;
        try {
            attrs = backend.getattr(a.handle);
        } catch (StaleException | BadHandleException e) {
            throw new NlmRefusedException(NlmStatus.STALE_FH, "the file is gone: " + e.getMessage());
        } catch (IOException e) {
            throw new NlmRefusedException(NlmStatus.FAILED, "cannot read the file's attributes: " + e.getMessage());
        }
        Credentials who = a.credentials;
        int need = write ? Permissions.write() : Permissions.read();
        if (!who.isRoot() && who.uid() != attrs.uid() && (Permissions.rwx(attrs, who) & need) == 0) {
            throw new NlmRefusedException(NlmStatus.DENIED, who + " may not " + (write ? "write" : "read") + " file "
                    + attrs.fileId() + " (mode 0" + Integer.toOctalString(attrs.mode()) + "), so may not lock it that way");
        }
        return a.handle;
    }

    private record Admitted(Export export, ExportOptions options, Credentials credentials, FileHandle handle) {}

    private Admitted admit(RpcRequest request, byte[] wire) throws NlmRefusedException {
        int id;
        try {
            id = WireHandle.exportId(wire);
        } catch (BadHandleException e) {
            throw new NlmRefusedException(NlmStatus.STALE_FH, e.getMessage());
        }
        Export e = exports.get().byId(id).orElseThrow(() -> new NlmRefusedException(NlmStatus.STALE_FH,
                "the handle names export id " + Integer.toHexString(id) + ", which is not exported (any more)"));
        InetSocketAddress client = request.client();
        ExportOptions o = e.optionsFor(client.getAddress()).orElseThrow(() -> new NlmRefusedException(NlmStatus.FAILED,
                "client " + client.getAddress().getHostAddress() + " is not allowed by export " + e.path()));
        if (!o.permitsPort(client.getPort())) {
            throw new NlmRefusedException(NlmStatus.FAILED, "export " + e.path() + " is secure but the request came from port "
                    + client.getPort());
        }
        AuthCredential auth = request.credential();
        Credentials who = auth.isAuthSys() ? o.credentialsFor(auth.uid(), auth.gid(), auth.gids())
                : new Credentials(o.anonUid(), o.anonGid(), new int[0]);
        return new Admitted(e, o, who, WireHandle.backendHandle(wire));
    }
}
