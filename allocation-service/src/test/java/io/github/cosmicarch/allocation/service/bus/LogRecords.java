package io.github.cosmicarch.allocation.service.bus;

import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ResourceBundle;

/** A logger that keeps what it is told, so tests can check what the bus logs. */
final class LogRecords implements Logger {

    private record Entry(Level level, String message) {}

    private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

    List<String> messagesAt(Level level) {
        synchronized (entries) {
            return entries.stream().filter(entry -> entry.level() == level).map(Entry::message).toList();
        }
    }

    @Override
    public String getName() {
        return "captured";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        entries.add(new Entry(level, message + (thrown == null ? "" : " | " + thrown.getMessage())));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        entries.add(new Entry(level, params == null ? format : MessageFormat.format(format, params)));
    }
}
