package org.pmnfs.server.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last filter: hands each complete record to the worker pool, so the selector thread goes back
 * to reading and several calls of one connection run in parallel (replies leave in completion order;
 * the xid pairs them). Records arriving while the server drains for shutdown are dropped; the client
 * retransmits to the next server.
 */
final class CallHandoffFilter extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CallHandoffFilter.class);

    private final Executor workers;
    private final CallDispatcher dispatcher;
    private final boolean stream;
    private final BooleanSupplier accepting;
    private final ReplyBufferPool replies;
    /** Records handed to the workers since start, for monitoring. */
    private final LongAdder handedOff = new LongAdder();

    CallHandoffFilter(Executor workers, CallDispatcher dispatcher, boolean stream, BooleanSupplier accepting,
                      ReplyBufferPool replies) {
        this.workers = workers;
        this.replies = replies;
        this.dispatcher = dispatcher;
        this.stream = stream;
        this.accepting = accepting;
    }

    long handedOff() {
        return handedOff.sum();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Buffer record = ctx.getMessage();
        if (!accepting.getAsBoolean()) {
            LOG.debug("dropping a call from {}: the server is shutting down", Channel.labelOf(ctx.getConnection()));
            return ctx.getStopAction();
        }
        Channel channel = stream
                ? Channel.ofStream(ctx.getConnection(), replies)
                : Channel.ofDatagram(ctx.getConnection(), (InetSocketAddress) ctx.getAddress(), replies);
        channel.callStarted();
        handedOff.increment();
        try {
            workers.execute(() -> dispatcher.dispatch(record, channel));
        } catch (RejectedExecutionException e) {
            channel.callFinished();
            LOG.debug("dropping a call from {}: the worker pool is shut down", channel.label());
        }
        return ctx.getStopAction();
    }
}
