package io.github.cosmicarch.allocation.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a process's CPU went, from the execution samples of a Java Flight Recorder recording: each
 * sample counts for the first frame, from the top of its stack, whose class belongs to a library
 * named here, so that time spent in the JDK on a library's behalf counts for that library.
 */
final class CpuProfile {

    /** Class-name prefixes and the part of the service they stand for; the first that matches wins. */
    private static final List<Map.Entry<String, String>> PARTS = List.of(
            Map.entry("com.fasterxml.jackson", "JSON (Jackson)"),
            Map.entry("tools.jackson", "JSON (Jackson)"),
            Map.entry("org.hibernate", "Hibernate"),
            Map.entry("org.postgresql", "JDBC driver"),
            Map.entry("com.zaxxer.hikari", "connection pool"),
            Map.entry("ch.qos.logback", "logging"),
            Map.entry("org.slf4j", "logging"),
            Map.entry("org.apache.logging", "logging"),
            Map.entry("org.apache.catalina", "HTTP server (Tomcat)"),
            Map.entry("org.apache.coyote", "HTTP server (Tomcat)"),
            Map.entry("org.apache.tomcat", "HTTP server (Tomcat)"),
            Map.entry("io.micrometer", "metrics"),
            Map.entry("org.springframework", "Spring"),
            Map.entry("io.github.cosmicarch.allocation.examples", "example service: endpoints"),
            Map.entry("io.github.cosmicarch.allocation.adapter", "library: JPA adapter"),
            Map.entry("io.github.cosmicarch.allocation.service", "library: bus and handlers"),
            Map.entry("io.github.cosmicarch.allocation.domain", "library: domain"));

    private CpuProfile() {}

    /**
     * Sorts the recording's execution samples by part.
     *
     * @param recording a JFR file
     * @return the samples counted, and each part's share of them, largest first
     * @throws IOException when the file cannot be read
     */
    static Map<String, Object> of(Path recording) throws IOException {
        Map<String, Long> byPart = new TreeMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                    byPart.merge(partOf(event.getStackTrace().getFrames()), 1L, Long::sum);
                    samples++;
                }
            }
        }
        Map<String, Object> shares = new LinkedHashMap<>();
        long total = samples;
        byPart.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(part -> shares.put(part.getKey(), (double) part.getValue() / total));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("samples", samples);
        profile.put("shares", shares);
        return profile;
    }

    private static String partOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (frame.getMethod() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> part : PARTS) {
                if (type.startsWith(part.getKey())) {
                    return part.getValue();
                }
            }
        }
        return "JDK and other";
    }
}
