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
 * The last filter: decides where each complete record is served. A TCP call that its program
 * calls quick ({@link RpcProgram#quick}: a few microseconds of memory work) is served right here
 * on the selector thread, also when more calls of its connection are queued or in flight: a hand-off
 * to a worker (a futex wake-up and a context switch) would cost more than the call. 64 clients at
 * queue depth 4 then spent 15 µs of server CPU per 4 KiB READ instead of 18 (benchmarks/README.md).
 * Anything else goes to the worker pool, so the selector thread goes back to reading and several
 * calls of one connection run in parallel (replies leave in completion order; the xid pairs them).
 * Records arriving while the server drains for shutdown are dropped; the client retransmits to the
 * next server.
 */
final class CallHandoffFilter extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CallHandoffFilter.class);

    private final Executor workers;
    private final CallDispatcher dispatcher;
    private final boolean stream;
    private final BooleanSupplier accepting;
    private final ReplyBufferPool replies;
    /** Records received since start (served here or handed to the workers), for monitoring. */
    private final LongAdder received = new LongAdder();
    /** Of those, the calls served on the selector thread. */
    private final LongAdder servedInline = new LongAdder();

    CallHandoffFilter(Executor workers, CallDispatcher dispatcher, boolean stream, BooleanSupplier accepting,
                      ReplyBufferPool replies) {
        this.workers = workers;
        this.replies = replies;
        this.dispatcher = dispatcher;
        this.stream = stream;
        this.accepting = accepting;
    }

    long received() {
        return received.sum();
    }

    long servedInline() {
        return servedInline.sum();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Object message = ctx.getMessage();
        if (!accepting.getAsBoolean()) {
            LOG.debug("dropping a call from {}: the server is shutting down", Channel.labelOf(ctx.getConnection()));
            return ctx.getStopAction();
        }
        received.increment();
        long now = dispatcher.arrival();
        if (message instanceof StreamRecord r) {
            Channel channel = Channel.ofStream(ctx.getConnection(), replies);
            serveOrHandOff(r.bytes(), channel, now);
        } else {
            Channel channel = Channel.ofDatagram(ctx.getConnection(), (InetSocketAddress) ctx.getAddress(), replies);
            handOff(channel, () -> dispatcher.dispatch((Buffer) message, channel, now));
        }
        return ctx.getStopAction();
    }

    /** Decodes the header here; serves a quick call at once, hands anything else to the workers. */
    private void serveOrHandOff(Buffer record, Channel channel, long receivedNanos) {
        RpcRequest request = dispatcher.decode(record, channel, receivedNanos);
        if (request == null) {
            return;
        }
        if (dispatcher.quick(request)) {
            servedInline.increment();
            dispatcher.serve(request);
        } else {
            handOff(channel, () -> dispatcher.serve(request));
        }
    }

    private void handOff(Channel channel, Runnable call) {
        channel.callStarted();
        try {
            workers.execute(() -> {
                try {
                    call.run();
                } finally {
                    channel.callFinished();
                }
            });
        } catch (RejectedExecutionException e) {
            channel.callFinished();
            LOG.debug("dropping a call from {}: the worker pool is shut down", channel.label());
        }
    }
}
