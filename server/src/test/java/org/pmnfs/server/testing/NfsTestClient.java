package org.pmnfs.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.pmnfs.server.mount.dirpath;
import org.pmnfs.server.mount.exports;
import org.pmnfs.server.mount.mountlist;
import org.pmnfs.server.mount.mountres3;
import org.pmnfs.server.nfs.xdr.*;
import org.pmnfs.server.rpc.AuthCredential;
import org.pmnfs.server.rpc.XdrLimits;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/**
 * A small NFSv3 and MOUNT v3 client for protocol tests: one method per procedure, built on
 * {@link RpcTestClient} and the server's own XDR types. Every call checks that the RPC was accepted
 * and that the reply body decodes to its last byte (so a wrong size or shape fails the test).
 */
public final class NfsTestClient implements AutoCloseable {

    public static final int NFS = 100003;
    public static final int MOUNT = 100005;

    private final RpcTestClient rpc;

    public NfsTestClient(InetSocketAddress server) throws IOException {
        this.rpc = new RpcTestClient(server);
    }

    public NfsTestClient(InetSocketAddress server, InetSocketAddress local) throws IOException {
        this.rpc = new RpcTestClient(server, local);
    }

    /** Later calls use {@code credential}. */
    public NfsTestClient as(AuthCredential credential) {
        rpc.as(credential);
        return this;
    }

    public NfsTestClient asUser(int uid, int gid, int... gids) {
        return as(RpcTestClient.user(uid, gid, gids));
    }

    public RpcTestClient rpc() {
        return rpc;
    }

    // ----- MOUNT

    public mountres3 mnt(String path) throws IOException {
        return call(MOUNT, 3, 1, xdr -> dirpath.encode(xdr, path), new mountres3());
    }

    /** MNT that must succeed; returns the root handle. */
    public byte[] mount(String path) throws IOException {
        mountres3 r = mnt(path);
        if (r.fhs_status != mountres3.MNT3_OK) {
            throw new IOException("MNT " + path + " failed with mountstat3 " + r.fhs_status);
        }
        return r.fhandle;
    }

    public mountlist dump() throws IOException {
        return call(MOUNT, 3, 2, XdrVoid.XDR_VOID, new mountlist());
    }

    public void umnt(String path) throws IOException {
        call(MOUNT, 3, 3, xdr -> dirpath.encode(xdr, path), new XdrVoid());
    }

    public void umntall() throws IOException {
        call(MOUNT, 3, 4, XdrVoid.XDR_VOID, new XdrVoid());
    }

    public exports exportList(int version) throws IOException {
        return call(MOUNT, version, 5, XdrVoid.XDR_VOID, new exports());
    }

    // ----- NFS

    public void nfsNull() throws IOException {
        call(NFS, 3, 0, XdrVoid.XDR_VOID, new XdrVoid());
    }

    public GETATTR3res getattr(byte[] fh) throws IOException {
        return call(NFS, 3, 1, new GETATTR3args(fh), new GETATTR3res());
    }

    public SETATTR3res setattr(byte[] fh, SetAttributes a, Long guardCtimeNanos) throws IOException {
        return call(NFS, 3, 2, new SETATTR3args(fh, a, guardCtimeNanos), new SETATTR3res());
    }

    public LOOKUP3res lookup(byte[] dir, String name) throws IOException {
        return lookup(dir, bytes(name));
    }

    public LOOKUP3res lookup(byte[] dir, byte[] name) throws IOException {
        return call(NFS, 3, 3, new LOOKUP3args(dir, name), new LOOKUP3res());
    }

    public ACCESS3res access(byte[] fh, int bits) throws IOException {
        return call(NFS, 3, 4, new ACCESS3args(fh, bits), new ACCESS3res());
    }

    public READLINK3res readlink(byte[] fh) throws IOException {
        return call(NFS, 3, 5, new READLINK3args(fh), new READLINK3res());
    }

    public READ3res read(byte[] fh, long offset, int count) throws IOException {
        return call(NFS, 3, 6, new READ3args(fh, offset, count), new READ3res());
    }

    public WRITE3res write(byte[] fh, long offset, byte[] data, StableHow stable) throws IOException {
        return call(NFS, 3, 7, new WRITE3args(fh, offset, stable, ByteBuffer.wrap(data)), new WRITE3res());
    }

    public CREATE3res create(byte[] dir, String name, CreateMode mode, SetAttributes attributes, long verifier)
            throws IOException {
        return call(NFS, 3, 8, new CREATE3args(dir, bytes(name), createhow3.of(mode, attributes, verifier)), new CREATE3res());
    }

    /** CREATE GUARDED with mode 0644 that must succeed; returns the new handle. */
    public byte[] createFile(byte[] dir, String name) throws IOException {
        CREATE3res r = create(dir, name, CreateMode.GUARDED, SetAttributes.ofMode(0644), 0);
        if (r.status != org.pmnfs.vfs.NfsStatus.OK) {
            throw new IOException("CREATE " + name + ": " + r.status);
        }
        return r.obj;
    }

