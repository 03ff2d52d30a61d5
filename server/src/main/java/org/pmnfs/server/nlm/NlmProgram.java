package org.pmnfs.server.nlm;

import java.io.IOException;
import java.net.InetAddress;
import java.util.function.Predicate;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.pmnfs.server.exports.CurrentExports;
import org.pmnfs.server.nlm.xdr.nlm4_cancargs;
import org.pmnfs.server.nlm.xdr.nlm4_holder;
import org.pmnfs.server.nlm.xdr.nlm4_lock;
import org.pmnfs.server.nlm.xdr.nlm4_lockargs;
import org.pmnfs.server.nlm.xdr.nlm4_notify;
import org.pmnfs.server.nlm.xdr.nlm4_res;
import org.pmnfs.server.nlm.xdr.nlm4_shareargs;
import org.pmnfs.server.nlm.xdr.nlm4_shareres;
import org.pmnfs.server.nlm.xdr.nlm4_testargs;
import org.pmnfs.server.nlm.xdr.nlm4_testres;
import org.pmnfs.server.nlm.xdr.nlm4_unlockargs;
import org.pmnfs.server.rpc.RpcProgram;
import org.pmnfs.server.rpc.RpcRequest;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileSystemBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Network Lock Manager (program 100021; X/Open NLM, RFC 1813 chapter 6 for version 4):
 * versions 1 and 3 (32-bit ranges; version 1 without the share procedures) and 4. TEST, LOCK,
 * CANCEL, UNLOCK; their _MSG forms, answered by a _RES message to the client; SHARE, UNSHARE,
 * NM_LOCK and FREE_ALL. GRANTED (this server waits for no lock) answers DENIED; the _RES
 * messages and GRANTED_MSG are accepted and ignored. Procedures 16 to 19 (Linux's private NSM
 * callback among them) are PROC_UNAVAIL, and so is everything of version 2, which does not exist.
 * Each call is memory work plus at most one attribute fetch and, for a client's first lock, one
 * write of the NSM list; nothing waits for another client.
 */
public final class NlmProgram implements RpcProgram {

    private static final Logger LOG = LoggerFactory.getLogger(NlmProgram.class);

    public static final int PROGRAM = 100021;
    public static final int LOW_VERSION = 1;
    public static final int VERSION_3 = 3;
    public static final int VERSION_4 = 4;

    static final int NULL = 0, TEST = 1, LOCK = 2, CANCEL = 3, UNLOCK = 4, GRANTED = 5;
    static final int TEST_MSG = 6, LOCK_MSG = 7, CANCEL_MSG = 8, UNLOCK_MSG = 9, GRANTED_MSG = 10;
    static final int TEST_RES = 11, LOCK_RES = 12, CANCEL_RES = 13, UNLOCK_RES = 14, GRANTED_RES = 15;
    static final int SHARE = 20, UNSHARE = 21, NM_LOCK = 22, FREE_ALL = 23;

    private static final String[] NAMES = {"NULL", "TEST", "LOCK", "CANCEL", "UNLOCK", "GRANTED", "TEST_MSG", "LOCK_MSG",
            "CANCEL_MSG", "UNLOCK_MSG", "GRANTED_MSG", "TEST_RES", "LOCK_RES", "CANCEL_RES", "UNLOCK_RES", "GRANTED_RES",
            null, null, null, null, "SHARE", "UNSHARE", "NM_LOCK", "FREE_ALL"};

    private final LockManager manager;
    private final NlmAdmission admission;
    private final ClientRegistry clients;
    private final NlmCallbacks callbacks;

    public NlmProgram(LockManager manager, CurrentExports exports, FileSystemBackend backend, ClientRegistry clients,
                      NlmCallbacks callbacks) {
        this.manager = manager;
        this.admission = new NlmAdmission(exports, backend);
        this.clients = clients;
        this.callbacks = callbacks;
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
        return VERSION_4;
    }

    @Override
    public String procedureName(int version, int procedure) {
        if (version == 2 || procedure < 0 || procedure >= NAMES.length || NAMES[procedure] == null
                || (version == LOW_VERSION && procedure >= SHARE)) {
            return null;
        }
        return "NLM" + version + "." + NAMES[procedure];
    }

