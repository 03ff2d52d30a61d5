package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.server.nfs.xdr.SETATTR3res;
import org.pmnfs.server.nfs.xdr.WRITE3res;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/**
 * The set-id and ownership rules of the Linux nfsd, over the wire, against a real backend: a
 * WRITE by anyone but root clears setuid and executable setgid; chown and chgrp of a
 * non-directory clear them, for root too; chmod outside the file's group drops setgid; only root,
 * or the owner within its own ids and groups, may chown or chgrp, even to the same ids. The
 * callers are root, the owner (with a supplementary group), a non-owner in the owner's group
 * through an AUTH_SYS supplementary gid, and a non-owner outside it. Each backend runs it through
 * a small subclass.
 */
abstract class AbstractSetIdWireTest {

    private static final int OWNER = 1000;
    private static final int OWNER_GROUP = 1000;
    private static final int OWNER_EXTRA_GROUP = 1001;
    private static final int MEMBER = 1002;
    private static final int OTHER = 1003;
    private static final int FOREIGN_GROUP = 2000;

    @TempDir
    Path tmp;

    private TestServer server;
    private NfsTestClient root;
    private NfsTestClient owner;
    private NfsTestClient member;
    private NfsTestClient other;
    private byte[] top;

    /** A fresh, empty backend; the server owns and closes it. */
    protected abstract FileSystemBackend openBackend(Path scratch) throws IOException;

    @BeforeEach
    void start() throws IOException {
        ServerConfig config = ServerConfig.defaults().withListen(new InetSocketAddress(TestServer.LOOPBACK, 0));
        server = TestServer.start(config, openBackend(tmp));
        root = server.client();
        top = root.mount("/");
        assertEquals(NfsStatus.OK, root.setattr(top, SetAttributes.ofMode(0777), null).status);
        owner = server.client().asUser(OWNER, OWNER_GROUP, OWNER_EXTRA_GROUP);
        member = server.client().asUser(MEMBER, MEMBER, 7, OWNER_GROUP);
        other = server.client().asUser(OTHER, OTHER);
    }

