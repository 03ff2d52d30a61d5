package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The set-id decisions of {@link SetIdRules}, case by case, with the outcome the Linux 6.1 nfsd
 * gives for each (the e2e guest checks confirm them against the kernel nfsd itself).
 */
class SetIdRulesTest {

    private static final int OWNER_UID = 1000;
    private static final int FILE_GID = 100;
    /** The owner, in groups 1000 and (supplementary) 1001, not in the file's group 100. */
    private static final Credentials OWNER = new Credentials(OWNER_UID, 1000, new int[] {1001});
    /** Not the owner; in the file's group through a supplementary gid. */
    private static final Credentials MEMBER = new Credentials(2000, 2000, new int[] {FILE_GID});
    private static final Credentials OTHER = new Credentials(3000, 3000, null);
    private static final Credentials ROOT = Credentials.ROOT;

    private static FileAttributes of(FileType type, int mode) {
        return new FileAttributes(type, mode, 1, OWNER_UID, FILE_GID, 0, 0, 0, 0, 1, 2, 0, 0, 0);
    }

    private static FileAttributes file(int mode) {
        return of(FileType.REGULAR, mode);
    }

    private static String oct(int mode) {
        return "0" + Integer.toOctalString(mode);
    }

    private static void assertMode(int expected, int actual) {
        assertEquals(oct(expected), oct(actual));
    }

    private static void assertMode(int expected, int actual, String why) {
        assertEquals(oct(expected), oct(actual), why);
    }

    @Test
    void aWriteByAnyoneButRootClearsSetUidAndExecutableSetGid() {
        for (Credentials who : new Credentials[] {OWNER, MEMBER, OTHER}) {
            assertMode(0777, SetIdRules.modeForWrite(file(04777), who));
            assertMode(0777, SetIdRules.modeForWrite(file(02777), who));
            assertMode(0777, SetIdRules.modeForWrite(file(06777), who));
            assertMode(0755, SetIdRules.modeForWrite(file(04755), who));
        }
        assertMode(06777, SetIdRules.modeForWrite(file(06777), ROOT));
    }

    @Test
    void setGidWithoutGroupExecuteStaysForGroupMembersOnly() {
        assertMode(02767, SetIdRules.modeForWrite(file(02767), MEMBER), "mandatory-locking marking");
        assertMode(02767, SetIdRules.modeForWrite(file(06767), MEMBER), "setuid goes, the marking stays");
        assertMode(0767, SetIdRules.modeForWrite(file(02767), OTHER), "outside the group it goes (setattr_should_drop_sgid)");
        assertMode(0767, SetIdRules.modeForWrite(file(06767), OTHER));
        assertMode(0767, SetIdRules.modeForWrite(file(02767), OWNER), "the owner is not in group 100");
        assertMode(02767, SetIdRules.modeForWrite(file(02767), ROOT));
    }

    @Test
    void aWriteLeavesOtherModesAndOtherTypesAlone() {
        assertMode(0777, SetIdRules.modeForWrite(file(0777), OTHER));
        assertMode(01777, SetIdRules.modeForWrite(file(01777), OTHER), "the sticky bit is not a set-id bit");
        assertMode(06777, SetIdRules.modeForWrite(of(FileType.DIRECTORY, 06777), OTHER));
        assertMode(06777, SetIdRules.modeForWrite(of(FileType.FIFO, 06777), OTHER));
    }

    @Test
    void chgrpOfANonDirectoryClearsSetIdBitsWhenNoModeIsGiven() {
        SetAttributes toOwnGroup = SetAttributes.NONE.withOwner(null, 1001);
        assertMode(0555, SetIdRules.forSetattr(file(06555), toOwnGroup, OWNER).mode());
        // S_ISGID without group-execute survives when the caller may keep it (old and new group).
        FileAttributes inOwnGroup = new FileAttributes(FileType.REGULAR, 06545, 1, OWNER_UID, 1000, 0, 0, 0, 0, 1, 2, 0, 0, 0);
        assertMode(02545, SetIdRules.forSetattr(inOwnGroup, toOwnGroup, OWNER).mode());
        assertMode(0545, SetIdRules.forSetattr(file(06545), toOwnGroup, OWNER).mode(), "not a member of the old group 100");
        assertNull(SetIdRules.forSetattr(file(0755), toOwnGroup, OWNER).mode(), "no set-id bit: no mode change");
        FileAttributes markedInOwnGroup = new FileAttributes(FileType.REGULAR, 02545, 1, OWNER_UID, 1000, 0, 0, 0, 0, 1, 2, 0, 0, 0);
        assertNull(SetIdRules.forSetattr(markedInOwnGroup, toOwnGroup, OWNER).mode(), "a kept marking needs no mode change");
    }

    @Test
    void chownClearsForRootTooAndEvenWhenTheIdsDoNotChange() {
        assertMode(0755, SetIdRules.forSetattr(file(06755), SetAttributes.NONE.withOwner(5, 5), ROOT).mode());
        assertMode(02745, SetIdRules.forSetattr(file(06745), SetAttributes.NONE.withOwner(5, null), ROOT).mode(),
                "root keeps S_ISGID without group-execute");
        assertMode(0755, SetIdRules.forSetattr(file(04755), SetAttributes.NONE.withOwner(OWNER_UID, null), OWNER).mode(),
                "a no-op chown by the owner still clears");
        assertMode(0644, SetIdRules.forSetattr(of(FileType.FIFO, 04644), SetAttributes.NONE.withOwner(5, 5), ROOT).mode());
    }

