package io.shmlane;

import io.shmlane.mailbox.MailboxConsumer;
import io.shmlane.mailbox.MailboxProducer;
import io.shmlane.ring.RingConsumer;
import io.shmlane.ring.RingProducer;
import java.nio.file.Path;

/** Opens a producer or a consumer of the kind the options name. */
public final class Channels {
    private Channels() {}

    /** A producer on {@code path}, creating the file with {@code options} if it does not exist. */
    public static ChannelProducer openProducer(final Path path, final ChannelOptions options) {
        return options.kind() == ChannelKind.RING
                ? RingProducer.open(path, options)
                : MailboxProducer.open(path, options);
    }

    /** A consumer on {@code path}, creating the file with {@code options} if it does not exist. */
    public static ChannelConsumer openConsumer(final Path path, final ChannelOptions options) {
        return options.kind() == ChannelKind.RING
                ? RingConsumer.open(path, options)
                : MailboxConsumer.open(path, options);
    }
}
