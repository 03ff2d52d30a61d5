package org.pmnfs.server.nlm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nlm.xdr.nlm4_cancargs;
import org.pmnfs.server.nlm.xdr.nlm4_lock;
import org.pmnfs.server.nlm.xdr.nlm4_lockargs;
import org.pmnfs.server.nlm.xdr.nlm4_notify;
import org.pmnfs.server.nlm.xdr.nlm4_res;
import org.pmnfs.server.nlm.xdr.nlm4_shareargs;
import org.pmnfs.server.nlm.xdr.nlm4_shareres;
import org.pmnfs.server.nlm.xdr.nlm4_testargs;
import org.pmnfs.server.nlm.xdr.nlm4_testres;
import org.pmnfs.server.nlm.xdr.nlm4_unlockargs;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.RpcTestClient;

/**
 * An NLM client for tests, as one client machine ({@code callerName}) sends from its address:
 * each call names the file handle, svid and range; the owner handle is "svid@callerName" as
 * Linux makes it. Version 4 unless told otherwise.
 */
final class NlmTestClient implements AutoCloseable {

    final RpcTestClient rpc;
    final String callerName;
    int version = 4;

    NlmTestClient(InetSocketAddress lockd, InetSocketAddress local, String callerName) throws IOException {
        this.rpc = new RpcTestClient(lockd, local);
        this.callerName = callerName;
    }

    NlmTestClient version(int v) {
        this.version = v;
        return this;
    }

    nlm4_lock alock(byte[] fh, int svid, long offset, long length) {
        nlm4_lock l = new nlm4_lock(version);
        l.callerName = callerName;
        l.fh = fh;
        l.oh = (svid + "@" + callerName).getBytes(StandardCharsets.US_ASCII);
        l.svid = svid;
        l.offset = offset;
        l.length = length;
        return l;
    }

    RpcReply call(int procedure, XdrAble args) throws IOException {
        return rpc.call(NlmProgram.PROGRAM, version, procedure, args);
    }

    NlmStatus lock(byte[] fh, int svid, long offset, long length, boolean exclusive, boolean block) throws IOException {
        return lock(NlmProgram.LOCK, fh, svid, offset, length, exclusive, block, false);
    }

    NlmStatus lock(int procedure, byte[] fh, int svid, long offset, long length, boolean exclusive, boolean block,
                   boolean reclaim) throws IOException {
        nlm4_lockargs a = new nlm4_lockargs(version);
        fill(a.alock, alock(fh, svid, offset, length));
        a.cookie = new byte[] {1, 2, 3, 4};
        a.block = block;
        a.exclusive = exclusive;
        a.reclaim = reclaim;
        a.state = 3;
        return status(call(procedure, a));
    }

    nlm4_testres test(byte[] fh, int svid, long offset, long length, boolean exclusive) throws IOException {
        nlm4_testargs a = new nlm4_testargs(version);
        fill(a.alock, alock(fh, svid, offset, length));
        a.exclusive = exclusive;
        RpcReply r = call(NlmProgram.TEST, a);
        requireSuccess(r);
        nlm4_testres res = new nlm4_testres(version);
        res.xdrDecode(r.body());
        return res;
    }

    NlmStatus unlock(byte[] fh, int svid, long offset, long length) throws IOException {
        nlm4_unlockargs a = new nlm4_unlockargs(version);
        fill(a.alock, alock(fh, svid, offset, length));
        return status(call(NlmProgram.UNLOCK, a));
    }

    NlmStatus cancel(byte[] fh, int svid, long offset, long length, boolean exclusive) throws IOException {
        nlm4_cancargs a = new nlm4_cancargs(version);
        fill(a.alock, alock(fh, svid, offset, length));
        a.block = true;
        a.exclusive = exclusive;
        return status(call(NlmProgram.CANCEL, a));
    }

    NlmStatus share(int procedure, byte[] fh, int svid, int access, int mode) throws IOException {
        nlm4_shareargs a = new nlm4_shareargs();
        a.share.callerName = callerName;
        a.share.fh = fh;
        a.share.oh = (svid + "@" + callerName).getBytes(StandardCharsets.US_ASCII);
        a.share.access = access;
        a.share.mode = mode;
        RpcReply r = call(procedure, a);
        requireSuccess(r);
        nlm4_shareres res = new nlm4_shareres();
        res.xdrDecode(r.body());
        return NlmStatus.of(res.stat);
    }

    void freeAll() throws IOException {
        nlm4_notify n = new nlm4_notify();
        n.name = callerName;
        n.state = 5;
        requireSuccess(call(NlmProgram.FREE_ALL, n));
    }

    private static void fill(nlm4_lock to, nlm4_lock from) {
        to.callerName = from.callerName;
        to.fh = from.fh;
        to.oh = from.oh;
        to.svid = from.svid;
        to.offset = from.offset;
        to.length = from.length;
    }

    private static NlmStatus status(RpcReply r) throws IOException {
        requireSuccess(r);
        nlm4_res res = new nlm4_res();
        res.xdrDecode(r.body());
        return NlmStatus.of(res.stat);
    }

    static void requireSuccess(RpcReply r) throws IOException {
        if (!r.isSuccess()) {
            throw new IOException("call failed: " + r.describe());
        }
    }

    @Override
    public void close() throws IOException {
        rpc.close();
    }
}
