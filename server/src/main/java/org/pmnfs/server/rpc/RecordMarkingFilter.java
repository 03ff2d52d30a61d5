package org.pmnfs.server.rpc;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.BuffersBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a TCP byte stream into RPC records (RFC 5531 section 11): each fragment starts with a 4-byte
 * mark holding a last-fragment bit and a 31-bit length. A record, counting its marks, may not
 * exceed {@code maxRecordBytes}; a mark that would pass the limit means a hostile or garbled stream,
 * and the connection is closed with one WARN line instead of buffering towards 2 GiB (which
 * oncrpc4j's RpcMessageParserTCP would do). Records of several fragments become a composite view
 * of the fragments, without copying. The next filter receives a {@link StreamRecord}.
 */
final class RecordMarkingFilter extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RecordMarkingFilter.class);

    static final int LAST_FRAGMENT = 0x80000000;
    static final int LENGTH_MASK = 0x7fffffff;
    private static final int MARK_BYTES = Integer.BYTES;

    private final int maxRecordBytes;

    RecordMarkingFilter(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Buffer stream = ctx.getMessage();
        int start = stream.position();
        int end = stream.limit();
        int at = start;
        long recordBytes = 0;
        int fragments = 0;
        while (true) {
            if (end - at < MARK_BYTES) {
                return ctx.getStopAction(stream);
            }
            int mark = stream.getInt(at);
            int length = mark & LENGTH_MASK;
            recordBytes += MARK_BYTES + (long) length;
            if (recordBytes > maxRecordBytes) {
                RpcMdc.client(Channel.labelOf(ctx.getConnection()));
                try {
                    LOG.warn("closing connection: record fragment {} announces {} bytes, the record would exceed the limit of {} bytes"
                            + " (mark 0x{})", fragments, length, maxRecordBytes, Integer.toHexString(mark));
                } finally {
                    RpcMdc.clear();
                }
                ctx.getConnection().closeSilently();
                return ctx.getStopAction();
            }
            if (end - at - MARK_BYTES < length) {
                return ctx.getStopAction(stream);
            }
            at += MARK_BYTES + length;
            fragments++;
            if ((mark & LAST_FRAGMENT) != 0) {
                break;
            }
        }
        Buffer record = fragments == 1
                ? stream.slice(start + MARK_BYTES, at)
                : assemble(ctx, stream, start, fragments);
        stream.position(at);
        Buffer remainder = stream.hasRemaining() ? stream.split(at) : null;
        ctx.setMessage(new StreamRecord(record));
        return ctx.getInvokeAction(remainder);
    }

    /** A composite view of the payloads of {@code fragments} fragments starting at {@code start}. */
    private static Buffer assemble(FilterChainContext ctx, Buffer stream, int start, int fragments) {
        BuffersBuffer record = BuffersBuffer.create(ctx.getMemoryManager());
        int at = start;
        for (int i = 0; i < fragments; i++) {
            int length = stream.getInt(at) & LENGTH_MASK;
            if (length > 0) {
                record.append(stream.slice(at + MARK_BYTES, at + MARK_BYTES + length));
            }
            at += MARK_BYTES + length;
        }
        return record;
    }
}
