package org.pmnfs.server.mount;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.pmnfs.server.exports.Export;
import org.pmnfs.server.exports.ExportOptions;
import org.pmnfs.server.exports.ExportRule;
import org.pmnfs.server.exports.CurrentExports;
import org.pmnfs.server.nfs.ExportRoots;
import org.pmnfs.server.nfs.WireHandle;
import org.pmnfs.server.rpc.AuthCredential;
import org.pmnfs.server.rpc.RpcProgram;
import org.pmnfs.server.rpc.RpcRequest;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.NfsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MOUNT program (100005, RFC 1813 appendix I), on the NFS port. Version 3 serves NULL, MNT,
 * DUMP, UMNT, UMNTALL and EXPORT; versions 1 and 2 (what {@code showmount} speaks) serve the same
 * procedures except MNT, whose v1/v2 form hands out NFSv2 handles this server does not speak.
 */
public final class MountProgram implements RpcProgram {

    private static final Logger LOG = LoggerFactory.getLogger(MountProgram.class);

    public static final int PROGRAM = 100005;
    public static final int LOW_VERSION = 1;
    public static final int VERSION_3 = 3;

    static final int PROC_NULL = 0;
    static final int PROC_MNT = 1;
    static final int PROC_DUMP = 2;
    static final int PROC_UMNT = 3;
    static final int PROC_UMNTALL = 4;
    static final int PROC_EXPORT = 5;

    private static final String[] NAMES = {"NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT"};

    /** Flavors offered by MNT, most preferred first (the client takes the first it supports). */
    private static final int[] FLAVORS = {AuthCredential.AUTH_SYS, AuthCredential.AUTH_NONE};

    private final CurrentExports exports;
    private final ExportRoots roots;
    private final MountTable mounts = new MountTable();

    public MountProgram(CurrentExports exports, ExportRoots roots) {
        this.exports = exports;
        this.roots = roots;
    }

    @Override
    public int number() {
        return PROGRAM;
    }

    @Override
    public int lowVersion() {
        return LOW_VERSION;
    }

    @Override
    public int highVersion() {
        return VERSION_3;
    }

    @Override
    public String procedureName(int version, int procedure) {
        if (procedure < 0 || procedure >= NAMES.length || (procedure == PROC_MNT && version != VERSION_3)) {
            return null;
        }
        return "MOUNT" + version + "." + NAMES[procedure];
    }

    @Override
    public void serve(RpcRequest request) throws IOException {
        String host = request.client().getAddress().getHostAddress();
        switch (request.procedure()) {
            case PROC_NULL -> request.reply(XdrVoid.XDR_VOID);
            case PROC_MNT -> {
                mountres3 result = mount(request, dirpath.decode(request.arguments()));
                if (result.fhs_status != mountres3.MNT3_OK) {
                    request.failedWith(mountres3.statusName(result.fhs_status));
                }
                request.reply(result);
            }
            case PROC_DUMP -> {
                List<mountlist.mountbody> list = new ArrayList<>();
                for (MountTable.Mount m : mounts.list()) {
                    list.add(new mountlist.mountbody(m.host(), m.path()));
                }
                request.reply(new mountlist(list));
            }
            case PROC_UMNT -> {
                String path = MountPaths.normalize(dirpath.decode(request.arguments()));
                mounts.remove(host, path == null ? "" : path);
                LOG.debug("unmounted {}", path);
                request.reply(XdrVoid.XDR_VOID);
            }
            case PROC_UMNTALL -> {
                mounts.removeHost(host);
                request.reply(XdrVoid.XDR_VOID);
            }
            case PROC_EXPORT -> request.reply(exportList());
            default -> throw new IllegalStateException("procedure " + request.procedure() + " passed procedureName");
        }
    }

    private mountres3 mount(RpcRequest request, String requested) {
        InetSocketAddress client = request.client();
        String path = MountPaths.normalize(requested);
        if (path == null) {
            LOG.warn("MNT3ERR_INVAL: '{}' is not an absolute path without '.' or '..' components", requested);
            return mountres3.fail(mountres3.MNT3ERR_INVAL);
        }
        Optional<Export> found = MountPaths.exportContaining(exports.get(), path);
        if (found.isEmpty()) {
            LOG.warn("MNT3ERR_ACCES: {} is not exported", path);
            return mountres3.fail(mountres3.MNT3ERR_ACCES);
        }
        Export export = found.get();
        Optional<ExportOptions> options = export.optionsFor(client.getAddress());
        if (options.isEmpty()) {
            LOG.warn("MNT3ERR_ACCES: export {} does not allow client {}", export.path(), client.getAddress().getHostAddress());
            return mountres3.fail(mountres3.MNT3ERR_ACCES);
        }
        if (!options.get().permitsPort(client.getPort())) {
            LOG.warn("MNT3ERR_ACCES: export {} is secure but the request came from port {}; mount as root or export with insecure",
                    export.path(), client.getPort());
            return mountres3.fail(mountres3.MNT3ERR_ACCES);
        }
        try {
            FileHandle handle = roots.resolve(path);
            if (path.equals(export.path())) {
                roots.remember(export, handle);
            }
            mounts.add(client.getAddress().getHostAddress(), path);
            LOG.info("mounted {} (export {})", path, export.path());
            return mountres3.ok(WireHandle.encode(export.id(), handle), FLAVORS);
        } catch (NfsException e) {
            LOG.warn("MNT failed for {}: {}", path, e.toString());
            return mountres3.fail(MountPaths.mountStatus(e.status()));
        } catch (IOException e) {
            LOG.error("MNT3ERR_IO: resolving {} failed in the backend", path, e);
            return mountres3.fail(mountres3.MNT3ERR_IO);
        }
    }

    private exports exportList() {
        List<exports.exportnode> nodes = new ArrayList<>();
        for (Export e : exports.get().exports()) {
            List<String> groups = new ArrayList<>();
            for (ExportRule r : e.rules()) {
                groups.add(r.client().spec());
            }
            nodes.add(new exports.exportnode(e.path(), groups));
        }
        return new exports(nodes);
    }
}
