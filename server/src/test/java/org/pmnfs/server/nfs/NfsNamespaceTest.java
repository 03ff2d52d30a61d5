package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.nfs.xdr.CREATE3res;
import org.pmnfs.server.nfs.xdr.LINK3res;
import org.pmnfs.server.nfs.xdr.MKDIR3res;
import org.pmnfs.server.nfs.xdr.MKNOD3res;
import org.pmnfs.server.nfs.xdr.READLINK3res;
import org.pmnfs.server.nfs.xdr.RENAME3res;
import org.pmnfs.server.nfs.xdr.REMOVE3res;
import org.pmnfs.server.nfs.xdr.RMDIR3res;
import org.pmnfs.server.nfs.xdr.SETATTR3res;
import org.pmnfs.server.nfs.xdr.SYMLINK3res;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.TimeUpdate;
import org.pmnfs.vfs.WccData;

/** The namespace procedures and SETATTR over loopback TCP, with wcc_data on success and failure. */
class NfsNamespaceTest {

    private TestServer server;
    private NfsTestClient client;
    private byte[] root;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start();
        client = server.client();
        root = client.mount("/");
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void createModesFollowRfc1813() throws IOException {
        CREATE3res made = client.create(root, "f", CreateMode.GUARDED, SetAttributes.ofMode(0640), 0);
        assertEquals(NfsStatus.OK, made.status);
        assertNotNull(made.obj);
        assertEquals(0640, made.obj_attributes.mode());
        assertWcc(made.dir_wcc);
        assertTrue(made.dir_wcc.after().mtimeNanos() > made.dir_wcc.before().mtimeNanos() || made.dir_wcc.after().ctimeNanos()
                > made.dir_wcc.before().ctimeNanos(), "the directory changed");

        CREATE3res guarded = client.create(root, "f", CreateMode.GUARDED, SetAttributes.ofMode(0640), 0);
        assertEquals(NfsStatus.EXIST, guarded.status);
        assertNotNull(guarded.dir_wcc.after(), "failed CREATE carries the directory's attributes");

        client.write(made.obj, 0, new byte[100], StableHow.UNSTABLE);
        CREATE3res unchecked = client.create(root, "f", CreateMode.UNCHECKED, SetAttributes.ofSize(0), 0);
        assertEquals(NfsStatus.OK, unchecked.status);
        assertArrayEquals(made.obj, unchecked.obj, "UNCHECKED returns the existing file");
        assertEquals(0, client.getattr(made.obj).obj_attributes.size(), "and applies its size");

        CREATE3res excl = client.create(root, "x", CreateMode.EXCLUSIVE, SetAttributes.NONE, 0x1122334455667788L);
        assertEquals(NfsStatus.OK, excl.status);
        CREATE3res again = client.create(root, "x", CreateMode.EXCLUSIVE, SetAttributes.NONE, 0x1122334455667788L);
        assertEquals(NfsStatus.OK, again.status, "a retransmitted EXCLUSIVE create succeeds");
        assertArrayEquals(excl.obj, again.obj);
        assertEquals(NfsStatus.EXIST, client.create(root, "x", CreateMode.EXCLUSIVE, SetAttributes.NONE, 1).status,
                "another verifier is another client");
        assertEquals(NfsStatus.EXIST, client.create(root, "..", CreateMode.UNCHECKED, SetAttributes.NONE, 0).status);
    }

    @Test
    void newObjectsBelongToTheCaller() throws IOException {
        client.setattr(root, SetAttributes.ofMode(0777), null);
        client.asUser(1000, 100, 5);
        FileAttributes a = client.create(root, "mine", CreateMode.GUARDED, SetAttributes.ofMode(0600), 0).obj_attributes;
        assertEquals(1000, a.uid());
        assertEquals(100, a.gid());
        assertEquals(NfsStatus.PERM, client.create(root, "theirs", CreateMode.GUARDED, SetAttributes.ofMode(0600).withOwner(0, null), 0).status);
        assertEquals(5, client.mkdir(root, "d5", SetAttributes.ofMode(0755).withOwner(null, 5)).obj_attributes.gid(),
                "a supplementary group may be chosen");
        assertEquals(NfsStatus.PERM, client.mkdir(root, "d6", SetAttributes.ofMode(0755).withOwner(null, 6)).status);
    }

