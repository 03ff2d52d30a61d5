package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.server.nfs.xdr.ACCESS3res;
import org.pmnfs.server.nfs.xdr.FSINFO3res;
import org.pmnfs.server.nfs.xdr.FSSTAT3res;
import org.pmnfs.server.nfs.xdr.GETATTR3res;
import org.pmnfs.server.nfs.xdr.LOOKUP3res;
import org.pmnfs.server.nfs.xdr.PATHCONF3res;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.AccessMask;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.NfsStatus;

/** GETATTR, LOOKUP, ACCESS, FSSTAT, FSINFO, PATHCONF and handle checks over loopback TCP. */
class NfsBasicsTest {

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
    void rootHandleIsExportIdPlusBackendHandle() throws IOException {
        assertEquals(WireHandle.EXPORT_ID_BYTES + HandleCodec.LENGTH, root.length);
        GETATTR3res r = client.getattr(root);
        assertEquals(NfsStatus.OK, r.status);
        assertEquals(FileType.DIRECTORY, r.obj_attributes.type());
        client.nfsNull();
    }

    @Test
    void lookupFindsEntriesAndReportsBothAttributes() throws IOException {
        byte[] file = client.createFile(root, "a");
        LOOKUP3res found = client.lookup(root, "a");
        assertEquals(NfsStatus.OK, found.status);
        assertArrayEquals(file, found.object);
        assertEquals(FileType.REGULAR, found.obj_attributes.type());
        assertNotNull(found.dir_attributes);

        LOOKUP3res missing = client.lookup(root, "nope");
        assertEquals(NfsStatus.NOENT, missing.status);
        assertNotNull(missing.dir_attributes, "a failed LOOKUP still carries the directory's attributes");

        assertEquals(NfsStatus.NOTDIR, client.lookup(file, "x").status);
        assertEquals(NfsStatus.NAMETOOLONG, client.lookup(root, "n".repeat(256)).status);
        assertEquals(NfsStatus.INVAL, client.lookup(root, "a/b").status);
        assertEquals(NfsStatus.INVAL, client.lookup(root, new byte[0]).status);
    }

    @Test
    void dotDotOfTheExportRootIsTheRoot() throws IOException {
        LOOKUP3res up = client.lookup(root, "..");
        assertEquals(NfsStatus.OK, up.status);
        assertArrayEquals(root, up.object);
        byte[] sub = client.makeDir(root, "sub");
        assertArrayEquals(root, client.lookup(sub, "..").object);
        assertArrayEquals(sub, client.lookup(sub, ".").object);
    }

    @Test
    void accessGrantsWhatModeBitsAllow() throws IOException {
        byte[] file = client.createFile(root, "f");
        ACCESS3res asRoot = client.access(file, AccessMask.ALL);
        assertEquals(NfsStatus.OK, asRoot.status);
        assertEquals(AccessMask.READ | AccessMask.MODIFY | AccessMask.EXTEND, asRoot.access,
                "root gets everything but EXECUTE on a 0644 file");
        assertNotNull(asRoot.obj_attributes);
        client.asUser(1000, 1000);
        assertEquals(AccessMask.READ, client.access(file, AccessMask.ALL).access, "others get read only");
        assertEquals(AccessMask.READ | AccessMask.LOOKUP, client.access(root, AccessMask.READ | AccessMask.LOOKUP | AccessMask.MODIFY).access,
                "a 0755 root directory: read and lookup, no modify");
    }

    @Test
    void fsinfoAdvertisesOneMebibyteTransfersAndTheBackendsLimits() throws IOException {
        FSINFO3res r = client.fsinfo(root);
        assertEquals(NfsStatus.OK, r.status);
        assertEquals(ServerConfig.TRANSFER_SIZE, r.rtmax);
        assertEquals(ServerConfig.TRANSFER_SIZE, r.rtpref);
        assertEquals(ServerConfig.TRANSFER_SIZE, r.wtmax);
        assertEquals(ServerConfig.TRANSFER_SIZE, r.wtpref);
        assertEquals(ServerConfig.TRANSFER_SIZE, r.dtpref);
        org.pmnfs.vfs.FsInfo backend;
        try (org.pmnfs.vfs.FileSystemBackend memory = TestServer.memory()) {
            backend = memory.fsinfo(memory.root());
        }
        assertEquals(backend.maxFileSize(), r.maxfilesize);
        assertEquals(backend.timeDeltaNanos(), r.time_delta_nanos);
        assertEquals(FSINFO3res.FSF3_LINK | FSINFO3res.FSF3_SYMLINK | FSINFO3res.FSF3_HOMOGENEOUS | FSINFO3res.FSF3_CANSETTIME,
                r.properties);
        assertNotNull(r.obj_attributes);
    }

    @Test
    void fsstatAndPathconfComeFromTheBackend() throws IOException {
        FSSTAT3res stat = client.fsstat(root);
        assertEquals(NfsStatus.OK, stat.status);
        assertTrue(stat.stat.totalBytes() >= stat.stat.freeBytes());
        assertNotNull(stat.obj_attributes);
        PATHCONF3res conf = client.pathconf(root);
        assertEquals(NfsStatus.OK, conf.status);
        assertEquals(255, conf.conf.nameMax());
        assertNotNull(conf.obj_attributes);
    }

    @Test
    void malformedHandlesAreBadhandleAndUnknownOnesStale() throws IOException {
        assertEquals(NfsStatus.BADHANDLE, client.getattr(new byte[] {1, 2, 3}).status, "shorter than an export id");
        assertEquals(NfsStatus.BADHANDLE, client.getattr(new byte[] {1, 2, 3, 4}).status, "an export id alone");
        byte[] garbage = root.clone();
        garbage[WireHandle.EXPORT_ID_BYTES] ^= 0x55; // breaks the backend handle's magic
        assertEquals(NfsStatus.BADHANDLE, client.getattr(garbage).status);
        byte[] otherExport = root.clone();
        otherExport[0] ^= 1;
        assertEquals(NfsStatus.STALE, client.getattr(otherExport).status, "unknown export id");

        byte[] file = client.createFile(root, "gone");
        assertEquals(NfsStatus.OK, client.remove(root, "gone").status);
        assertEquals(NfsStatus.STALE, client.getattr(file).status, "removed file");
        assertEquals(NfsStatus.STALE, client.read(file, 0, 10).status);
        assertNull(client.read(file, 0, 10).file_attributes);
        byte[] longer = Arrays.copyOf(root, 64);
        assertEquals(NfsStatus.BADHANDLE, client.getattr(longer).status, "64 bytes, but not a handle this server made");
    }
}
