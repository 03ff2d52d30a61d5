package org.pmnfs.server.nsm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.pmnfs.server.nlm.ClientHost;
import org.pmnfs.server.nlm.LockManager;
import org.pmnfs.server.nlm.PeerLocator;
import org.pmnfs.server.nsm.xdr.sm_status;
import org.pmnfs.server.nsm.xdr.stat_chge;
import org.pmnfs.server.portmap.mapping;
import org.pmnfs.server.rpc.RpcCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells others about reboots, each on its own virtual thread, as rpc.statd and sm-notify do:
 * after pmnfs restarts, the clients of its previous run (SM_NOTIFY to their statd, which has their
 * lockd reclaim) and the local services watching this server (the kernel's lockd, called back
 * directly); after the machine rebooted, the servers the local services watched; and when a
 * watched host says it rebooted, the local services that watch it. Notifications are retried for
 * up to {@link #GIVE_UP_AFTER}, the time sm-notify tries.
 */
public final class NsmNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(NsmNotifier.class);

    /** sm-notify's NSM_MAX_TIMEOUT: 15 minutes. */
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(15);
    /** Between attempts: doubling from one second, at most a minute. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(1);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    /** The local callbacks are on loopback: a few tries are plenty. */
    static final int LOCAL_ATTEMPTS = 5;

    private final PeerLocator peers;
    private final NsmStore store;
    private final LockManager manager;
    private final String ourName;
    private final ThreadFactory threads = Thread.ofVirtual().name("pmnfs-nsm-notify-", 1).factory();
    private volatile boolean closed;

    public NsmNotifier(PeerLocator peers, NsmStore store, LockManager manager, String ourName) {
        this.peers = peers;
        this.store = store;
        this.manager = manager;
        this.ourName = ourName;
    }

    /**
     * After a start: the clients of the previous run are told to reclaim, the local services
     * watching this server are called back, and if the machine rebooted since the state was
     * written, the servers the local services watched are told and those registrations dropped.
     */
    public void afterRestart(NsmState previous, String bootId, int state) {
        for (ClientHost c : previous.clients()) {
            threads.newThread(() -> notifyClient(c, state)).start();
        }
        boolean rebooted = !bootId.equals(previous.bootId());
        for (Monitor m : previous.monitors()) {
            if (isThisMachine(m.monName())) {
                if (!rebooted) {
                    threads.newThread(() -> callBack(m, state)).start();
                }
            } else if (rebooted) {
                threads.newThread(() -> notifyServer(m.monName(), state)).start();
            }
        }
        if (rebooted && !previous.monitors().isEmpty()) {
            try {
                store.removeMonitors(m -> true); // services of the last boot are gone; they register again
            } catch (IOException e) {
                LOG.error("cannot drop the SM_MON registrations of the previous boot from {}: {}", store.file(), e.toString());
            }
        }
    }

    /** SM_SIMU_CRASH: as after a restart, for the clients and watchers of now. */
    public void simulatedCrash(int state) {
        for (ClientHost c : store.clients()) {
            threads.newThread(() -> notifyClient(c, state)).start();
        }
        for (Monitor m : store.monitors()) {
            if (isThisMachine(m.monName())) {
                threads.newThread(() -> callBack(m, state)).start();
            }
        }
    }

    /**
     * A host said it rebooted (SM_NOTIFY from {@code from}): call back the local services that
     * watch it, matched by name or by the sender's address as rpc.statd does
     * (utils/statd/callback.c); this server's own clients are the lock manager's business.
     */
    public void peerRebooted(String monName, InetAddress from, int state) {
        // Name lookups may wait for DNS: not on the worker that serves the SM_NOTIFY.
        threads.newThread(() -> callBackWatchers(monName, from, state)).start();
    }

    private void callBackWatchers(String monName, InetAddress from, int state) {
        Set<InetAddress> theirs = new HashSet<>(PeerLocator.resolve(monName));
        theirs.add(from);
        for (Monitor m : store.monitors()) {
            if (isThisMachine(m.monName())) {
                continue; // this server does not reboot by message; its own restart calls these back
            }
            boolean match = m.monName().toLowerCase(Locale.ROOT).equals(monName.toLowerCase(Locale.ROOT))
                    || PeerLocator.resolve(m.monName()).stream().anyMatch(theirs::contains);
            if (match) {
                threads.newThread(() -> callBack(m, state)).start();
            }
        }
    }

    public void close() {
        closed = true;
    }

    /** SM_NOTIFY to a client of the previous run; once told, it is forgotten unless it reclaimed something. */
    private void notifyClient(ClientHost c, int state) {
        if (peers.isOwnPortmapper(c.address()) && PeerLocator.resolve(c.name()).stream().allMatch(peers::isOwnPortmapper)) {
            // A client on this machine while pmnfs is its statd: its lockd asked pmnfs to watch
            // this server (SM_MON) and is called back from those records instead.
            LOG.debug("{} is on this machine: told through its SM_MON record", c);
            forgetIfIdle(c);
            return;
        }
        if (sendNotify(c.toString(), () -> peers.addresses(c), state)) {
            forgetIfIdle(c);
        }
    }

    /**
     * Once the grace period is over, a client that reclaimed nothing is forgotten for recovery
     * (one that did stays: it holds locks again). Not before: a crash in the grace period must
     * find it still on the list.
     */
    private void forgetIfIdle(ClientHost c) {
        if (!sleep(manager.grace().left())) {
            return;
        }
        try {
            store.removeClients(h -> h.equals(c) && !manager.holdsAnything(h));
        } catch (IOException e) {
            LOG.error("cannot update {} after notifying {}: {}", store.file(), c, e.toString());
        }
    }

    private void notifyServer(String name, int state) {
        sendNotify(name, () -> PeerLocator.resolve(name), state);
    }

    private interface Addresses {
        Iterable<InetAddress> get();
    }

    /** SM_NOTIFY over UDP (as sm-notify sends it) to the statd at one of the addresses, retried. */
    private boolean sendNotify(String who, Addresses addresses, int state) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        Duration wait = FIRST_RETRY;
        while (!closed) {
            for (InetAddress a : addresses.get()) {
                int port = peers.port(a, NsmProgram.PROGRAM, NsmProgram.VERSION, mapping.IPPROTO_UDP);
                if (port == 0) {
                    continue;
                }
                try {
                    RpcCaller.call(new InetSocketAddress(a, port), false, NsmProgram.PROGRAM, NsmProgram.VERSION,
                            NsmProgram.NOTIFY, new stat_chge(ourName, state), XdrVoid.XDR_VOID, RpcCaller.Options.within(CALL_TIMEOUT));
                    LOG.info("told {} that this server restarted (state {}): it reclaims its locks now", who, state);
                    return true;
                } catch (IOException e) {
                    LOG.debug("SM_NOTIFY to {} at {}:{} failed: {}", who, a.getHostAddress(), port, e.getMessage());
                }
            }
            if (System.nanoTime() + wait.toNanos() - deadline > 0 || !sleep(wait)) {
                break;
            }
            wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
        }
        LOG.warn("could not tell {} that this server restarted (no statd answered for {} min): its locks are not reclaimed",
                who, GIVE_UP_AFTER.toMinutes());
        return false;
    }

    /**
     * Calls a local service back (Linux lockd: NLM v3 procedure 16) on loopback from a privileged
     * port, the only callers it believes (fs/lockd nlm_privileged_requester), over UDP as rpc.statd.
     */
    private void callBack(Monitor m, int state) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < LOCAL_ATTEMPTS && !closed; attempt++) {
            int port = peers.port(loopback, m.prog(), m.vers(), mapping.IPPROTO_UDP);
            if (port != 0) {
                try {
                    RpcCaller.call(new InetSocketAddress(loopback, port), false, m.prog(), m.vers(), m.proc(),
                            new sm_status(m.monName(), state, m.priv()), XdrVoid.XDR_VOID,
                            RpcCaller.Options.within(CALL_TIMEOUT).privileged());
                    LOG.info("told the local service watching {} (program {} v{}) that it restarted (state {})",
                            m.monName(), m.prog(), m.vers(), state);
                    return;
                } catch (IOException e) {
                    LOG.debug("callback to the local service watching {} failed: {}", m.monName(), e.getMessage());
                }
            }
            if (!sleep(FIRST_RETRY.multipliedBy(1L << attempt))) {
                return;
            }
        }
        LOG.warn("could not call back the local service watching {} (program {} v{} is not registered or does not answer)",
                m.monName(), m.prog(), m.vers());
    }

    /** Whether a watched host's name is this machine (the kernel watching pmnfs on localhost). */
    static boolean isThisMachine(String monName) {
        List<InetAddress> a = new ArrayList<>(PeerLocator.resolve(monName));
        return !a.isEmpty() && a.stream().allMatch(PeerLocator::isThisMachine);
    }

    private static boolean sleep(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Clients whose name or address is {@code who}. */
    static Predicate<ClientHost> named(String who) {
        return h -> h.isNamed(who);
    }
}
