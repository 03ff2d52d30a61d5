package org.pmnfs.server.nsm;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.pmnfs.server.nlm.LockManager;
import org.pmnfs.server.nlm.NlmProgram;
import org.pmnfs.server.nsm.xdr.mon;
import org.pmnfs.server.nsm.xdr.mon_id;
import org.pmnfs.server.nsm.xdr.my_id;
import org.pmnfs.server.nsm.xdr.sm_name;
import org.pmnfs.server.nsm.xdr.sm_stat_res;
import org.pmnfs.server.nsm.xdr.stat_chge;
import org.pmnfs.server.rpc.RpcProgram;
import org.pmnfs.server.rpc.RpcRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Network Status Monitor (program 100024 version 1, X/Open NSM), the statd of this server
 * and, when pmnfs is the portmapper, of this machine. SM_NOTIFY from a client that rebooted
 * releases all its locks here and calls back local services that watch it. SM_MON, SM_UNMON,
 * SM_UNMON_ALL and SM_SIMU_CRASH come only from local callers (loopback, as rpc.statd requires);
 * SM_MON takes only the Linux lockd's callback (program 100021, procedure 16 or 24), as rpc.statd.
 */
public final class NsmProgram implements RpcProgram {

    private static final Logger LOG = LoggerFactory.getLogger(NsmProgram.class);

    public static final int PROGRAM = 100024;
    public static final int VERSION = 1;

    static final int NULL = 0, STAT = 1, MON = 2, UNMON = 3, UNMON_ALL = 4, SIMU_CRASH = 5, NOTIFY = 6;

    private static final String[] NAMES = {"SM_NULL", "SM_STAT", "SM_MON", "SM_UNMON", "SM_UNMON_ALL", "SM_SIMU_CRASH", "SM_NOTIFY"};

    private final NsmStore store;
    private final LockManager manager;
    private final NsmNotifier notifier;

    public NsmProgram(NsmStore store, LockManager manager, NsmNotifier notifier) {
        this.store = store;
        this.manager = manager;
        this.notifier = notifier;
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
        return procedure >= 0 && procedure < NAMES.length ? NAMES[procedure] : null;
    }

    @Override
    public void serve(RpcRequest r) throws IOException {
        switch (r.procedure()) {
            case NULL -> r.reply(XdrVoid.XDR_VOID);
            case STAT -> {
                r.decode(new sm_name());
                r.reply(new sm_stat_res(sm_stat_res.STAT_SUCC, store.state()));
            }
            case MON -> r.reply(mon(r, r.decode(new mon())));
            case UNMON -> {
                mon_id id = r.decode(new mon_id());
                if (local(r, "SM_UNMON")) {
                    unmon(m -> m.monName().equals(id.monName) && sameCaller(m, id.myId), "SM_UNMON of " + id.monName);
                }
                r.reply(new XdrInt(store.state()));
            }
            case UNMON_ALL -> {
                my_id id = r.decode(new my_id());
                if (local(r, "SM_UNMON_ALL")) {
                    unmon(m -> sameCaller(m, id), "SM_UNMON_ALL of " + id.myName);
                }
                r.reply(new XdrInt(store.state()));
            }
            case SIMU_CRASH -> {
                if (local(r, "SM_SIMU_CRASH")) {
                    int state = store.bumpState();
                    LOG.info("SM_SIMU_CRASH: state {}; telling clients and watchers", state);
                    notifier.simulatedCrash(state);
                }
                r.reply(XdrVoid.XDR_VOID);
            }
            case NOTIFY -> {
                notify(r, r.decode(new stat_chge()));
                r.reply(XdrVoid.XDR_VOID);
            }
            default -> throw new IllegalStateException("procedure " + r.procedure() + " passed procedureName");
        }
    }

    private sm_stat_res mon(RpcRequest r, mon m) throws IOException {
        if (!local(r, "SM_MON")) {
            return new sm_stat_res(sm_stat_res.STAT_FAIL, store.state());
        }
        my_id id = m.monId.myId;
        if (id.myProg != NlmProgram.PROGRAM || (id.myProc != 16 && id.myProc != 24)) {
            LOG.warn("SM_MON of {} refused: callback to program {} procedure {} (only lockd's, 100021 procedure 16 or 24)",
                    m.monId.monName, id.myProg, id.myProc);
            return new sm_stat_res(sm_stat_res.STAT_FAIL, store.state());
        }
        if (m.monId.monName.isEmpty() || m.monId.monName.contains("/") || m.monId.monName.startsWith(".")) {
            LOG.warn("SM_MON refused: the host name '{}' is empty, contains '/' or starts with '.'", m.monId.monName);
            return new sm_stat_res(sm_stat_res.STAT_FAIL, store.state());
        }
        Monitor monitor = new Monitor(m.monId.monName, id.myName, id.myProg, id.myVers, id.myProc, m.priv);
        store.addMonitor(monitor);
        LOG.debug("SM_MON {}", monitor);
        return new sm_stat_res(sm_stat_res.STAT_SUCC, store.state());
    }

    private void unmon(java.util.function.Predicate<Monitor> which, String what) throws IOException {
        int n = store.removeMonitors(which);
        LOG.debug("{}: {} registration(s) dropped", what, n);
    }

    /**
     * SM_NOTIFY: {@code n.monName} rebooted. Its locks here go (it will not unlock them any more),
     * and local services watching it are called back.
     */
    private void notify(RpcRequest r, stat_chge n) {
        InetSocketAddress from = r.client();
        int released = manager.releaseHosts(h -> h.isNamed(n.monName));
        try {
            store.removeClients(h -> h.isNamed(n.monName));
        } catch (IOException e) {
            LOG.error("cannot update the NSM list after {} rebooted: {}", n.monName, e.toString());
        }
        LOG.info("SM_NOTIFY: {} rebooted (state {}, from {}): {} lock(s), share(s) and waiter(s) released", n.monName,
                n.state, from.getAddress().getHostAddress(), released);
        notifier.peerRebooted(n.monName, from.getAddress(), n.state);
    }

    private static boolean sameCaller(Monitor m, my_id id) {
        return m.myName().equals(id.myName) && m.prog() == id.myProg && m.vers() == id.myVers && m.proc() == id.myProc;
    }

    /** Whether the caller is on this machine (loopback); refusals are logged. */
    private static boolean local(RpcRequest r, String what) {
        if (r.client().getAddress().isLoopbackAddress()) {
            return true;
        }
        LOG.warn("{} refused: only local callers may use it, not {}", what, r.client().getAddress().getHostAddress());
        return false;
    }
}