    @Test
    void directoriesKeepTheirBitsOnChown() {
        SetAttributes chown = SetAttributes.NONE.withOwner(5, 5);
        assertSame(chown, SetIdRules.forSetattr(of(FileType.DIRECTORY, 06755), chown, ROOT));
        SetAttributes chgrp = SetAttributes.NONE.withOwner(null, 1001);
        assertSame(chgrp, SetIdRules.forSetattr(of(FileType.DIRECTORY, 02755), chgrp, OWNER));
    }

    @Test
    void aModeInTheSameRequestAsAChownLosesSetUidAndExecutableSetGid() {
        SetAttributes both = SetAttributes.ofMode(06755).withOwner(5, 5);
        assertMode(0755, SetIdRules.forSetattr(file(0644), both, ROOT).mode());
        assertMode(02745, SetIdRules.forSetattr(file(0644), SetAttributes.ofMode(06745).withOwner(5, 5), ROOT).mode());
        assertMode(06755, SetIdRules.forSetattr(of(FileType.DIRECTORY, 0755), both, ROOT).mode());
    }

    @Test
    void chmodOutsideTheGroupDropsSetGid() {
        assertMode(0755, SetIdRules.forSetattr(file(0644), SetAttributes.ofMode(02755), OWNER).mode(), "owner not in group 100");
        assertMode(04755, SetIdRules.forSetattr(file(0644), SetAttributes.ofMode(06755), OWNER).mode());
        FileAttributes inOwnGroup = new FileAttributes(FileType.REGULAR, 0644, 1, OWNER_UID, 1001, 0, 0, 0, 0, 1, 2, 0, 0, 0);
        SetAttributes chmod = SetAttributes.ofMode(02755);
        assertSame(chmod, SetIdRules.forSetattr(inOwnGroup, chmod, OWNER), "a supplementary group counts");
        assertSame(chmod, SetIdRules.forSetattr(file(0644), chmod, ROOT), "root may");
        assertMode(0755, SetIdRules.forSetattr(of(FileType.DIRECTORY, 0755), chmod, OWNER).mode(), "directories too");
        // With a group change in the same request, the new group decides.
        assertMode(0755, SetIdRules.forSetattr(file(0644), SetAttributes.ofMode(02755).withOwner(null, 1001), OWNER).mode(),
                "group-execute: the chown rule clears it");
        assertMode(02745, SetIdRules.forSetattr(file(0644), SetAttributes.ofMode(02745).withOwner(null, 1001), OWNER).mode());
        assertMode(0745, SetIdRules.forSetattr(file(0644), SetAttributes.ofMode(02745).withOwner(null, FILE_GID), OWNER).mode(),
                "a no-op chgrp to a group she is not in");
    }

    @Test
    void symlinksIgnoreModesAndSizesAndTimesPassThrough() {
        SetAttributes chmod = SetAttributes.ofMode(0600);
        assertTrue(SetIdRules.forSetattr(of(FileType.SYMLINK, 0777), chmod, OWNER).isEmpty());
        SetAttributes truncate = SetAttributes.ofSize(0);
        assertSame(truncate, SetIdRules.forSetattr(file(06777), truncate, OTHER), "nfsd keeps the bits on SETATTR size");
        SetAttributes touch = SetAttributes.NONE.withTimes(TimeUpdate.SERVER_TIME, TimeUpdate.SERVER_TIME);
        assertSame(touch, SetIdRules.forSetattr(file(06777), touch, OTHER));
    }

    @Test
    void newObjects() {
        FileAttributes setGidDir = of(FileType.DIRECTORY, 02777);
        FileAttributes plainDir = of(FileType.DIRECTORY, 0777);
        assertMode(02755, SetIdRules.forNewObject(setGidDir, 0755, true, OTHER), "inherits setgid");
        assertMode(01755, SetIdRules.forNewObject(plainDir, 07755, true, ROOT), "mkdir keeps permission and sticky bits only");
        assertMode(0755, SetIdRules.forNewObject(setGidDir, 02755, false, OTHER), "not in the directory's group 100");
        assertMode(02755, SetIdRules.forNewObject(setGidDir, 02755, false, MEMBER));
        assertMode(02755, SetIdRules.forNewObject(setGidDir, 02755, false, ROOT));
        assertMode(02745, SetIdRules.forNewObject(setGidDir, 02745, false, OTHER), "no group-execute: left alone");
        assertMode(06755, SetIdRules.forNewObject(plainDir, 06755, false, OTHER), "outside a setgid directory: left alone");
    }

    @Test
    void keepingSetGidNeedsRootOrAGroup() {
        assertTrue(SetIdRules.mayKeepSetGid(ROOT, 12345));
        assertTrue(SetIdRules.mayKeepSetGid(MEMBER, FILE_GID));
        assertTrue(SetIdRules.mayKeepSetGid(OWNER, 1001));
        assertFalse(SetIdRules.mayKeepSetGid(OTHER, FILE_GID));
    }
}
