package io.github.cosmicarch.allocation.service.bus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which effects fail without a success between: a broker or a mail server away. An effect that has
 * failed for longer than a poll interval is out; while it is out, the poller tries one of its
 * waiting events early at each look ({@code EffectLanes.probe}), and the first success ends the
 * outage and makes every waiting retry of the effect due at once, so that the pauses grown during
 * the outage do not hold back its backlog. A failure between successes, as one bad event makes,
 * is no outage. Kept by this process alone; safe for concurrent use.
 */
final class Outages {

    private final Duration longerThan;
    /** When each failing effect first failed since its last success. */
    private final Map<String, Instant> failingSince = new ConcurrentHashMap<>();

    Outages(Duration longerThan) {
        this.longerThan = longerThan;
    }

    void failed(String effect, Instant now) {
        failingSince.putIfAbsent(effect, now);
    }

    /** Whether the effect failed last: its next failures are no news, until it succeeds. */
    boolean isFailing(String effect) {
        return failingSince.containsKey(effect);
    }

    /** Whether the effect is out: a success now, once committed, ends the outage, and its waiting retries are made due. */
    boolean isOut(String effect, Instant now) {
        Instant since = failingSince.get(effect);
        return since != null && isLong(since, now);
    }

    /** The effect's success is committed: it is not failing any more. */
    void succeeded(String effect) {
        failingSince.remove(effect);
    }

    /** The effects failing for longer than a poll interval. */
    List<String> out(Instant now) {
        return failingSince.entrySet().stream().filter(failing -> isLong(failing.getValue(), now))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private boolean isLong(Instant since, Instant now) {
        return Duration.between(since, now).compareTo(longerThan) >= 0;
    }
}
