package org.pmnfs.server.rpc;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dcache.oncrpc4j.rpc.IoStrategy;
import org.dcache.oncrpc4j.rpc.OncRpcClient;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeNone;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeUnix;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.dcache.oncrpc4j.xdr.XdrAble;

/**
 * Makes one ONC RPC call as a client and waits for its reply, with oncrpc4j's client: for the few
 * calls the server itself makes (portmap lookups, NLM GRANTED and NSM callbacks, the admin
 * command). Each call has its own short-lived connection, a deadline, and optionally a privileged
 * source port (below 1024, which needs root), which Linux lockd demands of the NSM callback
 * ({@code nlm_privileged_requester}, fs/lockd). Blocks the calling thread: call it from a virtual
 * thread, never from a worker or network thread.
 */
public final class RpcCaller {

    /** Privileged ports tried from the top down, as glibc's bindresvport picks them (512..1023). */
    private static final int RESERVED_HIGH = 1023;
    private static final int RESERVED_LOW = 512;

    /** How to call: the deadline, whether to send from a privileged port, and the credential. */
    public record Options(Duration timeout, boolean reservedPort, RpcAuth credential) {

        public Options {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(credential, "credential");
        }

        /** AUTH_NONE from any port. */
        public static Options within(Duration timeout) {
            return new Options(timeout, false, new RpcAuthTypeNone());
        }

        /** The same, from a privileged port and with AUTH_SYS as root (what kernel services expect of local callers). */
        public Options privileged() {
            return new Options(timeout, true, new RpcAuthTypeUnix(0, 0, new int[0], (int) (System.nanoTime() >>> 10), "pmnfs"));
        }
    }

    private RpcCaller() {}

    /**
     * Calls {@code procedure} of {@code program} {@code version} at {@code server} over TCP or UDP
     * and decodes the reply into {@code result}. An error reply (PROG_UNAVAIL, PROG_MISMATCH,
     * denied...) or no reply by the deadline is an IOException saying which.
     */
    public static void call(InetSocketAddress server, boolean tcp, int program, int version, int procedure,
                            XdrAble args, XdrAble result, Options options) throws IOException {
        long millis = Math.max(1, options.timeout().toMillis());
        try (Connection c = connect(server, tcp, options.reservedPort(), millis)) {
            RpcCall call = new RpcCall(program, version, options.credential(), c.transport());
            call.call(procedure, args, result, millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no reply from " + describe(server, tcp) + " to program " + program + " v" + version
                    + " procedure " + procedure + " within " + millis + " ms");
        } catch (IOException e) {
            throw new IOException(describe(server, tcp) + " program " + program + " v" + version + " procedure "
                    + procedure + ": " + e, e);
        }
    }

    /** A client and its connected transport, closed together. */
    private record Connection(OncRpcClient client, RpcTransport transport) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    private static Connection connect(InetSocketAddress server, boolean tcp, boolean reserved, long millis) throws IOException {
        if (!reserved) {
            return open(builder(tcp, 0, millis).build(server), millis);
        }
        IOException last = null;
        for (int port = RESERVED_HIGH; port >= RESERVED_LOW; port--) {
            try {
                return open(builder(tcp, port, millis).build(server), millis);
            } catch (IOException e) {
                if (!isBindFailure(e)) {
                    throw e;
                }
                last = e;
                if (String.valueOf(e.getMessage()).contains("Permission denied")) {
                    break; // not root: no privileged port will do
                }
            }
        }
        throw new IOException("no privileged source port (" + RESERVED_LOW + ".." + RESERVED_HIGH
                + ") could be bound; callbacks to local kernel services need root", last);
    }

    private static Connection open(OncRpcClient client, long millis) throws IOException {
        try {
            return new Connection(client, client.connect(millis, TimeUnit.MILLISECONDS));
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** A port in use, or one we may not bind (not root): try the next, or give up. */
    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static OncRpcClient.OncRpcClientBuilder builder(boolean tcp, int localPort, long millis) {
        OncRpcClient.OncRpcClientBuilder b = OncRpcClient.newBuilder()
                .withIoStrategy(IoStrategy.SAME_THREAD)
                .withSelectorThreadPoolSize(1)
                .withServiceName("pmnfs-rpc-client")
                .withConnectTimeout(millis, TimeUnit.MILLISECONDS);
        if (localPort != 0) {
            b.withLocalPort(localPort);
        }
        return tcp ? b.withTCP() : b.withUDP();
    }

    private static String describe(InetSocketAddress server, boolean tcp) {
        return server.getAddress().getHostAddress() + ":" + server.getPort() + (tcp ? "/tcp" : "/udp");
    }
}