    @Override
    public void serve(RpcRequest r) throws IOException {
        int v = r.version();
        switch (r.procedure()) {
            case NULL, GRANTED_MSG, TEST_RES, LOCK_RES, CANCEL_RES, UNLOCK_RES, GRANTED_RES -> {
                // _RES messages answer _MSG requests this server never sends; GRANTED_MSG is for clients.
                r.reply(XdrVoid.XDR_VOID);
            }
            case TEST -> r.reply(test(r, r.decode(new nlm4_testargs(v))));
            case LOCK -> r.reply(lock(r, r.decode(new nlm4_lockargs(v)), true));
            case CANCEL -> r.reply(cancel(r, r.decode(new nlm4_cancargs(v))));
            case UNLOCK -> r.reply(unlock(r, r.decode(new nlm4_unlockargs(v))));
            case GRANTED -> r.reply(new nlm4_res(r.decode(new nlm4_testargs(v)).cookie, NlmStatus.DENIED.code(v)));
            case TEST_MSG -> {
                nlm4_testargs a = r.decode(new nlm4_testargs(v));
                answerLater(r, a.alock.callerName, TEST_RES, test(r, a));
            }
            case LOCK_MSG -> {
                nlm4_lockargs a = r.decode(new nlm4_lockargs(v));
                answerLater(r, a.alock.callerName, LOCK_RES, lock(r, a, true));
            }
            case CANCEL_MSG -> {
                nlm4_cancargs a = r.decode(new nlm4_cancargs(v));
                answerLater(r, a.alock.callerName, CANCEL_RES, cancel(r, a));
            }
            case UNLOCK_MSG -> {
                nlm4_unlockargs a = r.decode(new nlm4_unlockargs(v));
                answerLater(r, a.alock.callerName, UNLOCK_RES, unlock(r, a));
            }
            case SHARE -> r.reply(share(r, r.decode(new nlm4_shareargs())));
            case UNSHARE -> r.reply(unshare(r, r.decode(new nlm4_shareargs())));
            case NM_LOCK -> r.reply(lock(r, r.decode(new nlm4_lockargs(v)), false));
            case FREE_ALL -> {
                freeAll(r, r.decode(new nlm4_notify()));
                r.reply(XdrVoid.XDR_VOID);
            }
            default -> throw new IllegalStateException("procedure " + r.procedure() + " passed procedureName");
        }
    }

    /** A _MSG request: an empty reply now, the result as a _RES message to the client's NLM. */
    private void answerLater(RpcRequest r, String callerName, int resProcedure, XdrAble result) {
        r.reply(XdrVoid.XDR_VOID);
        callbacks.sendResult(host(r, callerName), r.version(), r.overTcp(), resProcedure, result);
    }

    private nlm4_testres test(RpcRequest r, nlm4_testargs a) {
        nlm4_testres res = new nlm4_testres(r.version());
        res.cookie = a.cookie;
        ClientHost host = host(r, a.alock.callerName);
        NlmStatus status;
        try {
            FileHandle file = admission.forTaking(r, a.alock.fh, a.exclusive);
            LockManager.Result result = manager.test(file, owner(host, a.alock), range(a.alock), a.exclusive);
            status = result.status();
            if (result.holder() != null) {
                HeldLock h = result.holder();
                res.holder = new nlm4_holder(r.version());
                res.holder.exclusive = h.exclusive();
                res.holder.svid = h.owner().svid();
                res.holder.oh = h.owner().handle();
                res.holder.offset = h.range().start();
                res.holder.length = h.range().length();
            }
        } catch (NlmRefusedException e) {
            status = refused(e);
        }
        // DENIED without a holder (a permission refusal) would need one on the wire: say FAILED instead.
        if (status == NlmStatus.DENIED && res.holder == null) {
            status = NlmStatus.FAILED;
        }
        res.stat = status.code(r.version());
        return res;
    }

    private nlm4_res lock(RpcRequest r, nlm4_lockargs a, boolean monitored) {
        ClientHost host = host(r, a.alock.callerName);
        NlmStatus status;
        try {
            FileHandle file = admission.forTaking(r, a.alock.fh, a.exclusive);
            Grant request = new Grant(file, owner(host, a.alock), range(a.alock), a.exclusive,
                    new GrantCallback(r.client(), host.name(), r.version(), r.overTcp(), a.alock.fh));
            status = manager.lock(request, monitored && a.block, a.reclaim).status();
            if (monitored && (status == NlmStatus.GRANTED || status == NlmStatus.BLOCKED)) {
                record(host);
            }
            LOG.debug("{} {} {} of {}: {}", a.reclaim ? "reclaim" : a.block ? "blocking lock" : "lock",
                    a.exclusive ? "exclusive" : "shared", request.range(), request.owner(), status);
        } catch (NlmRefusedException e) {
            status = refused(e);
        }
        return new nlm4_res(a.cookie, status.code(r.version()));
    }

