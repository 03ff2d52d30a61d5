package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.exports.ClientMatcher;
import org.pmnfs.server.exports.Export;
import org.pmnfs.server.exports.ExportOptions;
import org.pmnfs.server.exports.ExportRule;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.server.exports.Squash;
import org.pmnfs.server.mount.mountres3;
import org.pmnfs.server.rpc.AuthCredential;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.AccessMask;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/** Export options enforced per request: squashing, read-only, refused clients, secure ports, XDEV. */
class NfsExportRulesTest {

    private static final ClientMatcher LOOPBACK = TestServer.loopbackClient();

    @Test
    void rootSquashMapsRootAndAuthNoneToTheAnonymousIds() throws IOException {
        ExportTable table = new ExportTable(List.of(TestServer.export("/", LOOPBACK,
                new ExportOptions(false, Squash.ROOT, 4321, 4322, false))));
        try (TestServer server = TestServer.start(table); NfsTestClient root = server.client()) {
            byte[] fh = root.mount("/");
            // The store's root directory is root's and 0755: the squashed root may not write there.
            assertEquals(NfsStatus.ACCES, root.create(fh, "f", CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).status);
            assertEquals(AccessMask.READ | AccessMask.LOOKUP, root.access(fh, AccessMask.ALL).access);
            root.as(AuthCredential.NONE);
            assertEquals(AccessMask.READ | AccessMask.LOOKUP, root.access(fh, AccessMask.ALL).access);
            root.asUser(1000, 1000);
            assertEquals(NfsStatus.PERM, root.setattr(fh, SetAttributes.ofMode(0777), null).status);
        }
    }

    @Test
    void allSquashMakesEvenRootAnonymous() throws IOException {
        ExportTable table = new ExportTable(List.of(new Export("/", List.of(
                new ExportRule(LOOPBACK, new ExportOptions(false, Squash.ALL, 4321, 4322, false))))));
        try (TestServer server = TestServer.start(table); NfsTestClient c = server.client()) {
            byte[] fh = c.mount("/");
            assertEquals(AccessMask.READ | AccessMask.LOOKUP, c.access(fh, AccessMask.ALL).access);
            assertEquals(NfsStatus.PERM, c.setattr(fh, SetAttributes.ofMode(0777), null).status, "root is squashed too");
        }
    }

    @Test
    void anonymousIdsOwnWhatSquashedCallersCreate() throws IOException {
        // Two rules for one path are not allowed; use two exports: "/" unsquashed to prepare, "/pub" all_squash.
        ExportTable table = new ExportTable(List.of(
                TestServer.export("/", LOOPBACK, TestServer.options(false, Squash.NONE, false)),
                TestServer.export("/pub", LOOPBACK, new ExportOptions(false, Squash.ALL, 4321, 4322, false))));
        try (TestServer server = TestServer.start(table); NfsTestClient c = server.client()) {
            byte[] root = c.mount("/");
            c.mkdir(root, "pub", SetAttributes.ofMode(0777));
            byte[] pub = c.mount("/pub");
            c.asUser(1000, 1000, 7);
            var made = c.create(pub, "f", CreateMode.GUARDED, SetAttributes.ofMode(0644), 0);
            assertEquals(NfsStatus.OK, made.status);
            assertEquals(4321, made.obj_attributes.uid());
            assertEquals(4322, made.obj_attributes.gid());
        }
    }

    @Test
    void readOnlyExportsRefuseChangesWithRofs() throws IOException {
        ExportTable table = new ExportTable(List.of(
                TestServer.export("/", LOOPBACK, TestServer.options(false, Squash.NONE, false)),
                TestServer.export("/ro", LOOPBACK, TestServer.options(true, Squash.NONE, false))));
        try (TestServer server = TestServer.start(table); NfsTestClient c = server.client()) {
            byte[] rw = c.mount("/");
            byte[] dir = c.makeDir(rw, "ro");
            byte[] file = c.createFile(dir, "f");
            c.write(file, 0, new byte[] {1, 2, 3}, StableHow.FILE_SYNC);
            byte[] ro = c.mount("/ro");
            byte[] roFile = c.lookup(ro, "f").object;
            assertEquals(3, c.read(roFile, 0, 10).count, "reads work");
            assertEquals(NfsStatus.ROFS, c.write(roFile, 0, new byte[1], StableHow.FILE_SYNC).status);
            assertEquals(NfsStatus.ROFS, c.create(ro, "g", CreateMode.GUARDED, SetAttributes.NONE, 0).status);
            assertEquals(NfsStatus.ROFS, c.mkdir(ro, "d", SetAttributes.NONE).status);
            assertEquals(NfsStatus.ROFS, c.setattr(roFile, SetAttributes.ofMode(0600), null).status);
            assertEquals(NfsStatus.ROFS, c.remove(ro, "f").status);
            assertEquals(NfsStatus.ROFS, c.commit(roFile, 0, 0).status);
            assertEquals(AccessMask.READ, c.access(roFile, AccessMask.ALL).access, "no MODIFY/EXTEND on a read-only export");
            assertEquals(NfsStatus.OK, c.write(file, 0, new byte[1], StableHow.FILE_SYNC).status, "the same file via the rw export");
        }
    }

