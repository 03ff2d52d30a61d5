package org.pmnfs.server.nlm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.pmnfs.server.nlm.xdr.nlm4_res;
import org.pmnfs.server.nlm.xdr.nlm4_testargs;
import org.pmnfs.server.portmap.mapping;
import org.pmnfs.server.rpc.RpcCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls the lock manager makes to clients, each on its own virtual thread so that no worker
 * ever waits for a client: GRANTED when a blocked request was granted (retried for a while; the
 * client's answer confirms the grant or gives it back), and the _RES message answering a _MSG
 * request. A callback that cannot be delivered (the client's lockd is not reachable, e.g. behind
 * a NAT) costs nothing but a log line: the grant stays, and the client finds it when it asks
 * again (Linux asks every 30 s, fs/lockd/clntproc.c NLMCLNT_POLL_TIMEOUT).
 */
public final class NlmCallbacks implements LockManager.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(NlmCallbacks.class);

    /** When GRANTED is tried, from the grant: at once, then backing off, for about a minute and a half. */
    static final List<Duration> GRANTED_ATTEMPTS = List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40));
    /** One callback call: a lockd answers at once when it answers. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** Callbacks in flight at most; more grants wait for the clients to ask again. */
    static final int MAX_IN_FLIGHT = 64;

    static final int PROC_GRANTED = 5;

    private final PeerLocator peers;
    private final Supplier<LockManager> manager;
    private final String ourName;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final ThreadFactory threads = Thread.ofVirtual().name("pmnfs-nlm-callback-", 1).factory();
    private final AtomicLong cookies = new AtomicLong(System.nanoTime());
    private volatile boolean closed;

    /** {@code manager} is asked lazily: the manager needs this listener to be built. */
    public NlmCallbacks(PeerLocator peers, Supplier<LockManager> manager, String ourName) {
        this.peers = peers;
        this.manager = manager;
        this.ourName = ourName;
    }

    @Override
    public void granted(Grant grant) {
        if (closed) {
            return;
        }
        if (!inFlight.tryAcquire()) {
            LOG.warn("{} GRANTED callbacks in flight: {} is not called back; it finds its lock when it asks again",
                    MAX_IN_FLIGHT, grant.owner().host());
            return;
        }
        threads.newThread(() -> {
            try {
                deliver(grant);
            } finally {
                inFlight.release();
            }
        }).start();
    }

    /** Stops starting callbacks (those running end by their deadlines). */
    public void close() {
        closed = true;
    }

    private void deliver(Grant g) {
        long start = System.nanoTime();
        for (Duration at : GRANTED_ATTEMPTS) {
            long wait = at.toNanos() - (System.nanoTime() - start);
            if (wait > 0 && !sleep(wait)) {
                return;
            }
            if (closed || !manager.get().unconfirmed(g)) {
                return; // the client asked again, cancelled or unlocked meanwhile
            }
            nlm4_res res = new nlm4_res();
            InetAddress to = call(g.owner().host(), g.callback().version(), g.callback().tcp(), PROC_GRANTED, grantedArgs(g), res);
            if (to == null) {
                continue;
            }
            NlmStatus s = NlmStatus.of(res.stat);
            if (s == NlmStatus.GRANTED || s == NlmStatus.DENIED) {
                LOG.debug("GRANTED {} to {} at {}: {}", g.range(), g.owner(), to.getHostAddress(), s);
                manager.get().callbackAnswered(g, s == NlmStatus.GRANTED);
                return;
            }
            LOG.debug("GRANTED {} to {}: it answered {}; trying again later", g.range(), g.owner(), s);
        }
        LOG.info("cannot call back {} to tell it that its lock on {} was granted (no lock manager answers at its "
                + "address or its name's); the lock stays granted and the client gets it when it asks again",
                g.owner().host(), g.range());
    }

    /**
     * Sends the result of a _MSG request as the matching _RES message ({@code procedure}), once.
     * Called on the worker that served the _MSG: the call itself runs on a virtual thread.
     */
    public void sendResult(ClientHost host, int version, boolean tcp, int procedure, XdrAble result) {
        if (closed) {
            return;
        }
        threads.newThread(() -> {
            if (call(host, version, tcp, procedure, result, XdrVoid.XDR_VOID) == null) {
                LOG.info("cannot send NLM procedure {} (a _RES message) to {}: no lock manager answers", procedure, host);
            }
        }).start();
    }

    /**
     * Calls {@code procedure} of the client's NLM at the first of its addresses where one is
     * registered; returns that address, or null when none answered.
     */
    private InetAddress call(ClientHost host, int version, boolean tcp, int procedure, XdrAble args, XdrAble result) {
        int prot = tcp ? mapping.IPPROTO_TCP : mapping.IPPROTO_UDP;
        for (InetAddress a : peers.addresses(host)) {
            int port = peers.port(a, NlmProgram.PROGRAM, version, prot);
            if (port == 0) {
                continue;
            }
            try {
                RpcCaller.call(new InetSocketAddress(a, port), tcp, NlmProgram.PROGRAM, version, procedure, args, result,
                        RpcCaller.Options.within(CALL_TIMEOUT));
                return a;
            } catch (IOException e) {
                LOG.debug("NLM procedure {} to {} at {}:{} failed: {}", procedure, host, a.getHostAddress(), port, e.getMessage());
            }
        }
        return null;
    }

    private nlm4_testargs grantedArgs(Grant g) {
        nlm4_testargs a = new nlm4_testargs(g.callback().version());
        a.cookie = ByteBuffer.allocate(8).putLong(cookies.incrementAndGet()).array();
        a.exclusive = g.exclusive();
        a.alock.callerName = ourName;
        a.alock.fh = g.callback().wireHandle();
        a.alock.oh = g.owner().handle();
        a.alock.svid = g.owner().svid();
        a.alock.offset = g.range().start();
        a.alock.length = g.range().length();
        return a;
    }

    private static boolean sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
