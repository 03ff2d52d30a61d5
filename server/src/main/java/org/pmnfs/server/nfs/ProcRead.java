package org.pmnfs.server.nfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.server.nfs.xdr.READ3args;
import org.pmnfs.server.nfs.xdr.READ3res;
import org.pmnfs.server.rpc.RpcRequest;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.ReadResult;

/**
 * READ (RFC 1813 section 3.3.6) with one copy: the reply buffer is allocated once at its final
 * size and the backend copies the data straight into it, behind the space the header will take.
 * eof is set when offset + count reaches the size (a short read without eof is EIO on Linux).
 */
final class ProcRead implements NfsProcedure<READ3args> {

    /** Where the data starts in the reply buffer: RPC reply header, then the READ3resok fields. */
    private static final int DATA_POSITION = RpcRequest.ACCEPTED_REPLY_HEADER_BYTES + READ3res.DATA_OFFSET;

    @Override
    public String name() {
        return "NFS3.READ";
    }

    @Override
    public boolean modifies() {
        return false;
    }

    /** One copy of at most {@link #QUICK_MAX_BYTES}: memory speed on a memory backend. */
    @Override
    public boolean quick(Buffer arguments) {
        long count = READ3args.peekCount(arguments);
        return count >= 0 && count <= QUICK_MAX_BYTES;
    }

    @Override
    public READ3args newArgs() {
        return new READ3args();
    }

    @Override
    public XdrAble run(NfsCall call, READ3args args) throws IOException {
        FileHandle file = call.handle(args.file);
        FileAttributes before = call.attributes(file);
        AccessRules.read(before, call.credentials());
        int count = (int) Math.min(Integer.toUnsignedLong(args.count), call.context().transferSize());
        if (args.offset < 0) {
            // Past 2^63 - 1: nothing can be there.
            count = 0;
        }
        Xdr reply = call.request().newReply(READ3res.okSize(count));
        ReadResult r;
        boolean read = false;
        try {
            ByteBuffer destination = reply.asBuffer().toByteBuffer(DATA_POSITION, DATA_POSITION + count).slice();
            r = args.offset < 0 ? new ReadResult(0, true, before) : call.backend().read(file, args.offset, count, destination);
            read = true;
        } finally {
            if (!read) {
                RpcRequest.discard(reply);
            }
        }
        call.context().transfers().read(r.count());
        long size = r.attributes().size();
        boolean eof = r.eof() || args.offset < 0 || args.offset + (long) count >= size;
        return new Prefilled(READ3res.prefilled(r.attributes(), r.count(), eof, DATA_POSITION), reply);
    }

    @Override
    public XdrAble failure(NfsCall call, READ3args args, NfsStatus status) {
        return READ3res.fail(status, call.attributesOrNull(args.file));
    }
}
