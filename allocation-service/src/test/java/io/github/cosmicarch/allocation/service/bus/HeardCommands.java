package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.service.command.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An observer that notes each command started, finished or failed, and any implausible duration. */
final class HeardCommands implements BusObserver {

    final List<String> heard = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void commandStarted(Command<?> command) {
        heard.add("started " + command);
    }

    @Override
    public void commandFinished(Command<?> command, Duration took) {
        heard.add("finished " + command + plausible(took));
    }

    @Override
    public void commandFailed(Command<?> command, RuntimeException failure, Duration took) {
        heard.add("failed " + command + ": " + failure.getMessage() + plausible(took));
    }

    private static String plausible(Duration took) {
        return took.isNegative() || took.compareTo(Duration.ofHours(1)) > 0 ? " in " + took : "";
    }
}
