package org.pmnfs.server.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.exports.ClientMatcher;
import org.pmnfs.server.exports.Export;
import org.pmnfs.server.exports.ExportRule;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.server.exports.Squash;
import org.pmnfs.server.rpc.AuthCredential;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.TestServer;

/** MOUNT over loopback TCP on the NFS port: MNT, DUMP, UMNT, UMNTALL, EXPORT and versions. */
class MountProgramTest {

    @Test
    void mntReturnsTheRootHandleAndBothFlavors() throws IOException {
        try (TestServer server = TestServer.start(); NfsTestClient c = server.client()) {
            mountres3 r = c.mnt("/");
            assertEquals(mountres3.MNT3_OK, r.fhs_status);
            assertArrayEquals(new int[] {AuthCredential.AUTH_SYS, AuthCredential.AUTH_NONE}, r.auth_flavors);
            assertEquals(org.pmnfs.vfs.NfsStatus.OK, c.getattr(r.fhandle).status);
            assertArrayEquals(r.fhandle, c.mnt("/").fhandle, "handles are stable");
        }
    }

    @Test
    void dumpListsMountsUntilUnmounted() throws IOException {
        try (TestServer server = TestServer.start(); NfsTestClient c = server.client()) {
            byte[] root = c.mount("/");
            c.makeDir(root, "a");
            c.mount("/a");
            mountlist list = c.dump();
            assertEquals(List.of(new mountlist.mountbody("127.0.0.1", "/"), new mountlist.mountbody("127.0.0.1", "/a")), list.mounts);
            c.umnt("/a");
            assertEquals(List.of(new mountlist.mountbody("127.0.0.1", "/")), c.dump().mounts);
            c.mount("/a");
            c.umntall();
            assertTrue(c.dump().mounts.isEmpty());
        }
    }

    @Test
    void exportListsPathsAndClientsInVersionsOneAndThree() throws IOException {
        ExportTable table = new ExportTable(List.of(
                new Export("/", List.of(new ExportRule(TestServer.loopbackClient(), TestServer.options(false, Squash.NONE, false)))),
                new Export("/pub", List.of(new ExportRule(ClientMatcher.ANY, TestServer.options(true, Squash.ROOT, true))))));
        try (TestServer server = TestServer.start(table); NfsTestClient c = server.client()) {
            for (int version : new int[] {1, 3}) {
                exports e = c.exportList(version);
                assertEquals(List.of(new exports.exportnode("/", List.of("127.0.0.1")), new exports.exportnode("/pub", List.of("*"))),
                        e.nodes, "version " + version);
            }
        }
    }

    @Test
    void unexportedPathsAndUnknownVersionsAndProcedures() throws IOException {
        ExportTable table = new ExportTable(List.of(
                new Export("/data", List.of(new ExportRule(TestServer.loopbackClient(), TestServer.options(false, Squash.NONE, false))))));
        try (TestServer server = TestServer.start(table); NfsTestClient c = server.client()) {
            assertEquals(mountres3.MNT3ERR_ACCES, c.mnt("/").fhs_status, "/ is not exported");
            assertEquals(mountres3.MNT3ERR_ACCES, c.mnt("/database").fhs_status, "a prefix that is no path ancestor");
            assertEquals(mountres3.MNT3ERR_NOENT, c.mnt("/data").fhs_status, "exported but absent from the store");
            RpcReply v1mnt = c.rpc().call(MountProgram.PROGRAM, 1, MountProgram.PROC_MNT, XdrVoid.XDR_VOID);
            assertEquals(RpcReply.PROC_UNAVAIL, v1mnt.acceptStat(), "MNT v1 would hand out NFSv2 handles");
            RpcReply v4 = c.rpc().call(MountProgram.PROGRAM, 4, 0, XdrVoid.XDR_VOID);
            assertEquals(RpcReply.PROG_MISMATCH, v4.acceptStat());
            assertEquals(1, v4.low());
            assertEquals(3, v4.high());
            assertEquals(RpcReply.PROC_UNAVAIL, c.rpc().call(MountProgram.PROGRAM, 3, 6, XdrVoid.XDR_VOID).acceptStat());
            assertEquals(RpcReply.GARBAGE_ARGS, c.rpc().call(MountProgram.PROGRAM, 3, MountProgram.PROC_MNT,
                    new org.dcache.oncrpc4j.xdr.XdrInt(2000)).acceptStat(), "a dirpath longer than 1024 bytes");
        }
    }
}