    private nlm4_res cancel(RpcRequest r, nlm4_cancargs a) {
        ClientHost host = host(r, a.alock.callerName);
        NlmStatus status;
        try {
            FileHandle file = admission.forRelease(r, a.alock.fh);
            status = manager.cancel(new Grant(file, owner(host, a.alock), range(a.alock), a.exclusive,
                    new GrantCallback(r.client(), host.name(), r.version(), r.overTcp(), a.alock.fh))).status();
        } catch (NlmRefusedException e) {
            status = refused(e);
        }
        return new nlm4_res(a.cookie, status.code(r.version()));
    }

    private nlm4_res unlock(RpcRequest r, nlm4_unlockargs a) {
        ClientHost host = host(r, a.alock.callerName);
        NlmStatus status;
        try {
            FileHandle file = admission.forRelease(r, a.alock.fh);
            status = manager.unlock(file, owner(host, a.alock), range(a.alock)).status();
        } catch (NlmRefusedException e) {
            status = refused(e);
        }
        return new nlm4_res(a.cookie, status.code(r.version()));
    }

    private nlm4_shareres share(RpcRequest r, nlm4_shareargs a) {
        ClientHost host = host(r, a.share.callerName);
        NlmStatus status;
        try {
            FileHandle file = admission.forTaking(r, a.share.fh, (a.share.access & 2) != 0);
            status = manager.share(file, new LockOwner(host, a.share.oh, 0), a.share.access, a.share.mode, a.reclaim).status();
            if (status == NlmStatus.GRANTED) {
                record(host);
            }
        } catch (NlmRefusedException e) {
            status = refused(e);
        }
        return new nlm4_shareres(a.cookie, status.code(r.version()));
    }

    private nlm4_shareres unshare(RpcRequest r, nlm4_shareargs a) {
        ClientHost host = host(r, a.share.callerName);
        NlmStatus status;
        try {
            status = manager.unshare(admission.forRelease(r, a.share.fh), new LockOwner(host, a.share.oh, 0)).status();
        } catch (NlmRefusedException e) {
            status = refused(e);
        }
        return new nlm4_shareres(a.cookie, status.code(r.version()));
    }

    /** FREE_ALL: a client that rebooted (and did not monitor us) frees all it held; only its own address may ask. */
    private void freeAll(RpcRequest r, nlm4_notify n) {
        InetAddress from = r.client().getAddress();
        Predicate<ClientHost> which = h -> h.isNamed(n.name) && h.address().equals(from);
        int released = manager.releaseHosts(which);
        try {
            clients.remove(which);
        } catch (IOException e) {
            LOG.error("cannot update the NSM list after FREE_ALL of {}: {}", n.name, e.toString());
        }
        LOG.info("FREE_ALL from {} ({}, state {}): {} lock(s), share(s) and waiter(s) released", n.name,
                from.getHostAddress(), n.state, released);
    }

    private void record(ClientHost host) {
        try {
            clients.add(host);
        } catch (IOException e) {
            LOG.error("cannot record client {} in the NSM list: it will not be told to reclaim its locks after a restart: {}",
                    host, e.toString());
        }
    }

    private static NlmStatus refused(NlmRefusedException e) {
        if (e.status() == NlmStatus.STALE_FH) {
            LOG.debug("NLM {}: {}", e.status(), e.getMessage());
        } else {
            LOG.warn("NLM {}: {}", e.status(), e.getMessage());
        }
        return e.status();
    }

    private static ClientHost host(RpcRequest r, String callerName) {
        return new ClientHost(callerName, r.client().getAddress());
    }

    private static LockOwner owner(ClientHost host, nlm4_lock l) {
        return new LockOwner(host, l.oh, l.svid);
    }

    private static LockRange range(nlm4_lock l) {
        return LockRange.of(l.offset, l.length);
    }
}
