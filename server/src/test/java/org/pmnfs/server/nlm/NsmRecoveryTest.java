package org.pmnfs.server.nlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dcache.oncrpc4j.xdr.XdrBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.server.exports.Squash;
import org.pmnfs.server.nsm.xdr.mon;
import org.pmnfs.server.nsm.xdr.sm_stat_res;
import org.pmnfs.server.nsm.xdr.sm_status;
import org.pmnfs.server.nsm.xdr.stat_chge;
import org.pmnfs.server.portmap.PortmapProgram;
import org.pmnfs.server.portmap.mapping;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.RpcTestClient;
import org.pmnfs.pmem.PmemBackend;
import org.pmnfs.pmem.PmemConfig;

/**
 * NSM over loopback against a running pmnfs: a client's SM_NOTIFY releases its locks; after a
 * restart the clients of the previous run are told (SM_NOTIFY to their statd) and the grace
 * period admits only their reclaims; a local lock manager that asked pmnfs (as this machine's
 * statd) to watch it is called back, from a privileged port, with its cookie.
 */
class NsmRecoveryTest {

    private static final int NSM = 100024;

    @TempDir
    Path dir;

    private PmemBackend pool() throws IOException {
        return PmemBackend.open(PmemConfig.of(dir.resolve("p.pool")).withCreateIfMissing(64L << 20));
    }

    private LockingTestServer start(FakeClientMachine peer, Duration grace) throws IOException {
        return LockingTestServer.start(dir.resolve("p.nsm"), grace, peer.port(), pool(), LockingTestServer.exports(false, Squash.NONE));
    }

    @Test
    void smNotifyFromARebootedClientReleasesItsLocksOnly() throws Exception {
        try (FakeClientMachine beta = new FakeClientMachine(LockingTestServer.TWO);
             LockingTestServer server = start(beta, Duration.ZERO);
             NfsTestClient nfs = server.nfs();
             NlmTestClient a = server.nlm(LockingTestServer.ONE, "alpha");
             NlmTestClient b = server.nlm(LockingTestServer.TWO, "beta")) {
            byte[] root = nfs.mount("/");
            byte[] f = nfs.createFile(root, "f");
            byte[] g = nfs.createFile(root, "g");
            a.lock(f, 1, 0, 0, true, false);
            b.lock(g, 1, 0, 0, true, false);
            assertTrue(Files.readString(dir.resolve("p.nsm")).contains("client beta 127.0.0.2"), "beta recorded for recovery");
            RpcReply r = RpcTestClient.callUdp(server.lockd(), NSM, 1, 6, new stat_chge("beta", 9));
            assertTrue(r.isSuccess(), r.describe());
            assertEquals(NlmStatus.GRANTED, a.lock(g, 2, 0, 0, true, false), "beta's lock is gone");
            assertEquals(NlmStatus.DENIED, b.lock(f, 2, 0, 0, true, false), "alpha's stays");
            assertFalse(Files.readString(dir.resolve("p.nsm")).contains("client beta "), "beta forgotten for recovery");
        }
    }