    @AfterEach
    void stop() throws IOException {
        for (NfsTestClient c : new NfsTestClient[] {owner, member, other, root}) {
            if (c != null) {
                c.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    // ----------------------------------------------------------------- WRITE

    @Test
    void aWriteByAnyoneButRootClearsSetUidAndExecutableSetGid() throws IOException {
        NfsTestClient[] writers = {owner, member, other};
        String[] names = {"owner", "member", "other"};
        int n = 0;
        for (int w = 0; w < writers.length; w++) {
            for (int mode : new int[] {04777, 02777, 06777}) {
                for (StableHow stable : new StableHow[] {StableHow.UNSTABLE, StableHow.FILE_SYNC}) {
                    String what = names[w] + " writes " + oct(mode) + " " + stable;
                    byte[] f = ownersFile("w" + n++, mode);
                    byte[] data = what.getBytes();
                    WRITE3res r = writers[w].write(f, 3, data, stable);
                    assertEquals(NfsStatus.OK, r.status, what);
                    assertEquals(oct(0777), oct(r.file_wcc.after().mode()), what + ": post-op attributes of the reply");
                    assertEquals(oct(0777), oct(modeOf(f)), what + ": GETATTR afterwards");
                    assertArrayEquals(data, root.read(f, 3, data.length).data, what + ": the data is there");
                }
            }
        }
    }

    @Test
    void rootKeepsTheBitsWhenItWrites() throws IOException {
        byte[] f = ownersFile("f", 06777);
        assertEquals(NfsStatus.OK, root.write(f, 0, new byte[] {1}, StableHow.FILE_SYNC).status);
        assertEquals(oct(06777), oct(modeOf(f)));
    }

    @Test
    void setGidWithoutGroupExecuteStaysForTheGroupOnly() throws IOException {
        byte[] marked = ownersFile("marked", 02767);
        write(member, marked);
        assertEquals(oct(02767), oct(modeOf(marked)), "mandatory-locking marking, written by a group member");
        byte[] both = ownersFile("both", 06767);
        write(member, both);
        assertEquals(oct(02767), oct(modeOf(both)), "setuid goes, the marking stays");
        write(other, marked);
        assertEquals(oct(0767), oct(modeOf(marked)), "written by someone outside the group");
        byte[] ownWrite = ownersFile("own", 02767);
        write(owner, ownWrite);
        assertEquals(oct(02767), oct(modeOf(ownWrite)), "the owner is in the file's group");
    }

    @Test
    void anEmptyWriteAndOtherTypesChangeNothing() throws IOException {
        byte[] f = ownersFile("f", 06777);
        assertEquals(NfsStatus.OK, other.write(f, 0, new byte[0], StableHow.FILE_SYNC).status);
        assertEquals(oct(06777), oct(modeOf(f)), "nfsd writes nothing and clears nothing for 0 bytes");
        byte[] dir = ownersDir("d", 06777);
        assertEquals(NfsStatus.ISDIR, other.write(dir, 0, new byte[1], StableHow.FILE_SYNC).status);
        assertEquals(oct(06777), oct(modeOf(dir)));
    }

    @Test
    void aRefusedWriteClearsNothing() throws IOException {
        byte[] f = ownersFile("f", 04755);
        assertEquals(NfsStatus.ACCES, other.write(f, 0, new byte[1], StableHow.FILE_SYNC).status);
        assertEquals(oct(04755), oct(modeOf(f)));
    }

    @Test
    void truncationBySetattrKeepsTheBitsAsNfsdDoes() throws IOException {
        byte[] f = ownersFile("f", 06777);
        write(owner, f);
        assertEquals(NfsStatus.OK, owner.setattr(f, SetAttributes.ofMode(06777), null).status);
        assertEquals(NfsStatus.OK, other.setattr(f, SetAttributes.ofSize(0), null).status);
        assertEquals(0, root.getattr(f).obj_attributes.size());
        assertEquals(oct(06777), oct(modeOf(f)), "nfsd_setattr clears nothing on ATTR_SIZE; the next WRITE does");
        write(other, f);
        assertEquals(oct(0777), oct(modeOf(f)));
    }

    // ----------------------------------------------------------------- chown, chgrp, chmod

    @Test
    void chgrpByTheOwnerToAnotherOfItsGroupsClearsBoth() throws IOException {
        byte[] f = ownersFile("f", 06555);
        assertEquals(NfsStatus.OK, chown(owner, f, null, OWNER_EXTRA_GROUP).status);
        FileAttributes a = attrs(f);
        assertEquals(oct(0555), oct(a.mode()));
        assertEquals(OWNER_EXTRA_GROUP, a.gid());
    }

    @Test
    void chownClearsForRootTooAndEvenWithoutAChangeOfIds() throws IOException {
        byte[] f = ownersFile("f", 06755);
        SETATTR3res r = chown(root, f, 5, 5);
        assertEquals(NfsStatus.OK, r.status);
        assertEquals(oct(0755), oct(r.obj_wcc.after().mode()), "post-op attributes of the reply");
        assertEquals(oct(0755), oct(modeOf(f)));

        byte[] same = ownersFile("same", 04755);
        assertEquals(NfsStatus.OK, chown(owner, same, OWNER, OWNER_GROUP).status, "the owner's no-op chown");
        assertEquals(oct(0755), oct(modeOf(same)));

        byte[] marked = ownersFile("marked", 06745);
        assertEquals(NfsStatus.OK, chown(root, marked, 5, null).status);
        assertEquals(oct(02745), oct(modeOf(marked)), "root may keep setgid without group-execute");
    }

    @Test
    void directoriesKeepTheirBits() throws IOException {
        byte[] d = ownersDir("d", 06755);
        assertEquals(NfsStatus.OK, chown(owner, d, null, OWNER_EXTRA_GROUP).status);
        assertEquals(oct(06755), oct(modeOf(d)));
        assertEquals(NfsStatus.OK, chown(root, d, 5, 5).status);
        assertEquals(oct(06755), oct(modeOf(d)));
    }

    @Test
    void aModeSentWithAChownLosesTheBitsToo() throws IOException {
        byte[] f = ownersFile("f", 0644);
        assertEquals(NfsStatus.OK, root.setattr(f, SetAttributes.ofMode(06755).withOwner(5, 5), null).status);
        assertEquals(oct(0755), oct(modeOf(f)));
    }

    @Test
    void chmodByAnOwnerOutsideTheGroupDropsSetGid() throws IOException {
        byte[] f = ownersFile("f", 0644);
        assertEquals(NfsStatus.OK, chown(root, f, null, FOREIGN_GROUP).status);
        assertEquals(NfsStatus.OK, owner.setattr(f, SetAttributes.ofMode(02755), null).status);
        assertEquals(oct(0755), oct(modeOf(f)));
        assertEquals(NfsStatus.OK, owner.setattr(f, SetAttributes.ofMode(06755), null).status);
        assertEquals(oct(04755), oct(modeOf(f)), "setuid is the owner's to set");
        assertEquals(NfsStatus.OK, root.setattr(f, SetAttributes.ofMode(02755), null).status);
        assertEquals(oct(02755), oct(modeOf(f)), "root may");

        byte[] g = ownersFile("g", 0644);
        assertEquals(NfsStatus.OK, chown(owner, g, null, OWNER_EXTRA_GROUP).status);
        assertEquals(NfsStatus.OK, owner.setattr(g, SetAttributes.ofMode(02755), null).status);
        assertEquals(oct(02755), oct(modeOf(g)), "a supplementary AUTH_SYS group counts");

        byte[] d = owner.makeDir(top, "d");
        assertEquals(NfsStatus.OK, chown(root, d, null, FOREIGN_GROUP).status);
        assertEquals(NfsStatus.OK, owner.setattr(d, SetAttributes.ofMode(02755), null).status);
        assertEquals(oct(0755), oct(modeOf(d)), "directories too");
    }

    // ----------------------------------------------------------------- who may chown

    @Test
    void aNonOwnerMayNotChownEvenToTheSameIds() throws IOException {
        byte[] f = ownersFile("f", 04755);
        byte[] d = owner.makeDir(top, "d");
        byte[] link = owner.symlink(top, "link", NfsTestClient.bytes("f")).obj;
        for (byte[] object : new byte[][] {f, d, link}) {
            FileAttributes a = attrs(object);
            String what = a.type() + " owned by " + a.uid() + ":" + a.gid();
            assertEquals(NfsStatus.PERM, chown(other, object, a.uid(), a.gid()).status, "other, no-op chown of a " + what);
            assertEquals(NfsStatus.PERM, chown(other, object, a.uid(), null).status, "other, no-op chown (uid) of a " + what);
            assertEquals(NfsStatus.PERM, chown(member, object, null, a.gid()).status, "group member, no-op chgrp of a " + what);
            assertEquals(NfsStatus.PERM, chown(member, object, MEMBER, null).status, "group member takes a " + what);
            assertEquals(a, attrs(object), "nothing changed on the " + what);
        }
    }

    @Test
    void theOwnerMayChgrpOnlyToItsGroupsOrTheCurrentOne() throws IOException {
        byte[] f = ownersFile("f", 0644);
        assertEquals(NfsStatus.OK, chown(owner, f, OWNER, OWNER_GROUP).status, "no-op chown by the owner");
        assertEquals(NfsStatus.PERM, chown(owner, f, MEMBER, null).status, "giving it away");
        assertEquals(NfsStatus.PERM, chown(owner, f, null, FOREIGN_GROUP).status, "a group it is not in");
        assertEquals(NfsStatus.OK, chown(owner, f, null, OWNER_EXTRA_GROUP).status, "a supplementary group");
        assertEquals(NfsStatus.OK, chown(root, f, null, FOREIGN_GROUP).status);
        assertEquals(NfsStatus.OK, chown(owner, f, null, FOREIGN_GROUP).status, "the current group, though not its own");
        assertEquals(FOREIGN_GROUP, attrs(f).gid());
    }

    @Test
    void aModeOnASymlinkIsIgnoredNotRefused() throws IOException {
        byte[] link = owner.symlink(top, "link", NfsTestClient.bytes("target")).obj;
        FileAttributes before = attrs(link);
        assertEquals(NfsStatus.OK, other.setattr(link, SetAttributes.ofMode(0600), null).status);
        assertEquals(NfsStatus.OK, owner.setattr(link, SetAttributes.ofMode(0600), null).status);
        assertEquals(before, attrs(link), "no mode, and no ctime change");
    }

    // ----------------------------------------------------------------- new objects

    @Test
    void newObjectsTakeSetIdBitsAsTheKernelAllows() throws IOException {
        byte[] shared = ownersDir("shared", 02777);
        assertEquals(NfsStatus.OK, chown(root, shared, null, FOREIGN_GROUP).status);
        assertEquals(oct(02777), oct(modeOf(shared)));
        byte[] f = owner.create(shared, "f", CreateMode.GUARDED, SetAttributes.ofMode(02755), 0).obj;
        assertEquals(oct(0755), oct(modeOf(f)), "setgid+group-execute in a setgid directory of a group she is not in");
        assertEquals(FOREIGN_GROUP, attrs(f).gid(), "the directory's group");
        byte[] g = owner.create(shared, "g", CreateMode.GUARDED, SetAttributes.ofMode(02745), 0).obj;
        assertEquals(oct(02745), oct(modeOf(g)), "no group-execute: the marking stays");
        byte[] h = root.create(shared, "h", CreateMode.GUARDED, SetAttributes.ofMode(06755), 0).obj;
        assertEquals(oct(06755), oct(modeOf(h)), "root may");
        byte[] sub = owner.mkdir(shared, "sub", SetAttributes.ofMode(04755)).obj;
        assertEquals(oct(02755), oct(modeOf(sub)), "a directory inherits setgid and takes no setuid");
        byte[] plain = owner.mkdir(top, "plain", SetAttributes.ofMode(06755)).obj;
        assertEquals(oct(0755), oct(modeOf(plain)), "MKDIR keeps only permission and sticky bits");
    }

    // ----------------------------------------------------------------- helpers

    /** A regular file of the owner (group 1000) with {@code mode}, set by the owner, who is in that group. */
    private byte[] ownersFile(String name, int mode) throws IOException {
        byte[] f = owner.create(top, name, CreateMode.GUARDED, SetAttributes.ofMode(0600), 0).obj;
        assertEquals(NfsStatus.OK, owner.setattr(f, SetAttributes.ofMode(mode), null).status);
        assertEquals(oct(mode), oct(modeOf(f)), name + " starts with its mode");
        assertEquals(OWNER_GROUP, attrs(f).gid());
        return f;
    }

    /** A directory of the owner with {@code mode}, set by a chmod (MKDIR takes no set-id bits). */
    private byte[] ownersDir(String name, int mode) throws IOException {
        byte[] d = owner.makeDir(top, name);
        assertEquals(NfsStatus.OK, owner.setattr(d, SetAttributes.ofMode(mode), null).status);
        assertEquals(oct(mode), oct(modeOf(d)), name + " starts with its mode");
        return d;
    }

    private static void write(NfsTestClient who, byte[] f) throws IOException {
        assertEquals(NfsStatus.OK, who.write(f, 0, new byte[] {42}, StableHow.FILE_SYNC).status);
    }

    private static SETATTR3res chown(NfsTestClient who, byte[] object, Integer uid, Integer gid) throws IOException {
        return who.setattr(object, SetAttributes.NONE.withOwner(uid, gid), null);
    }

    private FileAttributes attrs(byte[] fh) throws IOException {
        return root.getattr(fh).obj_attributes;
    }

    private int modeOf(byte[] fh) throws IOException {
        return attrs(fh).mode();
    }

    private static String oct(int mode) {
        return "0" + Integer.toOctalString(mode);
    }
}
