package org.pmnfs.benchmarks.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The NFSv3 and MOUNT v3 calls the probe makes (RFC 1813), each written by hand into the
 * connection's buffer and its reply read only as far as the probe needs: the status always (a
 * call that fails stops the run), a handle or a count where one is used. Calls can also be sent
 * without waiting ({@link #sendRead}, {@link #sendWrite}) and their replies taken in any order
 * ({@link #receiveStatus}), for queue depths above one.
 */
final class Nfs3Client implements AutoCloseable {

    static final int NFS = 100003;
    static final int MOUNT = 100005;
    static final int UNSTABLE = 0;
    static final int FILE_SYNC = 2;

    private static final int NULL = 0;
    private static final int GETATTR = 1;
    private static final int LOOKUP = 3;
    private static final int READ = 6;
    private static final int WRITE = 7;
    private static final int CREATE = 8;
    private static final int MKDIR = 9;
    private static final int REMOVE = 12;
    private static final int RMDIR = 13;
    private static final int READDIRPLUS = 17;
    private static final int COMMIT = 21;
    private static final int MNT = 1;
    /** fattr3: type, mode, nlink, uid, gid (4 each), size, used, rdev, fsid, fileid, three times (8 each). */
    private static final int FATTR3_BYTES = 84;
    private static final int WCC_ATTR_BYTES = 24;
    private static final int MAX_HANDLE_BYTES = 64;
    private static final int MAX_NAME_BYTES = 255;

    private final RpcConnection rpc;

    Nfs3Client(InetSocketAddress server) throws IOException {
        this.rpc = new RpcConnection(server);
    }

    /** MOUNT v3 MNT of {@code path}: the export's root handle. */
    byte[] mount(String path) throws IOException {
        rpc.begin(MOUNT, 3, MNT);
        Xdr.putOpaque(rpc.out(), path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        rpc.send();
        ByteBuffer r = rpc.receive();
        int status = r.getInt();
        if (status != 0) {
            throw new IOException("MNT " + path + ": mountstat3 " + status);
        }
        return Xdr.getOpaque(r, MAX_HANDLE_BYTES);
    }

    void nullCall() throws IOException {
        rpc.begin(NFS, 3, NULL);
        rpc.send();
        rpc.receive();
    }

    /** GETATTR; returns the size. */
    long getattr(byte[] object) throws IOException {
        rpc.begin(NFS, 3, GETATTR);
        Xdr.putOpaque(rpc.out(), object);
        rpc.send();
        ByteBuffer r = ok("GETATTR");
        r.position(r.position() + 20);
        return r.getLong();
    }

    /** LOOKUP; returns the handle found. */
    byte[] lookup(byte[] dir, byte[] name) throws IOException {
        rpc.begin(NFS, 3, LOOKUP);
        diropargs(dir, name);
        rpc.send();
        return Xdr.getOpaque(ok("LOOKUP"), MAX_HANDLE_BYTES);
    }

    /** READ of {@code count} bytes; returns the bytes read. */
    int read(byte[] file, long offset, int count) throws IOException {
        sendRead(file, offset, count);
        ByteBuffer r = ok("READ");
        skipPostOpAttr(r);
        return r.getInt();
    }

    int sendRead(byte[] file, long offset, int count) throws IOException {
        int xid = rpc.begin(NFS, 3, READ);
        Xdr.putOpaque(rpc.out(), file);
        rpc.out().putLong(offset).putInt(count);
        rpc.send();
        return xid;
    }

    /** WRITE of {@code data} (whole, a multiple of 4 bytes) at {@code offset}; returns the count written. */
    int write(byte[] file, long offset, byte[] data, int stable) throws IOException {
        sendWrite(file, offset, data, stable);
        ByteBuffer r = ok("WRITE");
        skipWcc(r);
        return r.getInt();
    }

    int sendWrite(byte[] file, long offset, byte[] data, int stable) throws IOException {
        int xid = rpc.begin(NFS, 3, WRITE);
        ByteBuffer out = rpc.out();
        Xdr.putOpaque(out, file);
        out.putLong(offset).putInt(data.length).putInt(stable);
        Xdr.putOpaque(out, data);
        rpc.send();
        return xid;
    }

    /** Takes the next reply, whichever call it answers, and checks its status; returns its xid. */
    int receiveStatus() throws IOException {
        ok("pipelined call");
        return rpc.lastXid();
    }

    void commit(byte[] file) throws IOException {
        rpc.begin(NFS, 3, COMMIT);
        Xdr.putOpaque(rpc.out(), file);
        rpc.out().putLong(0).putInt(0);
        rpc.send();
        ok("COMMIT");
    }

    /** CREATE GUARDED, mode 0644; returns the new file's handle. */
    byte[] create(byte[] dir, byte[] name) throws IOException {
        rpc.begin(NFS, 3, CREATE);
        diropargs(dir, name);
        rpc.out().putInt(1); // GUARDED
        sattrMode(0644);
        rpc.send();
        return newHandle(ok("CREATE"), "CREATE");
    }

    /** MKDIR, mode 0755; returns the new directory's handle. */
    byte[] mkdir(byte[] dir, byte[] name) throws IOException {
        rpc.begin(NFS, 3, MKDIR);
        diropargs(dir, name);
        sattrMode(0755);
        rpc.send();
        return newHandle(ok("MKDIR"), "MKDIR");
    }

    void remove(byte[] dir, byte[] name) throws IOException {
        rpc.begin(NFS, 3, REMOVE);
        diropargs(dir, name);
        rpc.send();
        ok("REMOVE");
    }

    void rmdir(byte[] dir, byte[] name) throws IOException {
        rpc.begin(NFS, 3, RMDIR);
        diropargs(dir, name);
        rpc.send();
        ok("RMDIR");
    }

    /** What listing a directory took: entries (with "." and ".."), and READDIRPLUS calls. */
    record Listing(int entries, int calls) {}

    /** Lists {@code dir} to its end with READDIRPLUS of {@code dircount}/{@code maxcount} bytes. */
    Listing readdirplus(byte[] dir, int dircount, int maxcount) throws IOException {
        long cookie = 0;
        long verifier = 0;
        int entries = 0;
        int calls = 0;
        while (true) {
            rpc.begin(NFS, 3, READDIRPLUS);
            Xdr.putOpaque(rpc.out(), dir);
            rpc.out().putLong(cookie).putLong(verifier).putInt(dircount).putInt(maxcount);
            rpc.send();
            calls++;
            ByteBuffer r = ok("READDIRPLUS");
            skipPostOpAttr(r);
            verifier = r.getLong();
            int before = entries;
            while (Xdr.getBoolean(r)) {
                r.getLong(); // fileid
                int nameBytes = r.getInt();
                if (nameBytes < 0 || nameBytes > MAX_NAME_BYTES) {
                    throw new IOException("READDIRPLUS: name of " + nameBytes + " bytes");
                }
                r.position(r.position() + Xdr.padded(nameBytes));
                cookie = r.getLong();
                skipPostOpAttr(r);
                if (Xdr.getBoolean(r)) {
                    Xdr.skipOpaque(r);
                }
                entries++;
            }
            if (Xdr.getBoolean(r)) {
                return new Listing(entries, calls);
            }
            if (entries == before) {
                throw new IOException("READDIRPLUS returned no entry and no eof (maxcount " + maxcount + ")");
            }
        }
    }

    private void diropargs(byte[] dir, byte[] name) {
        Xdr.putOpaque(rpc.out(), dir);
        Xdr.putOpaque(rpc.out(), name);
    }

    /** sattr3 setting only the mode; atime and mtime DONT_CHANGE. */
    private void sattrMode(int mode) {
        rpc.out().putInt(1).putInt(mode).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0);
    }

    /** Receives a reply and checks that its nfsstat3 is NFS3_OK; the body after the status. */
    private ByteBuffer ok(String what) throws IOException {
        ByteBuffer r = rpc.receive();
        int status = r.getInt();
        if (status != 0) {
            throw new IOException(what + " failed with nfsstat3 " + status);
        }
        return r;
    }

    private static byte[] newHandle(ByteBuffer r, String what) throws IOException {
        if (!Xdr.getBoolean(r)) {
            throw new IOException(what + " returned no handle");
        }
        return Xdr.getOpaque(r, MAX_HANDLE_BYTES);
    }

    private static void skipPostOpAttr(ByteBuffer r) throws IOException {
        if (Xdr.getBoolean(r)) {
            r.position(r.position() + FATTR3_BYTES);
        }
    }

    private static void skipWcc(ByteBuffer r) throws IOException {
        if (Xdr.getBoolean(r)) {
            r.position(r.position() + WCC_ATTR_BYTES);
        }
        skipPostOpAttr(r);
    }

    @Override
    public void close() throws IOException {
        rpc.close();
    }
}
