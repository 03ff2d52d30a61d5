package org.pmnfs.server.nlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrBoolean;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.nlm.xdr.nlm4_lockargs;
import org.pmnfs.server.nlm.xdr.nlm4_res;
import org.pmnfs.server.nlm.xdr.nlm4_testargs;
import org.pmnfs.server.nlm.xdr.nlm4_testres;
import org.pmnfs.server.portmap.PortmapProgram;
import org.pmnfs.server.portmap.mapping;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.RpcTestClient;
import org.pmnfs.vfs.NfsStatus;

/**
 * NLM over loopback TCP against a running pmnfs, with two client machines (127.0.0.1 "alpha"
 * and 127.0.0.2 "beta", the latter with its own portmapper, lock manager and statd to be called
 * back): conflicts between hosts, TEST's holder, blocking and the GRANTED callback (delivered,
 * refused, undeliverable), CANCEL, the _MSG/_RES forms, versions 1 and 3, shares, FREE_ALL.
 */
class NlmProgramTest {

    private FakeClientMachine beta;
    private LockingTestServer server;
    private NfsTestClient nfs;
    private NlmTestClient alpha;
    private NlmTestClient betaClient;
    private byte[] root;
    private byte[] file;

    @BeforeEach
    void start() throws IOException {
        beta = new FakeClientMachine(LockingTestServer.TWO);
        server = LockingTestServer.start(null, Duration.ofSeconds(30), beta.port());
        nfs = server.nfs();
        root = nfs.mount("/");
        file = nfs.createFile(root, "f");
        alpha = server.nlm(LockingTestServer.ONE, "alpha");
        betaClient = server.nlm(LockingTestServer.TWO, "beta");
    }

    @AfterEach
    void stop() throws IOException {
        alpha.close();
        betaClient.close();
        nfs.close();
        server.close();
        beta.close();
    }

    @Test
    void locksOfTwoHostsConflictAndTestNamesTheHolder() throws IOException {
        assertEquals(NlmStatus.GRANTED, alpha.lock(file, 7, 0, 100, true, false));
        assertEquals(NlmStatus.DENIED, betaClient.lock(file, 7, 50, 1, false, false), "same svid, another host: another owner");
        nlm4_testres t = betaClient.test(file, 1, 99, 0, false);
        assertEquals(NlmStatus.DENIED, NlmStatus.of(t.stat));
        assertNotNull(t.holder);
        assertTrue(t.holder.exclusive);
        assertEquals(7, t.holder.svid);
        assertEquals(0, t.holder.offset);
        assertEquals(100, t.holder.length);
        assertArrayEquals("7@alpha".getBytes(), t.holder.oh);
        assertEquals(NlmStatus.GRANTED, betaClient.lock(file, 1, 100, 0, false, false), "past the held range");
        assertEquals(NlmStatus.GRANTED, alpha.lock(file, 7, 200, 10, false, false), "shared locks of two hosts coexist");
        assertEquals(NlmStatus.GRANTED, alpha.unlock(file, 7, 0, 0));
        assertEquals(NlmStatus.GRANTED, NlmStatus.of(betaClient.test(file, 2, 0, 100, true).stat));
    }

    @Test
    void aBlockedLockIsGrantedByACallbackToTheClientsLockManager() throws Exception {
        assertEquals(NlmStatus.GRANTED, alpha.lock(file, 1, 0, 0, true, true));
        assertEquals(NlmStatus.BLOCKED, betaClient.lock(file, 9, 10, 20, true, true));
        assertEquals(NlmStatus.GRANTED, alpha.unlock(file, 1, 0, 0));
        FakeClientMachine.Call c = beta.await(NlmProgram.PROGRAM, NlmProgram.GRANTED);
        assertNotNull(c, "GRANTED reached beta's lock manager");
        nlm4_testargs g = (nlm4_testargs) c.args();
        assertArrayEquals(file, g.alock.fh, "the handle as beta sent it");
        assertEquals(9, g.alock.svid);
        assertEquals(10, g.alock.offset);
        assertEquals(20, g.alock.length);
        assertTrue(g.exclusive);
        assertArrayEquals("9@beta".getBytes(), g.alock.oh);
        awaitConfirmed();
        assertEquals(NlmStatus.DENIED, alpha.lock(file, 1, 15, 1, false, false), "beta holds it now");
    }