    public MKDIR3res mkdir(byte[] dir, String name, SetAttributes attributes) throws IOException {
        return call(NFS, 3, 9, new MKDIR3args(dir, bytes(name), attributes), new MKDIR3res());
    }

    /** MKDIR with mode 0755 that must succeed; returns the new handle. */
    public byte[] makeDir(byte[] dir, String name) throws IOException {
        MKDIR3res r = mkdir(dir, name, SetAttributes.ofMode(0755));
        if (r.status != org.pmnfs.vfs.NfsStatus.OK) {
            throw new IOException("MKDIR " + name + ": " + r.status);
        }
        return r.obj;
    }

    public SYMLINK3res symlink(byte[] dir, String name, byte[] target) throws IOException {
        return call(NFS, 3, 10, new SYMLINK3args(dir, bytes(name), SetAttributes.NONE, target), new SYMLINK3res());
    }

    public MKNOD3res mknod(byte[] dir, String name, FileType type, int major, int minor) throws IOException {
        return call(NFS, 3, 11, new MKNOD3args(dir, bytes(name), type, SetAttributes.ofMode(0644), major, minor), new MKNOD3res());
    }

    public REMOVE3res remove(byte[] dir, String name) throws IOException {
        return call(NFS, 3, 12, new REMOVE3args(dir, bytes(name)), new REMOVE3res());
    }

    public RMDIR3res rmdir(byte[] dir, String name) throws IOException {
        return call(NFS, 3, 13, new RMDIR3args(dir, bytes(name)), new RMDIR3res());
    }

    public RENAME3res rename(byte[] fromDir, String fromName, byte[] toDir, String toName) throws IOException {
        return call(NFS, 3, 14, new RENAME3args(fromDir, bytes(fromName), toDir, bytes(toName)), new RENAME3res());
    }

    public LINK3res link(byte[] file, byte[] dir, String name) throws IOException {
        return call(NFS, 3, 15, new LINK3args(file, dir, bytes(name)), new LINK3res());
    }

    public READDIR3res readdir(byte[] dir, long cookie, long verifier, int count) throws IOException {
        return call(NFS, 3, 16, new READDIR3args(dir, cookie, verifier, count), new READDIR3res());
    }

    public READDIRPLUS3res readdirplus(byte[] dir, long cookie, long verifier, int dircount, int maxcount) throws IOException {
        return call(NFS, 3, 17, new READDIRPLUS3args(dir, cookie, verifier, dircount, maxcount), new READDIRPLUS3res());
    }

    public FSSTAT3res fsstat(byte[] fh) throws IOException {
        return call(NFS, 3, 18, new FSSTAT3args(fh), new FSSTAT3res());
    }

    public FSINFO3res fsinfo(byte[] fh) throws IOException {
        return call(NFS, 3, 19, new FSINFO3args(fh), new FSINFO3res());
    }

    public PATHCONF3res pathconf(byte[] fh) throws IOException {
        return call(NFS, 3, 20, new PATHCONF3args(fh), new PATHCONF3res());
    }

    public COMMIT3res commit(byte[] fh, long offset, int count) throws IOException {
        return call(NFS, 3, 21, new COMMIT3args(fh, offset, count), new COMMIT3res());
    }

    /** The size in bytes of the last reply body (after the RPC header), for count/maxcount checks. */
    public int lastBodyBytes() {
        return lastBodyBytes;
    }

    private int lastBodyBytes;

    /** Calls, requires SUCCESS, decodes into {@code result} and requires the body to be fully consumed. */
    public <T extends XdrAble> T call(int program, int version, int procedure, XdrAble args, T result) throws IOException {
        RpcReply reply = rpc.call(program, version, procedure, args);
        if (!reply.isSuccess()) {
            throw new IOException("RPC " + program + "/" + version + "/" + procedure + " not successful: " + reply.describe());
        }
        lastBodyBytes = XdrLimits.remaining(reply.body());
        result.xdrDecode(reply.body());
        int left = XdrLimits.remaining(reply.body());
        if (left != 0) {
            throw new IOException("reply to " + program + "/" + procedure + " has " + left + " undecoded bytes");
        }
        return result;
    }

    /** An encoder given as a lambda, for arguments without their own type. */
    @FunctionalInterface
    public interface Encoder extends XdrAble {
        void encode(org.dcache.oncrpc4j.xdr.XdrEncodingStream xdr) throws IOException;

        @Override
        default void xdrEncode(org.dcache.oncrpc4j.xdr.XdrEncodingStream xdr) throws IOException {
            encode(xdr);
        }

        @Override
        default void xdrDecode(org.dcache.oncrpc4j.xdr.XdrDecodingStream xdr) {
            throw new UnsupportedOperationException();
        }
    }

    private <T extends XdrAble> T call(int program, int version, int procedure, Encoder args, T result) throws IOException {
        return call(program, version, procedure, (XdrAble) args, result);
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        rpc.close();
    }
}