    @Test
    void setgidDirectoriesPassTheirGroupOn() throws IOException {
        byte[] shared = client.makeDir(root, "shared");
        client.setattr(shared, SetAttributes.ofMode(02777).withOwner(null, 50), null);
        client.asUser(1000, 100);
        MKDIR3res sub = client.mkdir(shared, "sub", SetAttributes.ofMode(0755));
        assertEquals(50, sub.obj_attributes.gid());
        assertEquals(02755, sub.obj_attributes.mode());
        assertEquals(50, client.create(shared, "f", CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).obj_attributes.gid());
    }

    @Test
    void mkdirRmdirAndNotEmpty() throws IOException {
        MKDIR3res d = client.mkdir(root, "d", SetAttributes.ofMode(0750));
        assertEquals(NfsStatus.OK, d.status);
        assertEquals(FileType.DIRECTORY, d.obj_attributes.type());
        assertWcc(d.dir_wcc);
        assertEquals(NfsStatus.EXIST, client.mkdir(root, "d", SetAttributes.NONE).status);
        client.createFile(d.obj, "inner");
        RMDIR3res full = client.rmdir(root, "d");
        assertEquals(NfsStatus.NOTEMPTY, full.status);
        assertNotNull(full.dir_wcc.after());
        assertEquals(NfsStatus.OK, client.remove(d.obj, "inner").status);
        RMDIR3res ok = client.rmdir(root, "d");
        assertEquals(NfsStatus.OK, ok.status);
        assertWcc(ok.dir_wcc);
        assertEquals(NfsStatus.NOENT, client.rmdir(root, "d").status);
        assertEquals(NfsStatus.INVAL, client.rmdir(root, ".").status);
    }

    @Test
    void symlinksStoreTheirTarget() throws IOException {
        SYMLINK3res s = client.symlink(root, "l", NfsTestClient.bytes("../some/where"));
        assertEquals(NfsStatus.OK, s.status);
        assertEquals(FileType.SYMLINK, s.obj_attributes.type());
        assertWcc(s.dir_wcc);
        READLINK3res r = client.readlink(s.obj);
        assertEquals(NfsStatus.OK, r.status);
        assertArrayEquals(NfsTestClient.bytes("../some/where"), r.data);
        assertNotNull(r.symlink_attributes);
        assertEquals(NfsStatus.INVAL, client.readlink(root).status);
        assertEquals(NfsStatus.INVAL, client.symlink(root, "empty", new byte[0]).status);
        assertEquals(NfsStatus.NAMETOOLONG, client.symlink(root, "long", new byte[5000]).status);
    }

    @Test
    void mknodMakesFifosAndDevicesOnlyForRoot() throws IOException {
        MKNOD3res fifo = client.mknod(root, "fifo", FileType.FIFO, 0, 0);
        assertEquals(NfsStatus.OK, fifo.status);
        assertEquals(FileType.FIFO, fifo.obj_attributes.type());
        MKNOD3res dev = client.mknod(root, "null", FileType.CHARACTER, 1, 3);
        assertEquals(NfsStatus.OK, dev.status);
        assertEquals(1, dev.obj_attributes.rdevMajor());
        assertEquals(3, dev.obj_attributes.rdevMinor());
        assertEquals(NfsStatus.BADTYPE, client.mknod(root, "reg", FileType.REGULAR, 0, 0).status);
        client.setattr(root, SetAttributes.ofMode(0777), null);
        client.asUser(1000, 1000);
        assertEquals(NfsStatus.PERM, client.mknod(root, "blk", FileType.BLOCK, 8, 0).status);
        assertEquals(NfsStatus.OK, client.mknod(root, "sock", FileType.SOCKET, 0, 0).status);
    }

