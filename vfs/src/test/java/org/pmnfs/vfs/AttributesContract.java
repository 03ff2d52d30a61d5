package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Contract, part 4: SETATTR (mode, owner, times from the server or the client, the ctime guard),
 * timestamps that move on every change even when the clock stands still, and ACCESS.
 */
abstract class AttributesContract extends RenameLinkContract {

    @Test
    void setattrChangesModeAndOwnerAndOnlyCtime() throws Exception {
        FileHandle f = file(root, "f");
        FileAttributes before = attrs(f);
        WccData wcc = fs.setattr(f, SetAttributes.ofMode(04751).withOwner(42, 43), null);
        assertWcc(wcc, before, f);
        FileAttributes after = attrs(f);
        assertEquals(04751, after.mode(), "setuid and permission bits are kept exactly");
        assertEquals(42, after.uid());
        assertEquals(43, after.gid());
        assertChangedOnly(before, after, "chmod/chown");
        assertEquals(before.atimeNanos(), after.atimeNanos());
    }

    @Test
    void setattrTakesUnsignedIds() throws Exception {
        FileHandle f = file(root, "f");
        fs.setattr(f, SetAttributes.NONE.withOwner(-2, 0xFFFF_FFFE), null);
        assertEquals(-2, attrs(f).uid(), "uid 4294967294 (nobody) survives as the same 32 bits");
        assertEquals(0xFFFF_FFFE, attrs(f).gid());
    }

    @Test
    void setattrOfOnlyTheGroupLeavesTheOwner() throws Exception {
        FileHandle d = dir(root, "d");
        fs.setattr(d, SetAttributes.NONE.withOwner(null, 77), null);
        assertEquals(UID, attrs(d).uid());
        assertEquals(77, attrs(d).gid());
        assertEquals(0755, attrs(d).mode());
    }

    @Test
    void setattrClientTimesAreStoredExactly() throws Exception {
        FileHandle f = file(root, "f");
        long atime = 1_234_567_890_123_456_789L;
        long mtime = 987_654_321_000_000_001L;
        FileAttributes before = attrs(f);
        fs.setattr(f, SetAttributes.NONE.withTimes(TimeUpdate.clientTime(atime), TimeUpdate.clientTime(mtime)), null);
        FileAttributes after = attrs(f);
        assertEquals(atime, after.atimeNanos());
        assertEquals(mtime, after.mtimeNanos());
        assertTrue(after.ctimeNanos() > before.ctimeNanos(), "setting times sets ctime to now");
    }

    @Test
    void setattrServerTimesUseTheStoresClock() throws Exception {
        FileHandle f = file(root, "f");
        fs.setattr(f, SetAttributes.NONE.withTimes(TimeUpdate.clientTime(5), TimeUpdate.clientTime(6)), null);
        FileAttributes before = attrs(f);
        fs.setattr(f, SetAttributes.NONE.withTimes(TimeUpdate.SERVER_TIME, TimeUpdate.SERVER_TIME), null);
        FileAttributes after = attrs(f);
        long start = clock.nanos();
        assertTrue(after.atimeNanos() >= start && after.atimeNanos() < start + 1_000_000_000L, "atime from the clock");
        assertTrue(after.mtimeNanos() >= start && after.mtimeNanos() < start + 1_000_000_000L, "mtime from the clock");
        assertTrue(after.ctimeNanos() > before.ctimeNanos());
    }

    @Test
    void setattrOfOneTimeLeavesTheOther() throws Exception {
        FileHandle f = file(root, "f");
        FileAttributes before = attrs(f);
        fs.setattr(f, SetAttributes.NONE.withTimes(TimeUpdate.DONT_CHANGE, TimeUpdate.clientTime(99)), null);
        assertEquals(before.atimeNanos(), attrs(f).atimeNanos());
        assertEquals(99, attrs(f).mtimeNanos());
    }

    @Test
    void guardMatchingCtimeApplies() throws Exception {
        FileHandle f = file(root, "f");
        long ctime = attrs(f).ctimeNanos();
        fs.setattr(f, SetAttributes.ofMode(0600), ctime);
        assertEquals(0600, attrs(f).mode());
    }

