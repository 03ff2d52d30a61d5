package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.AccessMask;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.TimeUpdate;

/**
 * The server's permission checks over loopback TCP, as Linux nfsd makes them: search to look up,
 * write+search to change entries, the sticky bit, owner override for READ/WRITE, SETATTR rules.
 */
class NfsPermissionTest {

    private static final int ALICE = 1000;
    private static final int BOB = 1001;
    private static final int STAFF = 50;

    private TestServer server;
    private NfsTestClient admin;
    private NfsTestClient alice;
    private NfsTestClient bob;
    private byte[] root;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start();
        admin = server.client();
        root = admin.mount("/");
        admin.setattr(root, SetAttributes.ofMode(0777), null);
        alice = server.client().asUser(ALICE, ALICE, STAFF);
        bob = server.client().asUser(BOB, BOB);
    }

    @AfterEach
    void stop() throws IOException {
        alice.close();
        bob.close();
        admin.close();
        server.close();
    }

    @Test
    void lookupNeedsSearchAndChangesNeedWriteAndSearch() throws IOException {
        byte[] closed = admin.mkdir(root, "closed", SetAttributes.ofMode(0700)).obj;
        admin.createFile(closed, "secret");
        assertEquals(NfsStatus.ACCES, alice.lookup(closed, "secret").status);
        assertEquals(NfsStatus.OK, admin.lookup(closed, "secret").status);

        byte[] readOnlyDir = admin.mkdir(root, "ro", SetAttributes.ofMode(0755)).obj;
        assertEquals(NfsStatus.ACCES, alice.create(readOnlyDir, "f", CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).status);
        assertEquals(NfsStatus.ACCES, alice.mkdir(readOnlyDir, "d", SetAttributes.ofMode(0755)).status);
        assertEquals(NfsStatus.ACCES, alice.symlink(readOnlyDir, "l", NfsTestClient.bytes("x")).status);
        admin.createFile(readOnlyDir, "victim");
        assertEquals(NfsStatus.ACCES, alice.remove(readOnlyDir, "victim").status);
        assertEquals(NfsStatus.ACCES, alice.rename(readOnlyDir, "victim", root, "stolen").status);
        byte[] mine = alice.createFile(root, "mine");
        assertEquals(NfsStatus.ACCES, alice.link(mine, readOnlyDir, "link").status);
        assertEquals(NfsStatus.ACCES, alice.readdir(closed, 0, 0, 4096).status, "listing needs read");
    }

    @Test
    void stickyDirectoriesProtectOtherUsersEntries() throws IOException {
        byte[] tmp = admin.mkdir(root, "tmp", SetAttributes.ofMode(01777)).obj;
        alice.createFile(tmp, "alices");
        assertEquals(NfsStatus.PERM, bob.remove(tmp, "alices").status);
        assertEquals(NfsStatus.PERM, bob.rename(tmp, "alices", tmp, "bobs-now").status);
        bob.createFile(tmp, "bobs");
        assertEquals(NfsStatus.PERM, bob.rename(tmp, "bobs", tmp, "alices").status, "replacing alice's entry");
        assertEquals(NfsStatus.OK, alice.remove(tmp, "alices").status);
        assertEquals(NfsStatus.OK, admin.remove(tmp, "bobs").status, "root may");
    }

    @Test
    void readAndWriteHaveOwnerOverride() throws IOException {
        byte[] f = alice.create(root, "f", CreateMode.GUARDED, SetAttributes.ofMode(0444), 0).obj;
        assertEquals(NfsStatus.OK, alice.write(f, 0, new byte[10], StableHow.UNSTABLE).status,
                "the owner writes a 0444 file she created (open(O_CREAT, 0444) then write)");
        assertEquals(NfsStatus.OK, alice.commit(f, 0, 0).status);
        assertEquals(NfsStatus.ACCES, bob.write(f, 0, new byte[10], StableHow.UNSTABLE).status);
        assertEquals(NfsStatus.ACCES, bob.commit(f, 0, 0).status);
        assertEquals(NfsStatus.OK, bob.read(f, 0, 10).status);

        byte[] hidden = alice.create(root, "hidden", CreateMode.GUARDED, SetAttributes.ofMode(0600), 0).obj;
        assertEquals(NfsStatus.ACCES, bob.read(hidden, 0, 10).status);
        byte[] tool = alice.create(root, "tool", CreateMode.GUARDED, SetAttributes.ofMode(0711), 0).obj;
        assertEquals(NfsStatus.OK, bob.read(tool, 0, 10).status, "execute permission allows reading (to run it)");
        assertEquals(AccessMask.EXECUTE, bob.access(tool, AccessMask.ALL).access);
    }

    @Test
    void setattrFollowsChmodChownAndUtimesRules() throws IOException {
        byte[] f = alice.create(root, "f", CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).obj;
        assertEquals(NfsStatus.PERM, bob.setattr(f, SetAttributes.ofMode(0777), null).status);
        assertEquals(NfsStatus.OK, alice.setattr(f, SetAttributes.ofMode(0640), null).status);
        assertEquals(NfsStatus.PERM, alice.setattr(f, SetAttributes.NONE.withOwner(BOB, null), null).status);
        assertEquals(NfsStatus.OK, alice.setattr(f, SetAttributes.NONE.withOwner(ALICE, null), null).status, "chown to herself");
        assertEquals(NfsStatus.OK, alice.setattr(f, SetAttributes.NONE.withOwner(null, STAFF), null).status);
        assertEquals(NfsStatus.PERM, alice.setattr(f, SetAttributes.NONE.withOwner(null, 7), null).status);
        assertEquals(NfsStatus.OK, admin.setattr(f, SetAttributes.NONE.withOwner(BOB, 7), null).status);
        assertEquals(BOB, admin.getattr(f).obj_attributes.uid());

        byte[] shared = alice.create(root, "shared", CreateMode.GUARDED, SetAttributes.ofMode(0666), 0).obj;
        assertEquals(NfsStatus.OK, bob.setattr(shared, SetAttributes.ofSize(0), null).status, "write permission allows truncation");
        assertEquals(NfsStatus.OK, bob.setattr(shared,
                SetAttributes.NONE.withTimes(TimeUpdate.SERVER_TIME, TimeUpdate.SERVER_TIME), null).status, "touch");
        assertEquals(NfsStatus.PERM, bob.setattr(shared,
                SetAttributes.NONE.withTimes(TimeUpdate.DONT_CHANGE, TimeUpdate.clientTime(5)), null).status, "touch -d");
        byte[] own = alice.create(root, "own", CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).obj;
        assertEquals(NfsStatus.ACCES, bob.setattr(own, SetAttributes.ofSize(0), null).status);
        assertEquals(NfsStatus.ACCES, bob.setattr(own,
                SetAttributes.NONE.withTimes(TimeUpdate.SERVER_TIME, TimeUpdate.SERVER_TIME), null).status);
        assertEquals(NfsStatus.OK, alice.setattr(own,
                SetAttributes.NONE.withTimes(TimeUpdate.clientTime(5), TimeUpdate.clientTime(5)), null).status);
    }

    @Test
    void movingADirectoryToAnotherParentNeedsWriteOnIt() throws IOException {
        byte[] a = alice.makeDir(root, "a");
        byte[] b = alice.makeDir(root, "b");
        admin.mkdir(a, "roots", SetAttributes.ofMode(0755));
        assertEquals(NfsStatus.ACCES, alice.rename(a, "roots", b, "roots").status, "its '..' would change");
        assertEquals(NfsStatus.OK, alice.rename(a, "roots", a, "renamed").status, "same parent: fine");
    }

    @Test
    void accessReportsWhatTheCallerHolds() throws IOException {
        byte[] f = alice.create(root, "f", CreateMode.GUARDED, SetAttributes.ofMode(0640).withOwner(null, STAFF), 0).obj;
        assertEquals(AccessMask.READ | AccessMask.MODIFY | AccessMask.EXTEND, alice.access(f, AccessMask.ALL).access);
        assertEquals(0, bob.access(f, AccessMask.ALL).access);
        try (NfsTestClient carol = server.client().asUser(1002, 1002, STAFF)) {
            assertEquals(AccessMask.READ, carol.access(f, AccessMask.ALL).access, "group read");
        }
    }
}