    @Test
    void clientsNotListedAreRefused() throws IOException {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        ExportTable table = new ExportTable(List.of(
                TestServer.export("/", LOOPBACK, TestServer.options(false, Squash.NONE, false)),
                TestServer.export("/only2", ClientMatcher.of(other), TestServer.options(false, Squash.NONE, false))));
        try (TestServer server = TestServer.start(table); NfsTestClient one = server.client()) {
            byte[] root = one.mount("/");
            one.makeDir(root, "only2");
            assertEquals(mountres3.MNT3ERR_ACCES, one.mnt("/only2").fhs_status);
            byte[] handle;
            try (NfsTestClient two = new NfsTestClient(server.address(), new InetSocketAddress(other, 0))) {
                handle = two.mount("/only2");
                assertEquals(NfsStatus.OK, two.getattr(handle).status);
                assertEquals(mountres3.MNT3ERR_ACCES, two.mnt("/").fhs_status);
                assertEquals(NfsStatus.ACCES, two.getattr(root).status, "127.0.0.2 may not use the / export's handles");
            }
            assertEquals(NfsStatus.ACCES, one.getattr(handle).status, "127.0.0.1 may not use /only2's handle");
        }
    }

    @Test
    void secureExportsNeedAPrivilegedPort() throws IOException {
        ExportTable table = new ExportTable(List.of(TestServer.export("/", LOOPBACK, TestServer.options(false, Squash.NONE, true))));
        try (TestServer server = TestServer.start(table)) {
            try (NfsTestClient unprivileged = server.client()) {
                assertEquals(mountres3.MNT3ERR_ACCES, unprivileged.mnt("/").fhs_status);
            }
            NfsTestClient privileged;
            try {
                privileged = new NfsTestClient(server.address(), new InetSocketAddress(TestServer.LOOPBACK, 1000 + (int) (ProcessHandle.current().pid() % 20)));
            } catch (BindException e) {
                assumeTrue(false, "binding a port below 1024 needs root: " + e.getMessage());
                return;
            }
            try (privileged; NfsTestClient unprivileged = server.client()) {
                byte[] fh = privileged.mount("/");
                assertEquals(NfsStatus.OK, privileged.getattr(fh).status);
                assertEquals(NfsStatus.ACCES, unprivileged.getattr(fh).status, "the handle alone is not enough");
            }
        }
    }

    @Test
    void renameAndLinkAcrossExportsAreXdev() throws IOException {
        ExportTable table = new ExportTable(List.of(
                TestServer.export("/", LOOPBACK, TestServer.options(false, Squash.NONE, false)),
                TestServer.export("/sub", LOOPBACK, TestServer.options(false, Squash.NONE, false))));
        try (TestServer server = TestServer.start(table); NfsTestClient c = server.client()) {
            byte[] root = c.mount("/");
            c.makeDir(root, "sub");
            byte[] file = c.createFile(root, "f");
            byte[] sub = c.mount("/sub");
            assertEquals(NfsStatus.XDEV, c.rename(root, "f", sub, "f").status);
            assertEquals(NfsStatus.XDEV, c.link(file, sub, "f").status);
        }
    }

    @Test
    void subdirectoriesOfAnExportCanBeMounted() throws IOException {
        try (TestServer server = TestServer.start(); NfsTestClient c = server.client()) {
            byte[] root = c.mount("/");
            byte[] a = c.makeDir(root, "a");
            byte[] b = c.makeDir(a, "b");
            byte[] mounted = c.mount("//a/b/");
            assertEquals(c.getattr(b).obj_attributes.fileId(), c.getattr(mounted).obj_attributes.fileId());
            assertEquals(mountres3.MNT3ERR_NOENT, c.mnt("/a/missing").fhs_status);
            c.createFile(a, "file");
            assertEquals(mountres3.MNT3ERR_NOTDIR, c.mnt("/a/file").fhs_status);
            assertEquals(mountres3.MNT3ERR_INVAL, c.mnt("/a/../etc").fhs_status);
            assertEquals(mountres3.MNT3ERR_INVAL, c.mnt("relative").fhs_status);
        }
    }
}