    @Test
    void guardNotMatchingCtimeIsNotSyncAndChangesNothing() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, pattern(6, 100));
        FileAttributes before = attrs(f);
        SetAttributes everything = new SetAttributes(0600, 1, 2, 0L, TimeUpdate.SERVER_TIME, TimeUpdate.clientTime(3));
        assertNfsError(NfsStatus.NOT_SYNC, () -> fs.setattr(f, everything, before.ctimeNanos() - 1));
        assertNfsError(NfsStatus.NOT_SYNC, () -> fs.setattr(f, everything, before.ctimeNanos() + 1));
        assertEquals(before, attrs(f));
        assertEquals(100, readAll(f).length);
    }

    @Test
    void setattrSizeOfADirectoryIsIsdirAndOfASymlinkInval() throws Exception {
        FileHandle d = dir(root, "d");
        FileHandle l = symlink(root, "l", "abc");
        FileAttributes dirBefore = attrs(d);
        assertNfsError(NfsStatus.ISDIR, () -> fs.setattr(d, SetAttributes.ofSize(0), null));
        assertNfsError(NfsStatus.INVAL, () -> fs.setattr(l, SetAttributes.ofSize(1), null));
        assertEquals(dirBefore, attrs(d));
        assertEquals(3, attrs(l).size());
    }

    @Test
    void setattrOfModeWorksOnEveryType() throws Exception {
        FileHandle d = dir(root, "d");
        FileHandle l = symlink(root, "l", "abc");
        fs.setattr(d, SetAttributes.ofMode(01777), null);
        fs.setattr(l, SetAttributes.ofMode(0700), null);
        fs.setattr(root, SetAttributes.ofMode(0711), null);
        assertEquals(01777, attrs(d).mode());
        assertEquals(0700, attrs(l).mode());
        assertEquals(0711, attrs(root).mode());
    }

    @Test
    void everyWriteMovesMtimeAndCtimeEvenWithAStoppedClock() throws Exception {
        FileHandle f = file(root, "f");
        FileAttributes dirBefore = attrs(root);
        FileAttributes previous = attrs(f);
        for (int i = 0; i < 5; i++) {
            write(f, i, new byte[] {(byte) i});
            FileAttributes now = attrs(f);
            assertModified(previous, now, "write " + i);
            previous = now;
        }
        assertEquals(dirBefore, attrs(root), "writing a file does not touch its directory");
    }

    @Test
    void truncateMovesMtimeAndCtime() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, pattern(7, 100));
        FileAttributes before = attrs(f);
        WccData wcc = fs.setattr(f, SetAttributes.ofSize(10), null);
        assertWcc(wcc, before, f);
        assertModified(before, attrs(f), "truncate");
        FileAttributes mid = attrs(f);
        fs.setattr(f, SetAttributes.ofSize(1000), null);
        assertModified(mid, attrs(f), "extend");
    }

    @Test
    void namespaceChangesMoveTheDirectoriesTimes() throws Exception {
        FileHandle d = dir(root, "d");
        FileHandle e = dir(root, "e");
        FileAttributes t = attrs(d);
        file(d, "f");
        assertModified(t, t = attrs(d), "create");
        dir(d, "sub");
        assertModified(t, t = attrs(d), "mkdir");
        symlink(d, "l", "f");
        assertModified(t, t = attrs(d), "symlink");
        fs.link(lookup(d, "f"), d, name("g"));
        assertModified(t, t = attrs(d), "link");
        fs.rename(d, name("g"), d, name("h"));
        assertModified(t, t = attrs(d), "rename within");
        fs.remove(d, name("h"));
        assertModified(t, t = attrs(d), "remove");
        fs.rmdir(d, name("sub"));
        assertModified(t, t = attrs(d), "rmdir");
        FileAttributes eBefore = attrs(e);
        fs.rename(d, name("l"), e, name("l"));
        assertModified(t, attrs(d), "rename out");
        assertModified(eBefore, attrs(e), "rename in");
    }

    @Test
    void readsAndLookupsDoNotChangeMtimeOrCtime() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, pattern(8, 10));
        FileAttributes fileBefore = attrs(f);
        FileAttributes dirBefore = attrs(root);
        read(f, 0, 10);
        lookup(root, "f");
        listAll(root, 10, true);
        fs.access(f, Credentials.ROOT, AccessMask.ALL);
        fs.commit(f, 0, 0);
        FileAttributes fileAfter = attrs(f);
        assertEquals(fileBefore.mtimeNanos(), fileAfter.mtimeNanos());
        assertEquals(fileBefore.ctimeNanos(), fileAfter.ctimeNanos());
        assertEquals(dirBefore.mtimeNanos(), attrs(root).mtimeNanos());
        assertEquals(dirBefore.ctimeNanos(), attrs(root).ctimeNanos());
    }

    @Test
    void failedOperationsDoNotMoveTimes() throws Exception {
        FileHandle d = dir(root, "d");
        file(d, "f");
        FileAttributes before = attrs(d);
        assertNfsError(NfsStatus.EXIST, () -> createFile(d, "f"));
        assertNfsError(NfsStatus.NOENT, () -> fs.remove(d, name("nothing")));
        assertNfsError(NfsStatus.NOENT, () -> fs.rename(d, name("nothing"), d, name("else")));
        assertEquals(before, attrs(d));
    }

    @Test
    void accessFollowsTheModeBits() throws Exception {
        FileHandle f = fs.create(root, name("f"), CreateMode.GUARDED, SetAttributes.ofMode(0640).withOwner(UID, GID), 0).handle();
        FileHandle d = dir(root, "d");
        Credentials owner = new Credentials(UID, 1, null);
        Credentials member = new Credentials(5, 6, new int[] {GID});
        Credentials other = new Credentials(5, 6, null);
        int all = AccessMask.ALL;
        assertEquals(AccessMask.READ | AccessMask.MODIFY | AccessMask.EXTEND, fs.access(f, owner, all));
        assertEquals(AccessMask.READ, fs.access(f, member, all));
        assertEquals(0, fs.access(f, other, all));
        assertEquals(AccessMask.READ | AccessMask.MODIFY | AccessMask.EXTEND, fs.access(f, Credentials.ROOT, all),
                "root may read and write but not execute a file without any x bit");
        assertEquals(AccessMask.ALL & ~AccessMask.EXECUTE, fs.access(d, owner, all));
        assertEquals(AccessMask.READ | AccessMask.LOOKUP, fs.access(d, other, all));
        assertEquals(AccessMask.READ, fs.access(d, other, AccessMask.READ | AccessMask.DELETE),
                "only requested bits are answered");
    }

    @Test
    void readOfAFileDoesNotNeedAWholeBuffer() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, pattern(9, 10));
        ByteBuffer dst = ByteBuffer.allocateDirect(64);
        dst.position(20);
        ReadResult r = fs.read(f, 3, 5, dst);
        assertEquals(5, r.count());
        assertEquals(25, dst.position());
        byte[] got = new byte[5];
        dst.get(20, got);
        assertBytes(Arrays.copyOfRange(pattern(9, 10), 3, 8), got, "read into the middle of a direct buffer");
    }
}
