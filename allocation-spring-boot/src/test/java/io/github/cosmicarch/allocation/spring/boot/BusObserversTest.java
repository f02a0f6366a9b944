package io.github.cosmicarch.allocation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusObserversTest {

    /** Writes down what it hears, prefixed with its name. */
    private record Recording(String name, List<String> heard) implements BusObserver {

        @Override
        public void commandStarted(Command<?> command) {
            heard.add(name + " started");
        }

        @Override
        public void commandsGrouped(List<Command<?>> commands) {
            heard.add(name + " grouped " + commands.size());
        }

        @Override
        public void commandFinished(Command<?> command, Duration took) {
            heard.add(name + " finished");
        }
    }

    @Test
    void everyObserverHearsEachNoticeInTheirOrderGroupedCommandsIncluded() {
        List<String> heard = new ArrayList<>();
        BusObservers observers = new BusObservers(List.of(new Recording("first", heard), new Recording("second", heard)));
        Allocate one = new Allocate("o1", "LAMP", 1);
        Allocate two = new Allocate("o2", "LAMP", 1);

        observers.commandStarted(one);
        observers.commandsGrouped(List.of(one, two));
        observers.commandFinished(one, Duration.ofMillis(1));

        assertThat(heard).containsExactly("first started", "second started", "first grouped 2", "second grouped 2",
                "first finished", "second finished");
    }
}
