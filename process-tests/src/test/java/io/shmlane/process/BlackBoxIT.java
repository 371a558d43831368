package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The black-box mode ({@link BlackBox}): the delivery check for any pair of commands printing
 * {@code Produced: Msg-N} / {@code Consumed: Msg-N}. Without {@code -Dblackbox.producer} and
 * {@code -Dblackbox.consumer} it checks shmlane's own ring commands; a second test shows that the
 * check fails, naming the message, for a consumer that drops one. See the module's README.
 *
 * <pre>
 *   ./mvnw -pl process-tests -am verify -Dspotbugs.skip -Dit.test='BlackBoxIT#shouldDeliverEveryProducedMessageOnceInOrder' \
 *       -Dblackbox.producer="java -jar /path/to/shmlane.jar producer --file bb.shm" \
 *       -Dblackbox.consumer="java -jar /path/to/shmlane.jar consumer --file bb.shm" \
 *       -Dblackbox.workdir=/tmp/bb -Dblackbox.messages=100000
 * </pre>
 */
@ExtendWith(ProcessHarness.Extension.class)
class BlackBoxIT {
    private static final String CHANNEL = "blackbox.shm";

    @Test
    void shouldDeliverEveryProducedMessageOnceInOrder(final ProcessHarness harness) {
        BlackBox pair = BlackBox.configured() ? BlackBox.fromProperties(harness) : ownCommands(harness, null);
        harness.summary()
                .channel(BlackBox.configured() ? "blackbox" : "ring")
                .detail("pair", BlackBox.configured() ? "configured" : "shmlane producer and consumer");

        BlackBox.Result result = pair.run(harness);

        BlackBox.assertDelivered(harness, result);
    }

    @Test
    void shouldNameTheLostMessageOfAPairThatDropsOne(final ProcessHarness harness) {
        long n = BlackBox.messages();
        long dropped = harness.random().nextLong(n);
        BlackBox pair = ownCommands(harness, dropped);
        harness.summary().channel("ring").detail("pair", "shmlane producer and a consumer that drops Msg-" + dropped);

        BlackBox.Result result = pair.run(harness);

        assertThat(result.report.lost).as(result.report::toString).isEqualTo(1);
        assertThatThrownBy(() -> BlackBox.assertDelivered(harness, result))
                .as("the black-box check must fail for a pair that drops a message")
                .hasMessageContaining("first lost: Msg-" + dropped + " never consumed")
                .satisfies(verdict -> {
                    String message = verdict.getMessage().strip();
                    String first = message.substring(0, Math.max(0, message.indexOf('\n')));
                    System.out.println("[process-tests] the lossy pair's verdict, as expected: " + first);
                    harness.summary().detail("verdict", first);
                });
    }

    /** shmlane's producer, and its consumer or the lossy one that drops {@code dropped}. */
    private static BlackBox ownCommands(final ProcessHarness harness, final Long dropped) {
        String producer = harness.shellCommand("io.shmlane.cli.Main", "producer", "--file", CHANNEL);
        String consumer = dropped == null
                ? harness.shellCommand("io.shmlane.cli.Main", "consumer", "--file", CHANNEL)
                : harness.shellCommand(LossyConsumer.class.getName(), CHANNEL, Long.toString(dropped));
        return new BlackBox(producer, consumer, harness.workDir(), BlackBox.messages(), CHANNEL);
    }
}
