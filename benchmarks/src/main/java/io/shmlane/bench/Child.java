package io.shmlane.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of a forked benchmark JVM (and of an in-process side in the smoke test): one role of
 * one transport, configured by {@code key=value} arguments (see {@link ChildConfig}).
 */
public final class Child {
    private Child() {}

    public static void main(final String[] args) {
        exitAfter(() -> run(ChildConfig.parse(args), new Report(System.out)));
    }

    /** The body of a forked benchmark JVM's {@code main}. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} and ends the JVM: exit 0, or 1 with the stack trace on stdout (where the parent's log
     * of this JVM is) when it threw.
     */
    static void exitAfter(final Body body) {
        int status;
        try {
            body.run();
            status = 0;
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /** Runs the side {@code config} describes, writing its READY and RESULT lines to {@code report}. */
    public static void run(final ChildConfig config, final Report report) throws Exception {
        Lane lane = lane(config.transport());
        switch (config.role()) {
            case "produce":
                client(config, report, () -> lane.produce(config, report));
                break;
            case "consume":
                server(config, report, side -> lane.consume(config, side));
                break;
            case "ping":
                client(config, report, () -> lane.ping(config, report));
                break;
            case "pong":
                server(config, report, side -> lane.pong(config, side));
                break;
            default:
                throw new IllegalArgumentException("unknown role '" + config.role() + "'");
        }
    }

    /** What a server side runs, given the report it says READY through. */
    @FunctionalInterface
    private interface ServerSide {
        void run(Report report) throws Exception;
    }

    /**
     * A client side (producer, pinger): between the raw round trips of the pair's own JVMs ({@link
     * PairProbe}) where the pair takes them, which go into a second RESULT line.
     */
    private static void client(final ChildConfig config, final Report report, final Body side) throws Exception {
        if (!PairProbe.applies(config)) {
            side.run();
            return;
        }
        PairProbe probe = PairProbe.open(config);
        long duration = config.pairProbeNanos();
        double before = probe.pingFor(duration / 2, duration);
        side.run();
        double after = probe.pingFor(duration / 2, duration);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(PairProbe.BEFORE, (long) before);
        values.put(PairProbe.AFTER, (long) after);
        report.result(values);
    }

    /**
     * A server side (consumer, ponger): echoes the client's first probe right after its READY (its
     * channels exist then), and the second once its side has ended.
     */
    private static void server(final ChildConfig config, final Report report, final ServerSide side) throws Exception {
        if (!PairProbe.applies(config)) {
            side.run(report);
            return;
        }
        PairProbe probe = PairProbe.open(config);
        side.run(report.afterReady(probe::echoUntilStop));
        probe.echoUntilStop();
    }

    /** Runs a side with its output to {@code out}; for in-process sides. */
    public static void run(final ChildConfig config, final PrintStream out) throws Exception {
        run(config, new Report(out));
    }

    private static Lane lane(final Transport transport) {
        switch (transport) {
            case RING:
                return new RingLane(false);
            case RING_POLL:
                return new RingLane(true);
            case MAILBOX:
                return new MailboxLane();
            case NAIVE:
                return new NaiveLane();
            case AGRONA:
                return new AgronaLane();
            case UDS:
            case TCP:
                return new SocketLane();
            case RAW:
                return new RawLane();
            default:
                throw new IllegalArgumentException("no lane for " + transport);
        }
    }
}
