package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** POSIX mode-bit decisions of {@link Permissions} for owner, group, other and root. */
class PermissionsTest {

    private static FileAttributes attrs(FileType type, int mode, int uid, int gid) {
        return new FileAttributes(type, mode, 1, uid, gid, 0, 0, 0, 0, 1, 2, 0, 0, 0);
    }

    private static final Credentials OWNER = new Credentials(1000, 1, null);
    private static final Credentials GROUP_MEMBER = new Credentials(2000, 100, null);
    private static final Credentials SUPPLEMENTARY = new Credentials(2000, 1, new int[] {5, 100});
    private static final Credentials OTHER = new Credentials(3000, 300, null);

    @Test
    void picksOwnerThenGroupThenOtherBits() {
        FileAttributes f = attrs(FileType.REGULAR, 0751, 1000, 100);
        assertEquals(7, Permissions.rwx(f, OWNER));
        assertEquals(5, Permissions.rwx(f, GROUP_MEMBER));
        assertEquals(5, Permissions.rwx(f, SUPPLEMENTARY));
        assertEquals(1, Permissions.rwx(f, OTHER));
    }

    @Test
    void theOwnerClassWinsEvenWhenItGrantsLess() {
        FileAttributes f = attrs(FileType.REGULAR, 0077, 1000, 1);
        assertEquals(0, Permissions.rwx(f, OWNER), "POSIX: the first matching class decides");
    }

    @Test
    void fileAccessBits() {
        FileAttributes f = attrs(FileType.REGULAR, 0754, 1000, 100);
        assertEquals(AccessMask.READ | AccessMask.MODIFY | AccessMask.EXTEND | AccessMask.EXECUTE,
                Permissions.allowed(f, OWNER, AccessMask.ALL));
        assertEquals(AccessMask.READ | AccessMask.EXECUTE, Permissions.allowed(f, GROUP_MEMBER, AccessMask.ALL));
        assertEquals(AccessMask.READ, Permissions.allowed(f, OTHER, AccessMask.ALL));
        assertEquals(0, Permissions.allowed(f, OWNER, AccessMask.DELETE | AccessMask.LOOKUP),
                "DELETE and LOOKUP apply to directories only");
    }

    @Test
    void directoryAccessBits() {
        FileAttributes d = attrs(FileType.DIRECTORY, 0730, 1000, 100);
        assertEquals(AccessMask.READ | AccessMask.MODIFY | AccessMask.EXTEND | AccessMask.DELETE | AccessMask.LOOKUP,
                Permissions.allowed(d, OWNER, AccessMask.ALL));
        assertEquals(AccessMask.MODIFY | AccessMask.EXTEND | AccessMask.DELETE | AccessMask.LOOKUP,
                Permissions.allowed(d, GROUP_MEMBER, AccessMask.ALL));
        assertEquals(0, Permissions.allowed(d, OTHER, AccessMask.ALL));
    }

    @Test
    void rootMayDoAnythingButExecuteAFileWithoutAnyExecuteBit() {
        FileAttributes plain = attrs(FileType.REGULAR, 0000, 5, 5);
        FileAttributes otherExec = attrs(FileType.REGULAR, 0001, 5, 5);
        FileAttributes dir = attrs(FileType.DIRECTORY, 0000, 5, 5);
        assertEquals(AccessMask.READ | AccessMask.MODIFY | AccessMask.EXTEND, Permissions.allowed(plain, Credentials.ROOT, AccessMask.ALL));
        assertEquals(AccessMask.EXECUTE, Permissions.allowed(otherExec, Credentials.ROOT, AccessMask.EXECUTE));
        assertEquals(AccessMask.LOOKUP, Permissions.allowed(dir, Credentials.ROOT, AccessMask.LOOKUP));
    }

    @Test
    void answersOnlyTheRequestedBits() {
        FileAttributes f = attrs(FileType.REGULAR, 0777, 1000, 100);
        assertEquals(AccessMask.READ, Permissions.allowed(f, OWNER, AccessMask.READ));
        assertEquals(0, Permissions.allowed(f, OWNER, 0));
    }

    @Test
    void requireThrowsAccessWithModeAndUnsignedOwner() throws Exception {
        FileAttributes f = attrs(FileType.REGULAR, 0640, -2, 100);
        Permissions.require(f, GROUP_MEMBER, Permissions.read(), "f");
        AccessException e = assertThrows(AccessException.class,
                () -> Permissions.require(f, GROUP_MEMBER, Permissions.read() | Permissions.write(), "file f"));
        assertEquals(NfsStatus.ACCES, e.status());
        assertTrue(e.getMessage().contains("rw") && e.getMessage().contains("0640")
                && e.getMessage().contains("4294967294:100") && e.getMessage().contains("file f"), e.getMessage());
    }

    @Test
    void rwxConstants() {
        assertEquals(4, Permissions.read());
        assertEquals(2, Permissions.write());
        assertEquals(1, Permissions.execute());
    }
}
