package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.AccessException;
import org.pmnfs.vfs.AccessMask;
import org.pmnfs.vfs.Credentials;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.NotDirException;
import org.pmnfs.vfs.PermException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.TimeUpdate;

/** The permission rules, one by one, without a server. */
class AccessRulesTest {

    private static final Credentials ALICE = new Credentials(1000, 1000, new int[] {50});
    private static final Credentials BOB = new Credentials(1001, 1001, new int[0]);

    private static FileAttributes file(int mode, int uid, int gid) {
        return new FileAttributes(FileType.REGULAR, mode, 1, uid, gid, 0, 0, 0, 0, 1, 2, 0, 0, 0);
    }

    private static FileAttributes dir(int mode, int uid, int gid) {
        return new FileAttributes(FileType.DIRECTORY, mode, 2, uid, gid, 0, 0, 0, 0, 1, 3, 0, 0, 0);
    }

    @Test
    void directoriesNeedTheRightBitsAndMustBeDirectories() {
        assertThrows(AccessException.class, () -> AccessRules.lookup(dir(0700, 0, 0), ALICE));
        assertDoesNotThrow(() -> AccessRules.lookup(dir(0711, 0, 0), ALICE));
        assertThrows(NotDirException.class, () -> AccessRules.lookup(file(0777, 0, 0), ALICE));
        assertThrows(AccessException.class, () -> AccessRules.changeEntries(dir(0755, 0, 0), ALICE));
        assertThrows(AccessException.class, () -> AccessRules.changeEntries(dir(0772, 0, 0), ALICE), "w without x");
        assertDoesNotThrow(() -> AccessRules.changeEntries(dir(0770, 0, 50), ALICE), "group w+x");
        assertThrows(AccessException.class, () -> AccessRules.list(dir(0711, 0, 0), ALICE));
    }

    @Test
    void ownerOverridesAndReadIfExecute() {
        assertDoesNotThrow(() -> AccessRules.read(file(0000, 1000, 0), ALICE));
        assertDoesNotThrow(() -> AccessRules.write(file(0444, 1000, 0), ALICE));
        assertThrows(AccessException.class, () -> AccessRules.write(file(0444, 1000, 0), BOB));
        assertThrows(AccessException.class, () -> AccessRules.read(file(0600, 1000, 0), BOB));
        assertDoesNotThrow(() -> AccessRules.read(file(0701, 1000, 0), BOB));
    }

    @Test
    void stickyRule() {
        FileAttributes tmp = dir(01777, 0, 0);
        assertTrue(AccessRules.victimMatters(tmp, ALICE));
        assertFalse(AccessRules.victimMatters(tmp, Credentials.ROOT));
        assertFalse(AccessRules.victimMatters(dir(0777, 0, 0), ALICE));
        assertThrows(PermException.class, () -> AccessRules.stickyDelete(tmp, file(0644, 1001, 0), ALICE));
        assertDoesNotThrow(() -> AccessRules.stickyDelete(tmp, file(0644, 1000, 0), ALICE));
    }

    @Test
    void setattrRules() {
        FileAttributes mine = file(0644, 1000, 1000);
        assertDoesNotThrow(() -> AccessRules.setattr(mine, SetAttributes.ofMode(0600), ALICE));
        assertThrows(PermException.class, () -> AccessRules.setattr(mine, SetAttributes.ofMode(0600), BOB));
        assertThrows(PermException.class, () -> AccessRules.setattr(mine, SetAttributes.NONE.withOwner(1001, null), ALICE));
        assertDoesNotThrow(() -> AccessRules.setattr(mine, SetAttributes.NONE.withOwner(null, 50), ALICE));
        assertThrows(PermException.class, () -> AccessRules.setattr(mine, SetAttributes.NONE.withOwner(null, 51), ALICE));
        assertThrows(AccessException.class, () -> AccessRules.setattr(mine, SetAttributes.ofSize(0), BOB));
        assertDoesNotThrow(() -> AccessRules.setattr(file(0666, 1000, 0), SetAttributes.ofSize(0), BOB));
        assertThrows(PermException.class, () -> AccessRules.setattr(file(0666, 1000, 0),
                SetAttributes.NONE.withTimes(TimeUpdate.clientTime(1), TimeUpdate.DONT_CHANGE), BOB));
        assertDoesNotThrow(() -> AccessRules.setattr(file(0666, 1000, 0),
                SetAttributes.NONE.withTimes(TimeUpdate.SERVER_TIME, TimeUpdate.SERVER_TIME), BOB));
        assertDoesNotThrow(() -> AccessRules.setattr(mine, new SetAttributes(0, 5, 5, 0L, TimeUpdate.clientTime(1),
                TimeUpdate.clientTime(1)), Credentials.ROOT));
    }

