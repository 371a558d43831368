package io.shmlane.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one side of a pair is told to do, passed as {@code key=value} arguments so that a forked JVM
 * starts without any option parser on its path.
 *
 * @param role {@code produce}, {@code consume}, {@code ping} or {@code pong}
 * @param transport how messages move
 * @param path base path of the channel files or socket of this pair (suffixes are added per direction)
 * @param payload payload bytes per message (at least 16: the sequence is written at both ends)
 * @param capacity ring capacity in bytes (shmlane ring and Agrona alike)
 * @param warmupNanos how long to run before measuring
 * @param durationNanos how long to measure
 * @param batch messages per poll of a consumer (ring and Agrona)
 * @param markShift the consumer takes a timestamp every {@code 2^markShift} messages; the producer
 *     looks at the clock every {@code 2^min(markShift, 8)}
 * @param port TCP port of the other side (0 when not needed)
 * @param pairProbeNanos recorded time of the raw round trip the two JVMs of a latency pair take before
 *     and after their measurement ({@link PairProbe}); 0: none
 */
public record ChildConfig(
        String role,
        Transport transport,
        Path path,
        int payload,
        int capacity,
        long warmupNanos,
        long durationNanos,
        int batch,
        int markShift,
        int port,
        long pairProbeNanos) {

    /** Smallest payload: a sequence number at each end. */
    public static final int MIN_PAYLOAD = 16;

    public ChildConfig {
        if (payload < MIN_PAYLOAD) {
            throw new IllegalArgumentException(
                    "payload must be at least " + MIN_PAYLOAD + " bytes: payload=" + payload);
        }
    }

    /** The arguments that {@link #parse} reads back. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        args.add("role=" + role);
        args.add("transport=" + transport.label());
        args.add("path=" + path);
        args.add("payload=" + payload);
        args.add("capacity=" + capacity);
        args.add("warmupNanos=" + warmupNanos);
        args.add("durationNanos=" + durationNanos);
        args.add("batch=" + batch);
        args.add("markShift=" + markShift);
        args.add("port=" + port);
        args.add("pairProbeNanos=" + pairProbeNanos);
        return args;
    }

    /** A copy for {@code role} talking to {@code port}. */
    public ChildConfig with(final String newRole, final int newPort) {
        return new ChildConfig(
                newRole,
                transport,
                path,
                payload,
                capacity,
                warmupNanos,
                durationNanos,
                batch,
                markShift,
                newPort,
                pairProbeNanos);
    }

    /** Reads {@code key=value} arguments written by {@link #toArgs()}. */
    public static ChildConfig parse(final String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value: " + arg);
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return new ChildConfig(
                required(values, "role"),
                Transport.named(required(values, "transport")),
                Path.of(required(values, "path")),
                Integer.parseInt(required(values, "payload")),
                Integer.parseInt(required(values, "capacity")),
                Long.parseLong(required(values, "warmupNanos")),
                Long.parseLong(required(values, "durationNanos")),
                Integer.parseInt(required(values, "batch")),
                Integer.parseInt(required(values, "markShift")),
                Integer.parseInt(values.getOrDefault("port", "0")),
                Long.parseLong(values.getOrDefault("pairProbeNanos", "0")));
    }

    private static String required(final Map<String, String> values, final String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return value;
    }

    /** {@code path} with {@code suffix} appended to its file name. */
    public Path path(final String suffix) {
        return path.resolveSibling(path.getFileName() + suffix);
    }
}