    @Test
    void removeRenameAndLink() throws IOException {
        byte[] a = client.createFile(root, "a");
        byte[] dir = client.makeDir(root, "dir");
        LINK3res l = client.link(a, dir, "a2");
        assertEquals(NfsStatus.OK, l.status);
        assertEquals(2, l.file_attributes.nlink());
        assertWcc(l.linkdir_wcc);
        assertEquals(NfsStatus.EXIST, client.link(a, dir, "a2").status);
        assertEquals(NfsStatus.ISDIR, client.link(dir, root, "dirlink").status);

        RENAME3res r = client.rename(root, "a", dir, "b");
        assertEquals(NfsStatus.OK, r.status);
        assertWcc(r.fromdir_wcc);
        assertWcc(r.todir_wcc);
        assertEquals(NfsStatus.NOENT, client.lookup(root, "a").status);
        assertArrayEquals(a, client.lookup(dir, "b").object);
        RENAME3res missing = client.rename(root, "nope", dir, "c");
        assertEquals(NfsStatus.NOENT, missing.status);
        assertNotNull(missing.fromdir_wcc.after());
        assertNotNull(missing.todir_wcc.after());
        assertEquals(NfsStatus.INVAL, client.rename(root, "dir", dir, "inside").status, "into its own subtree");

        REMOVE3res rm = client.remove(dir, "b");
        assertEquals(NfsStatus.OK, rm.status);
        assertWcc(rm.dir_wcc);
        assertEquals(1, client.getattr(a).obj_attributes.nlink());
        assertEquals(NfsStatus.ISDIR, client.remove(root, "dir").status);
        assertEquals(NfsStatus.NOENT, client.remove(root, "dir-not-there").status);
    }

    @Test
    void setattrChangesModeSizeAndTimesAndHonoursTheGuard() throws IOException {
        byte[] f = client.createFile(root, "s");
        client.write(f, 0, new byte[1000], StableHow.UNSTABLE);
        FileAttributes before = client.getattr(f).obj_attributes;
        SETATTR3res r = client.setattr(f, SetAttributes.ofMode(0600).withSize(10L), null);
        assertEquals(NfsStatus.OK, r.status);
        assertWcc(r.obj_wcc);
        assertEquals(1000, r.obj_wcc.before().size());
        assertEquals(10, r.obj_wcc.after().size());
        assertEquals(0600, r.obj_wcc.after().mode());

        long t = 1_600_000_000_123_456_789L;
        SETATTR3res times = client.setattr(f, SetAttributes.NONE.withTimes(TimeUpdate.clientTime(t), TimeUpdate.clientTime(t)), null);
        assertEquals(t, times.obj_wcc.after().mtimeNanos());
        assertEquals(t, times.obj_wcc.after().atimeNanos());

        SETATTR3res stale = client.setattr(f, SetAttributes.ofMode(0644), before.ctimeNanos());
        assertEquals(NfsStatus.NOT_SYNC, stale.status, "the ctime moved since 'before'");
        assertNotNull(stale.obj_wcc.after());
        long ctime = client.getattr(f).obj_attributes.ctimeNanos();
        assertEquals(NfsStatus.OK, client.setattr(f, SetAttributes.ofMode(0644), ctime).status);
        assertEquals(NfsStatus.ISDIR, client.setattr(root, SetAttributes.ofSize(0), null).status);
        assertNull(client.setattr(new byte[] {0, 0, 0, 1, 2}, SetAttributes.NONE, null).obj_wcc.after());
    }

    private static void assertWcc(WccData wcc) {
        assertNotNull(wcc.before(), "pre-op attributes");
        assertNotNull(wcc.after(), "post-op attributes");
    }
}