    @Test
    void chownAndChgrpAreRefusedEvenWhenTheyChangeNothing() {
        FileAttributes alices = file(0644, 1000, 1000);
        assertThrows(PermException.class, () -> AccessRules.setattr(alices, SetAttributes.NONE.withOwner(1000, 1000), BOB),
                "a non-owner's no-op chown");
        assertThrows(PermException.class, () -> AccessRules.setattr(alices, SetAttributes.NONE.withOwner(null, 1000), BOB),
                "a non-owner's no-op chgrp");
        Credentials member = new Credentials(1002, 1002, new int[] {1000});
        assertThrows(PermException.class, () -> AccessRules.setattr(alices, SetAttributes.NONE.withOwner(null, 1000), member),
                "membership of the group is not enough");
        FileAttributes link = new FileAttributes(FileType.SYMLINK, 0777, 1, 1000, 1000, 1, 0, 0, 0, 1, 4, 0, 0, 0);
        assertThrows(PermException.class, () -> AccessRules.setattr(link, SetAttributes.NONE.withOwner(1000, 1000), BOB), "lchown");
        assertDoesNotThrow(() -> AccessRules.setattr(alices, SetAttributes.NONE.withOwner(1000, 1000), ALICE), "the owner's no-op");
        assertDoesNotThrow(() -> AccessRules.setattr(alices, SetAttributes.NONE.withOwner(1000, 1000), Credentials.ROOT));
    }

    @Test
    void theOwnerMayChgrpToTheCurrentGroupThoughNotInIt() {
        FileAttributes f = file(0644, 1000, 77);
        assertDoesNotThrow(() -> AccessRules.setattr(f, SetAttributes.NONE.withOwner(1000, 77), ALICE));
        assertThrows(PermException.class, () -> AccessRules.setattr(f, SetAttributes.NONE.withOwner(null, 78), ALICE));
    }

    @Test
    void aModeOnASymlinkIsNoOnesBusiness() {
        FileAttributes link = new FileAttributes(FileType.SYMLINK, 0777, 1, 1000, 1000, 1, 0, 0, 0, 1, 4, 0, 0, 0);
        assertDoesNotThrow(() -> AccessRules.setattr(link, SetAttributes.ofMode(0600), BOB), "nfsd ignores it");
    }

    @Test
    void writePermissionIsCheckedBeforeOwnership() {
        FileAttributes f = file(0644, 1000, 1000);
        // nfsd_setattr's fh_verify asks for write permission before setattr_prepare looks at owners.
        assertThrows(AccessException.class, () -> AccessRules.setattr(f, SetAttributes.ofMode(0600).withSize(0L), BOB));
        assertThrows(AccessException.class, () -> AccessRules.setattr(f, SetAttributes.NONE.withOwner(1001, null)
                .withTimes(TimeUpdate.SERVER_TIME, TimeUpdate.SERVER_TIME), BOB));
        // A time chosen by the client needs ownership, not write permission: PERM.
        assertThrows(PermException.class, () -> AccessRules.setattr(f,
                SetAttributes.NONE.withTimes(TimeUpdate.SERVER_TIME, TimeUpdate.clientTime(1)), BOB));
    }

    @Test
    void accessOnReadOnlyExportsDropsModifyingBits() {
        FileAttributes f = file(0666, 1000, 0);
        assertEquals(AccessMask.READ | AccessMask.MODIFY | AccessMask.EXTEND, AccessRules.granted(f, BOB, AccessMask.ALL, false));
        assertEquals(AccessMask.READ, AccessRules.granted(f, BOB, AccessMask.ALL, true));
    }
}
