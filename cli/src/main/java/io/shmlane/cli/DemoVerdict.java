package io.shmlane.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's one verdict, for the line it prints and for its exit code alike: both children exited 0 and the
 * consumer's summary line counts every message once, in order, intact.
 *
 * <p>The summary is read by its {@code key=value} fields, never by matching a fixed piece of text, so a field
 * added to the consumer's summary cannot turn a clean run into a failure or a failed one into a pass.
 */
final class DemoVerdict {
    /** Counts that must be zero in a clean run, in the order the consumer prints them. */
    private static final List<String> MUST_BE_ZERO = List.of("gaps", "duplicates", "reordered", "torn");

    private DemoVerdict() {}

    /**
     * @param messages the number of messages the producer was asked to send
     * @param producerExit the producer's exit status
     * @param consumerExit the consumer's exit status
     * @param consumerSummary the consumer's last line of output
     * @return empty when every message arrived once, in order, intact; else what went wrong, in a few words
     */
    static Optional<String> problem(
            final long messages, final int producerExit, final int consumerExit, final String consumerSummary) {
        if (consumerExit != ExitCodes.OK) {
            return Optional.of("consumer exit " + consumerExit);
        }
        if (producerExit != ExitCodes.OK) {
            return Optional.of("producer exit " + producerExit);
        }
        Map<String, String> fields = fields(consumerSummary);
        for (String count : MUST_BE_ZERO) {
            String value = fields.get(count);
            if (value == null) {
                return Optional.of("the consumer's summary has no " + count + "= count");
            }
            if (!"0".equals(value)) {
                return Optional.of(count + "=" + value);
            }
        }
        String received = fields.get("received");
        if (!Long.toString(messages).equals(received)) {
            return Optional.of("received=" + received + " of " + messages + " sent");
        }
        return Optional.empty();
    }

    private static Map<String, String> fields(final String line) {
        Map<String, String> fields = new HashMap<>();
        for (String token : line.trim().split("\\s+")) {
            int equals = token.indexOf('=');
            if (equals > 0) {
                fields.put(token.substring(0, equals), token.substring(equals + 1));
            }
        }
        return fields;
    }
}
