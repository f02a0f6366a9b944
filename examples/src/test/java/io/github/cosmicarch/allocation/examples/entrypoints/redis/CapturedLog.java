package io.github.cosmicarch.allocation.examples.entrypoints.redis;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What every logger writes while it is open, the library's and Jedis's included: each event as
 * the text it would put in the log, its message followed by the messages of its exceptions.
 */
final class CapturedLog implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLog() {
        appender.start();
        root.addAppender(appender);
    }

    /** {@return the events logged so far, one text each} */
    List<String> events() {
        synchronized (appender) { // the lock under which the appender adds events
            return appender.list.stream().map(CapturedLog::text).toList();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            text.append(" | ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
        }
        return text.toString();
    }
}
