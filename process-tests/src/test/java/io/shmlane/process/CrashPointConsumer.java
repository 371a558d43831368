package io.shmlane.process;

import io.shmlane.ChannelConsumer;
import io.shmlane.ChannelKind;
import io.shmlane.ChannelOptions;
import io.shmlane.Channels;
import io.shmlane.MessageHandler;
import io.shmlane.idle.IdleStrategy;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A consumer that stops itself at a {@link CrashPoint}, for the crash matrix: it polls with the
 * library's {@code poll(handler, batch)}, prints {@code Consumed: Msg-N} (or {@code Torn: ...}) from the
 * handler like the command line, and once the file {@code arm-consumer} exists in its working directory
 * stops at its point, prints {@code Paused: <point> inBatch=K ...} and sleeps until the test kills it:
 *
 * <ul>
 *   <li>{@code mid-batch}: inside the handler of the {@code --pause-at}-th message after arming; the K
 *       messages of that poll are printed and their batch not released: a new consumer delivers exactly
 *       them again;
 *   <li>{@code after-batch}: after the first poll after arming that handled messages: released, nothing
 *       to deliver again;
 *   <li>either, when the first poll after arming finds nothing ({@code idle}, K = 0): the producer has
 *       nothing committed for it.
 * </ul>
 *
 * <pre>
 *   CrashPointConsumer --file F --channel ring|mailbox --capacity C --batch B --point P --pause-at K
 * </pre>
 */
public final class CrashPointConsumer {
    /** The file whose appearance (in the working directory) arms the point. */
    static final String ARM_FILE = "arm-consumer";

    private final PrintStream out;
    private final CrashPoint point;
    private final int pauseAt;
    private final CheckedMessages messages;
    private boolean armed;
    private int sinceArmed;
    private int inBatch;
    private long last = -1;

    private CrashPointConsumer(final PrintStream out, final CrashPoint point, final int pauseAt, final int maxSize) {
        this.out = out;
        this.point = point;
        this.pauseAt = pauseAt;
        this.messages = new CheckedMessages(maxSize);
    }

    public static void main(final String[] args) {
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false,
                StandardCharsets.UTF_8);
        Map<String, String> options = ChildArguments.parse(args);
        ChannelKind kind = "ring".equals(options.get("channel")) ? ChannelKind.RING : ChannelKind.MAILBOX;
        int capacity = Integer.parseInt(options.get("capacity"));
        int batch = Integer.parseInt(options.get("batch"));
        CrashPoint point = CrashPoint.parse(options.get("point"));
        if (point != CrashPoint.MID_BATCH && point != CrashPoint.AFTER_BATCH) {
            throw new IllegalArgumentException("not a consumer point: " + point);
        }
        try (ChannelConsumer consumer = Channels.openConsumer(
                Paths.get(options.get("file")), ChannelOptions.of(kind).withCapacity(capacity))) {
            new CrashPointConsumer(
                            out,
                            point,
                            Integer.parseInt(options.get("pause-at")),
                            consumer.file().maxMessageLength())
                    .run(consumer, batch);
        }
        out.flush();
    }

    private void run(final ChannelConsumer consumer, final int batch) {
        out.println("Attached: next=" + consumer.nextSequence());
        out.flush();
        Path arm = Paths.get(ARM_FILE);
        IdleStrategy idle = IdleStrategy.named("backoff");
        MessageHandler handler = (sequence, buffer, index, length) -> {
            // here too: the test may have armed it while it was stopped between the loop's look and poll()
            armed = armed || Files.exists(arm);
            long n = messages.decode(buffer, index, length);
            out.println(n >= 0 ? "Consumed: Msg-" + n : "Torn: sequence " + sequence + " (" + n + ")");
            last = n;
            inBatch++;
            if (armed && ++sinceArmed == pauseAt && point == CrashPoint.MID_BATCH) {
                pause("mid-batch");
            }
        };
        while (true) {
            armed = armed || Files.exists(arm);
            boolean nothingSinceArmed = armed && sinceArmed == 0;
            inBatch = 0;
            int count = consumer.poll(handler, batch);
            if (nothingSinceArmed && count == 0) {
                pause("idle");
            }
            if (sinceArmed > 0 && point == CrashPoint.AFTER_BATCH) {
                inBatch = 0;
                pause("after-batch");
            }
            if (count > 0) {
                idle.reset();
            } else if (consumer.isEndOfStream()) {
                out.println("end=eos last=Msg-" + last);
                return;
            } else {
                out.flush();
                idle.idle();
            }
        }
    }

    /** Prints where it stopped and sleeps until killed. */
    private void pause(final String where) {
        out.println("Paused: " + where + " inBatch=" + inBatch + " last=Msg-" + last);
        out.flush();
        while (true) {
            LockSupport.park();
        }
    }
}