    @Test
    void anUndeliverableCallbackLeavesTheGrantForTheClientsNextRequest() throws IOException {
        beta.lockdRegistered = false;
        alpha.lock(file, 1, 0, 0, true, true);
        assertEquals(NlmStatus.BLOCKED, betaClient.lock(file, 9, 0, 0, true, true));
        alpha.unlock(file, 1, 0, 0);
        assertEquals(NlmStatus.DENIED, alpha.lock(file, 1, 0, 0, true, false), "granted to beta at once, callback or not");
        assertEquals(NlmStatus.GRANTED, betaClient.lock(file, 9, 0, 0, true, true), "beta's poll finds its lock");
        assertFalse(server.locks().snapshot().get(0).unconfirmed().size() > 0, "confirmed by the poll");
    }

    @Test
    void aClientThatNoLongerWaitsRefusesTheCallbackAndTheLockGoesBack() throws Exception {
        beta.grantedAnswer = NlmStatus.DENIED.code(4);
        alpha.lock(file, 1, 0, 0, true, true);
        betaClient.lock(file, 9, 0, 0, true, true);
        alpha.unlock(file, 1, 0, 0);
        assertNotNull(beta.await(NlmProgram.PROGRAM, NlmProgram.GRANTED));
        for (int i = 0; i < 200 && !server.locks().snapshot().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertTrue(server.locks().snapshot().isEmpty(), "beta refused: nobody holds the file");
        assertEquals(NlmStatus.GRANTED, alpha.lock(file, 1, 0, 0, true, false));
    }

    @Test
    void cancelWithdrawsABlockedRequest() throws IOException {
        alpha.lock(file, 1, 0, 0, true, true);
        assertEquals(NlmStatus.BLOCKED, betaClient.lock(file, 9, 0, 0, false, true));
        assertEquals(NlmStatus.GRANTED, betaClient.cancel(file, 9, 0, 0, false));
        alpha.unlock(file, 1, 0, 0);
        assertTrue(server.locks().snapshot().isEmpty(), "nothing left: no grant to the cancelled request");
    }

    @Test
    void msgFormsAreAnsweredWithResMessages() throws Exception {
        alpha.lock(file, 1, 0, 0, true, false);
        nlm4_lockargs a = new nlm4_lockargs(4);
        a.cookie = new byte[] {9, 9};
        a.exclusive = true;
        a.alock.callerName = "beta";
        a.alock.fh = file;
        a.alock.oh = "5@beta".getBytes();
        a.alock.svid = 5;
        RpcReply r = betaClient.call(NlmProgram.LOCK_MSG, a);
        assertTrue(r.isSuccess(), r.describe());
        FakeClientMachine.Call c = beta.await(NlmProgram.PROGRAM, NlmProgram.LOCK_RES);
        assertNotNull(c, "LOCK_RES reached beta");
        nlm4_res res = (nlm4_res) c.args();
        assertEquals(NlmStatus.DENIED, NlmStatus.of(res.stat));
        assertArrayEquals(new byte[] {9, 9}, res.cookie);
        nlm4_testargs t = new nlm4_testargs(4);
        t.alock.callerName = "beta";
        t.alock.fh = file;
        t.alock.oh = "5@beta".getBytes();
        t.alock.svid = 5;
        assertTrue(betaClient.call(NlmProgram.TEST_MSG, t).isSuccess());
        FakeClientMachine.Call tr = beta.await(NlmProgram.PROGRAM, NlmProgram.TEST_RES);
        assertNotNull(tr);
        assertEquals(NlmStatus.DENIED, NlmStatus.of(((nlm4_testres) tr.args()).stat));
        assertEquals(1, ((nlm4_testres) tr.args()).holder.svid);
    }

    @Test
    void versionsOneAndThreeUse32BitRangesAndShareTheTable() throws IOException {
        alpha.version(1);
        assertEquals(NlmStatus.GRANTED, alpha.lock(file, 1, 4_000_000_000L, 10, true, false));
        assertEquals(NlmStatus.DENIED, betaClient.lock(file, 1, 4_000_000_005L, 1, false, false));
        assertEquals(NlmStatus.GRANTED, betaClient.lock(file, 1, 4_000_000_010L, 1, false, false));
        betaClient.version(3);
        assertEquals(NlmStatus.GRANTED, betaClient.share(NlmProgram.SHARE, file, 1, 1, 0));
        RpcReply v1share = alpha.call(NlmProgram.SHARE, new XdrInt(0));
        assertEquals(RpcReply.PROC_UNAVAIL, v1share.acceptStat(), "version 1 has no SHARE");
        assertEquals(RpcReply.PROC_UNAVAIL, alpha.rpc.call(NlmProgram.PROGRAM, 2, 0, null).acceptStat(), "there is no version 2");
        assertEquals(RpcReply.PROC_UNAVAIL, alpha.rpc.call(NlmProgram.PROGRAM, 4, 16, null).acceptStat());
        assertEquals(RpcReply.PROG_MISMATCH, alpha.rpc.call(NlmProgram.PROGRAM, 5, 0, null).acceptStat());
    }

    @Test
    void sharesConflictBetweenHosts() throws IOException {
        assertEquals(NlmStatus.GRANTED, alpha.share(NlmProgram.SHARE, file, 1, 3, 2), "read-write, deny write");
        assertEquals(NlmStatus.DENIED, betaClient.share(NlmProgram.SHARE, file, 1, 2, 0), "beta may not write");
        assertEquals(NlmStatus.GRANTED, betaClient.share(NlmProgram.SHARE, file, 1, 1, 0), "but may read");
        assertEquals(NlmStatus.GRANTED, alpha.share(NlmProgram.UNSHARE, file, 1, 0, 0));
        assertEquals(NlmStatus.GRANTED, betaClient.share(NlmProgram.SHARE, file, 1, 3, 0));
    }

    @Test
    void freeAllReleasesTheCallersOwnLocksOnly() throws IOException {
        byte[] other = nfs.createFile(root, "g");
        alpha.lock(file, 1, 0, 0, true, false);
        betaClient.lock(other, 1, 0, 0, true, false);
        try (NlmTestClient impostor = server.nlm(LockingTestServer.ONE, "beta")) {
            impostor.freeAll();
        }
        assertEquals(NlmStatus.DENIED, alpha.lock(other, 2, 0, 0, true, false), "FREE_ALL naming beta from alpha's address frees nothing");
        betaClient.freeAll();
        assertEquals(NlmStatus.GRANTED, alpha.lock(other, 2, 0, 0, true, false));
        assertEquals(NlmStatus.DENIED, betaClient.lock(file, 2, 0, 0, true, false), "alpha's lock stays");
    }

    @Test
    void aRemovedFileIsStaleAndLeavesNoLockBehind() throws IOException {
        byte[] doomed = nfs.createFile(root, "doomed");
        assertEquals(NlmStatus.GRANTED, alpha.lock(doomed, 1, 0, 0, true, false));
        assertEquals(NfsStatus.OK, nfs.remove(root, "doomed").status);
        assertEquals(NlmStatus.STALE_FH, betaClient.lock(doomed, 1, 0, 0, true, false));
        assertEquals(1, server.locks().snapshot().size(), "removing the file does not reach the lock table by itself");
        String listing = server.adminList();
        assertTrue(listing.contains("no locks"), "the listing sweeps the removed file's lock:\n" + listing);
        assertTrue(server.locks().snapshot().isEmpty());
        assertEquals(NlmStatus.GRANTED, alpha.unlock(doomed, 1, 0, 0), "unlocking a gone file is fine");
        byte[] bogus = file.clone();
        bogus[0] ^= 0x55; // another export id
        assertEquals(NlmStatus.STALE_FH, alpha.lock(bogus, 1, 0, 0, true, false));
    }

    @Test
    void theClientsLockManagerOnThisMachineIsFoundThroughItsLocalRegistration() throws Exception {
        try (FakeClientMachine kernel = new FakeClientMachine(LockingTestServer.ONE)) {
            try (RpcTestClient pm = new RpcTestClient(server.portmap())) {
                RpcReply set = pm.call(PortmapProgram.PROGRAM, 2, 1, new mapping(NlmProgram.PROGRAM, 4, mapping.IPPROTO_TCP, kernel.port()));
                XdrBoolean ok = new XdrBoolean();
                ok.xdrDecode(set.body());
                assertTrue(ok.booleanValue(), "a local lockd registers NLM beside pmnfs's");
                XdrInt port = new XdrInt();
                port.xdrDecode(pm.call(PortmapProgram.PROGRAM, 2, 3, new mapping(NlmProgram.PROGRAM, 4, mapping.IPPROTO_TCP, 0)).body());
                assertEquals(server.lockd().getPort(), port.intValue(), "clients still find pmnfs's NLM");
            }
            alpha.lock(file, 1, 0, 0, true, true);
            assertEquals(NlmStatus.BLOCKED, server.nlm(LockingTestServer.ONE, "alpha").lock(file, 2, 0, 0, true, true));
            alpha.unlock(file, 1, 0, 0);
            FakeClientMachine.Call c = kernel.await(NlmProgram.PROGRAM, NlmProgram.GRANTED);
            assertNotNull(c, "GRANTED went to the registered local lock manager");
            assertEquals(2, ((nlm4_testargs) c.args()).alock.svid);
        }
    }

    private void awaitConfirmed() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<LockManager.FileEntry> s = server.locks().snapshot();
            if (s.stream().allMatch(f -> f.unconfirmed().isEmpty())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the grant was not confirmed: " + server.locks().snapshot());
    }
}
