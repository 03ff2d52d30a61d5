package org.pmnfs.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what pmnfs logs at WARN and above (or another level) while a test runs, and keeps it off
 * the console, so tests can check the logging rules (one line per bad request, stack traces only for
 * server faults) or wait for a line that shows a path was taken.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("org.pmnfs");
    private final Level oldLevel = logger.getLevel();
    private final boolean oldAdditive = logger.isAdditive();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        this(Level.WARN);
    }

    /** Captures from {@code level} up, e.g. DEBUG to see a path taken. */
    public LogCapture(Level level) {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
        logger.setAdditive(false);
    }

    public List<ILoggingEvent> events() {
        // The appender appends under its own lock (AppenderBase.doAppend), maybe while a test reads.
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** Waits up to {@code seconds} for a line containing {@code text}; whether one came. */
    public boolean awaitLine(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        do {
            if (events().stream().anyMatch(e -> e.getFormattedMessage().contains(text))) {
                return true;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        return false;
    }

    public List<ILoggingEvent> at(Level level) {
        return events().stream().filter(e -> e.getLevel() == level).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(oldLevel);
        logger.setAdditive(oldAdditive);
    }
}
