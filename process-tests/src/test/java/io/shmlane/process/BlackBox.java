package io.shmlane.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The black-box delivery check for any pair of commands that print {@code Produced: Msg-N} and
 * {@code Consumed: Msg-N} lines. Both run with {@code sh -c} in the work directory. The consumer
 * starts first (and, if a ready file is named, the producer only once that file exists); the
 * producer is stopped (SIGTERM, SIGKILL after a grace period) once it printed N {@code Produced:}
 * lines, unless it exits by itself; the consumer is stopped the same way once it exited or has been
 * quiet for a while. Then every produced message must have been consumed once, in order.
 *
 * <p>System properties: {@code blackbox.producer}, {@code blackbox.consumer} (the commands), {@code
 * blackbox.workdir}, {@code blackbox.messages} (N, default 10,000 times the scale), {@code
 * blackbox.quietSeconds} (default 3), {@code blackbox.stopSeconds} (grace after SIGTERM, default 10),
 * {@code blackbox.readyFile} (optional, relative to the work directory).
 */
final class BlackBox {
    final String producerCommand;
    final String consumerCommand;
    final Path workdir;
    final long messages;
    final Duration quiet;
    final Duration grace;
    final String readyFile;

    BlackBox(
            final String producerCommand,
            final String consumerCommand,
            final Path workdir,
            final long messages,
            final String readyFile) {
        this.producerCommand = producerCommand;
        this.consumerCommand = consumerCommand;
        this.workdir = workdir;
        this.messages = messages;
        this.quiet =
                Duration.ofMillis((long) (1000 * Double.parseDouble(System.getProperty("blackbox.quietSeconds", "3"))));
        this.grace =
                Duration.ofMillis((long) (1000 * Double.parseDouble(System.getProperty("blackbox.stopSeconds", "10"))));
        this.readyFile = readyFile;
    }

    /** Whether {@code -Dblackbox.producer} and {@code -Dblackbox.consumer} name a pair to check. */
    static boolean configured() {
        return !System.getProperty("blackbox.producer", "").isBlank()
                && !System.getProperty("blackbox.consumer", "").isBlank();
    }

    /** The pair named by the system properties. */
    static BlackBox fromProperties(final ProcessHarness harness) {
        String dir = System.getProperty("blackbox.workdir", "");
        String ready = System.getProperty("blackbox.readyFile", "");
        return new BlackBox(
                System.getProperty("blackbox.producer"),
                System.getProperty("blackbox.consumer"),
                dir.isBlank() ? harness.workDir() : Paths.get(dir).toAbsolutePath(),
                messages(),
                ready.isBlank() ? null : ready);
    }

    /** N: {@code -Dblackbox.messages}, default 10,000 times the scale. */
    static long messages() {
        String text = System.getProperty("blackbox.messages", "");
        return text.isBlank() ? ProcessHarness.scaled(10_000L) : Long.parseLong(text.trim());
    }

    /** Runs the pair and compares what was produced with what was consumed. */
    Result run(final ProcessHarness harness) {
        try {
            Files.createDirectories(workdir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work directory " + workdir, e);
        }
        harness.summary()
                .messages(messages)
                .detail("producerCommand", producerCommand)
                .detail("consumerCommand", consumerCommand)
                .detail("workdir", workdir.toString());
        ChildProcess consumer = harness.shell("blackbox-consumer", consumerCommand, workdir);
        if (readyFile != null) {
            harness.awaitWhileAlive("the consumer to create " + readyFile, consumer)
                    .until(() -> Files.exists(workdir.resolve(readyFile)));
        }
        ChildProcess producer = harness.shell("blackbox-producer", producerCommand, workdir);
        harness.await("the producer to print " + messages + " Produced: lines or exit")
                .until(() -> producer.producedCount() >= messages || !producer.isAlive());
        boolean producerStopped = stop(harness, producer);
        harness.await("the consumer to exit or be quiet for " + quiet.toMillis() + " ms")
                .until(() -> !consumer.isAlive() || consumer.quietNanos() >= quiet.toNanos());
        boolean consumerStopped = stop(harness, consumer);
        harness.awaitExit(producer);
        harness.awaitExit(consumer);

        DeliveryReport report = DeliveryCheck.expecting(producer.produced())
                .delivered(consumer.label(), consumer.consumed())
                .torn(consumer.tornCount())
                .malformedLines(consumer.malformedConsumedCount())
                .run();
        harness.summary()
                .messages(producer.produced().size())
                .delivery(report)
                .detail("target", messages)
                .detail("produced", producer.produced().size())
                .detail("consumed", report.delivered)
                .detail("unexpected", report.unexpected)
                .detail("producerStopped", producerStopped)
                .detail("consumerStopped", consumerStopped)
                .detail("producerExit", producer.exitCode())
                .detail("consumerExit", consumer.exitCode());
        return new Result(producer, consumer, report);
    }

    /** SIGTERM if still running, SIGKILL after the grace period; returns whether it had to be stopped. */
    private boolean stop(final ProcessHarness harness, final ChildProcess child) {
        if (!child.isAlive()) {
            return false;
        }
        child.terminate();
        try {
            harness.await(child.label() + " to stop after SIGTERM")
                    .atMost(grace)
                    .until(() -> !child.isAlive());
        } catch (ConditionTimeoutException stubborn) {
            child.kill();
        }
        return true;
    }

    /** The verdict: something was produced, and every produced message was consumed once, in order. */
    static void assertDelivered(final ProcessHarness harness, final Result result) {
        assertThat(result.producer.produced().size())
                .as(() -> "the producer printed no 'Produced: Msg-N' line\n" + harness.describeChildren())
                .isPositive();
        assertThat(result.report.problems())
                .as(() -> "black-box delivery check: " + result.report + "\n" + harness.describeChildren())
                .isEmpty();
    }

    /** What one run of the pair produced and consumed. */
    static final class Result {
        final ChildProcess producer;
        final ChildProcess consumer;
        final DeliveryReport report;

        Result(final ChildProcess producer, final ChildProcess consumer, final DeliveryReport report) {
            this.producer = producer;
            this.consumer = consumer;
            this.report = report;
        }
    }
}
