package org.pmnfs.server.nlm;

import java.io.IOException;
import java.util.function.Predicate;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.pmnfs.server.nlm.xdr.admin_text;
import org.pmnfs.server.rpc.GarbageArgsException;
import org.pmnfs.server.rpc.RpcProgram;
import org.pmnfs.server.rpc.RpcRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pmnfs's own program for {@code pmnfs locks}, on the NFS port (a number in the range RFC 5531
 * leaves to users): LIST returns the lock report as text; RELEASE drops every lock, share and
 * waiter of a host (its name or address) and forgets it for recovery, as an administrator does
 * for a client that will never come back. Only callers on this machine may list, and only from a
 * privileged port (root) may they release.
 */
public final class LocksAdminProgram implements RpcProgram {

    private static final Logger LOG = LoggerFactory.getLogger(LocksAdminProgram.class);

    public static final int PROGRAM = 0x2050_4d4e;
    public static final int VERSION = 1;
    public static final int NULL = 0, LIST = 1, RELEASE = 2;
    private static final int MAX_PRIVILEGED_PORT = 1023;
    private static final int MAX_HOST_BYTES = 1024;

    /** The facts the report and a release need, from the running server. */
    public interface Locks {
        String report();

        /** Releases the hosts selected; how many entries went. */
        int release(Predicate<ClientHost> which) throws IOException;
    }

    private final Locks locks;

    public LocksAdminProgram(Locks locks) {
        this.locks = locks;
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
        return switch (procedure) {
            case NULL -> "LOCKS.NULL";
            case LIST -> "LOCKS.LIST";
            case RELEASE -> "LOCKS.RELEASE";
            default -> null;
        };
    }

    @Override
    public void serve(RpcRequest r) throws IOException {
        switch (r.procedure()) {
            case NULL -> r.reply(XdrVoid.XDR_VOID);
            case LIST -> r.reply(new admin_text(local(r) ? locks.report() : "refused: only callers on the pmnfs machine may list locks\n"));
            case RELEASE -> {
                admin_text host = r.decode(new admin_text());
                if (host.text.isEmpty() || host.text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_HOST_BYTES) {
                    throw new GarbageArgsException("host name of " + host.text.length() + " characters");
                }
                r.reply(new admin_text(release(r, host.text)));
            }
            default -> throw new IllegalStateException("procedure " + r.procedure() + " passed procedureName");
        }
    }

    private String release(RpcRequest r, String host) throws IOException {
        if (!local(r) || r.client().getPort() > MAX_PRIVILEGED_PORT) {
            LOG.warn("refused to release the locks of {} for {}: only root on the pmnfs machine may", host, r.client());
            return "refused: only root on the pmnfs machine may release locks (the request came from "
                    + r.client().getAddress().getHostAddress() + " port " + r.client().getPort() + ")\n";
        }
        int n = locks.release(h -> h.isNamed(host));
        LOG.info("pmnfs locks --release {}: {} lock(s), share(s) and waiter(s) released", host, n);
        return n == 0 ? "no locks, shares or waiting requests of " + host + " (it is forgotten for recovery, if it was recorded)\n"
                : "released " + n + " lock(s), share(s) and waiting request(s) of " + host + "\n";
    }

    private static boolean local(RpcRequest r) {
        return r.client().getAddress().isLoopbackAddress();
    }
}
