package org.pmnfs.server.nlm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.pmnfs.server.nlm.xdr.nlm4_res;
import org.pmnfs.server.nlm.xdr.nlm4_testargs;
import org.pmnfs.server.nlm.xdr.nlm4_testres;
import org.pmnfs.server.nsm.xdr.sm_status;
import org.pmnfs.server.nsm.xdr.stat_chge;
import org.pmnfs.server.portmap.mapping;
import org.pmnfs.server.rpc.ConnectionLimits;
import org.pmnfs.server.rpc.RpcProgram;
import org.pmnfs.server.rpc.RpcRequest;
import org.pmnfs.server.rpc.RpcServer;

/**
 * A client machine for the protocol tests, on its own loopback address and one port (TCP and
 * UDP): a portmapper that answers for its lock manager and statd, a lock manager that records
 * the GRANTED callbacks, _RES messages and statd callbacks it gets (answering GRANTED with
 * {@link #grantedAnswer}), and a statd that records SM_NOTIFY.
 */
final class FakeClientMachine implements AutoCloseable {

    /** What came in: the program, version, procedure, decoded arguments and the caller. */
    record Call(int program, int version, int procedure, Object args, InetSocketAddress from) {}

    final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    volatile int grantedAnswer = NlmStatus.GRANTED.code(4);
    /** Whether the portmapper says where the lock manager is (false: callbacks cannot be delivered). */
    volatile boolean lockdRegistered = true;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final RpcServer server;

    FakeClientMachine(InetAddress address) throws IOException {
        server = RpcServer.start(new RpcServer.Settings("fake-client", new InetSocketAddress(address, 0), true, 64 * 1024, 1,
                ConnectionLimits.DEFAULTS), List.of(new Portmap(), new Lockd(), new Statd()), workers);
    }

    InetSocketAddress address() {
        return server.localAddress();
    }

    int port() {
        return server.localAddress().getPort();
    }

    /** The next call of {@code program} and {@code procedure} within 20 s, or null. */
    Call await(int program, int procedure) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            Call c = calls.poll(left, TimeUnit.NANOSECONDS);
            if (c != null && c.program() == program && c.procedure() == procedure) {
                return c;
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.shutdownNow();
        workers.shutdownNow();
    }

    private final class Portmap implements RpcProgram {
        @Override
        public int number() {
            return 100000;
        }

        @Override
        public int lowVersion() {
            return 2;
        }

        @Override
        public int highVersion() {
            return 2;
        }

        @Override
        public String procedureName(int version, int procedure) {
            return procedure == 0 || procedure == 3 ? "FAKE-PMAP" : null;
        }

        @Override
        public void serve(RpcRequest r) throws IOException {
            if (r.procedure() == 0) {
                r.reply(XdrVoid.XDR_VOID);
                return;
            }
            mapping q = r.decode(new mapping());
            boolean known = (q.prog == NlmProgram.PROGRAM && lockdRegistered) || q.prog == 100024;
            r.reply(new XdrInt(known ? port() : 0));
        }
    }

    private final class Lockd implements RpcProgram {
        @Override
        public int number() {
            return NlmProgram.PROGRAM;
        }

        @Override
        public int lowVersion() {
            return 1;
        }

        @Override
        public int highVersion() {
            return 4;
        }

        @Override
        public String procedureName(int version, int procedure) {
            return "FAKE-NLM" + version + "." + procedure;
        }

        @Override
        public void serve(RpcRequest r) throws IOException {
            int v = r.version();
            switch (r.procedure()) {
                case NlmProgram.GRANTED -> {
                    nlm4_testargs a = r.decode(new nlm4_testargs(v));
                    calls.add(new Call(NlmProgram.PROGRAM, v, r.procedure(), a, r.client()));
                    r.reply(new nlm4_res(a.cookie, grantedAnswer));
                }
                case NlmProgram.TEST_RES -> {
                    nlm4_testres a = r.decode(new nlm4_testres(v));
                    calls.add(new Call(NlmProgram.PROGRAM, v, r.procedure(), a, r.client()));
                    r.reply(XdrVoid.XDR_VOID);
                }
                case NlmProgram.LOCK_RES, NlmProgram.CANCEL_RES, NlmProgram.UNLOCK_RES -> {
                    nlm4_res a = r.decode(new nlm4_res());
                    calls.add(new Call(NlmProgram.PROGRAM, v, r.procedure(), a, r.client()));
                    r.reply(XdrVoid.XDR_VOID);
                }
                case 16 -> { // Linux lockd's statd callback
                    sm_status a = r.decode(new sm_status());
                    calls.add(new Call(NlmProgram.PROGRAM, v, r.procedure(), a, r.client()));
                    r.reply(XdrVoid.XDR_VOID);
                }
                default -> r.reply(XdrVoid.XDR_VOID);
            }
        }
    }

    private final class Statd implements RpcProgram {
        @Override
        public int number() {
            return 100024;
        }

        @Override
        public int lowVersion() {
            return 1;
        }

        @Override
        public int highVersion() {
            return 1;
        }

        @Override
        public String procedureName(int version, int procedure) {
            return procedure == 0 || procedure == 6 ? "FAKE-SM." + procedure : null;
        }

        @Override
        public void serve(RpcRequest r) throws IOException {
            if (r.procedure() == 6) {
                stat_chge a = r.decode(new stat_chge());
                calls.add(new Call(100024, 1, 6, a, r.client()));
            }
            r.reply(XdrVoid.XDR_VOID);
        }
    }
}