    @Test
    void afterARestartClientsAreToldToReclaimAndOnlyReclaimsAreGrantedInTheGrace() throws Exception {
        byte[] f;
        int firstState;
        try (FakeClientMachine beta = new FakeClientMachine(LockingTestServer.TWO)) {
            try (LockingTestServer server = start(beta, Duration.ofSeconds(60));
                 NfsTestClient nfs = server.nfs();
                 NlmTestClient b = server.nlm(LockingTestServer.TWO, "beta")) {
                f = nfs.createFile(nfs.mount("/"), "f");
                assertEquals(NlmStatus.GRANTED, b.lock(f, 4, 0, 0, true, false));
                firstState = stateOf(server);
            }
            try (LockingTestServer server = start(beta, Duration.ofSeconds(60));
                 NlmTestClient a = server.nlm(LockingTestServer.ONE, "alpha");
                 NlmTestClient b = server.nlm(LockingTestServer.TWO, "beta")) {
                FakeClientMachine.Call c = beta.await(NSM, 6);
                assertNotNull(c, "beta's statd got SM_NOTIFY");
                stat_chge n = (stat_chge) c.args();
                assertEquals(MachineIdentity.name(), n.monName);
                assertEquals(firstState + 2, n.state, "a new, odd state number");
                assertEquals(NlmStatus.DENIED_GRACE_PERIOD, a.lock(f, 1, 0, 0, true, false), "no new locks in the grace period");
                assertEquals(NlmStatus.DENIED_GRACE_PERIOD, NlmStatus.of(a.test(f, 1, 0, 0, true).stat));
                assertEquals(NlmStatus.GRANTED, b.lock(NlmProgram.LOCK, f, 4, 0, 0, true, false, true), "beta reclaims");
                assertTrue(server.adminList().contains("only reclaims are granted"));
                assertTrue(server.adminList().contains("held"));
            }
        }
    }

    @Test
    void theLocalLockManagerWatchingThisServerIsCalledBackAfterARestart() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "the callback to a local lock manager comes from a privileged port, which needs root");
        byte[] priv = new byte[16];
        for (int i = 0; i < 16; i++) {
            priv[i] = (byte) (i + 1);
        }
        try (FakeClientMachine beta = new FakeClientMachine(LockingTestServer.TWO);
             FakeClientMachine kernel = new FakeClientMachine(LockingTestServer.ONE)) {
            try (LockingTestServer server = start(beta, Duration.ofSeconds(5));
                 RpcTestClient pm = new RpcTestClient(server.portmap());
                 RpcTestClient statd = new RpcTestClient(server.lockd())) {
                RpcReply set = pm.call(PortmapProgram.PROGRAM, 2, 1, new mapping(NlmProgram.PROGRAM, 3, mapping.IPPROTO_UDP, kernel.port()));
                XdrBoolean ok = new XdrBoolean();
                ok.xdrDecode(set.body());
                assertTrue(ok.booleanValue());
                mon m = new mon();
                m.monId.monName = "127.0.0.1";
                m.monId.myId.myName = "me";
                m.monId.myId.myProg = NlmProgram.PROGRAM;
                m.monId.myId.myVers = 3;
                m.monId.myId.myProc = 16;
                m.priv = priv;
                RpcReply r = statd.call(NSM, 1, 2, m);
                sm_stat_res res = new sm_stat_res();
                res.xdrDecode(r.body());
                assertEquals(sm_stat_res.STAT_SUCC, res.resStat, "SM_MON from this machine is accepted");
                m.monId.myId.myProg = 100099;
                res.xdrDecode(statd.call(NSM, 1, 2, m).body());
                assertEquals(sm_stat_res.STAT_FAIL, res.resStat, "only lockd's callback is taken");
            }
            try (LockingTestServer server = start(beta, Duration.ofSeconds(5))) {
                FakeClientMachine.Call c = kernel.await(NlmProgram.PROGRAM, 16);
                assertNotNull(c, "the local lock manager was called back");
                sm_status s = (sm_status) c.args();
                assertEquals("127.0.0.1", s.monName);
                assertArrayEquals(priv, s.priv, "with its cookie");
                assertEquals(3, c.version());
                assertTrue(c.from().getPort() < 1024, "from a privileged port, as Linux lockd demands: " + c.from());
                assertEquals(stateOf(server), s.state);
            }
        }
    }

    private static int stateOf(LockingTestServer server) throws IOException {
        try (RpcTestClient c = new RpcTestClient(server.lockd())) {
            org.pmnfs.server.nsm.xdr.sm_name n = new org.pmnfs.server.nsm.xdr.sm_name();
            n.monName = "x";
            sm_stat_res res = new sm_stat_res();
            res.xdrDecode(c.call(NSM, 1, 1, n).body());
            return res.state;
        }
    }

}
