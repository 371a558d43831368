package io.shmlane;

import io.shmlane.mailbox.MailboxConsumer;
import io.shmlane.mailbox.MailboxProducer;
import io.shmlane.ring.RingConsumer;
import io.shmlane.ring.RingProducer;
import java.nio.file.Path;

/** Opens a producer or a consumer of the kind the options name. */
public final class Channels {
    private Channels() {}

    /**
     * A producer on {@code path}, creating the file with {@code options} if it does not exist. After a
     * producer that died, the new one continues its stream and its sequence.
     *
     * @param path the channel file; its directory must exist, and the name must not be a symbolic link
     * @param options the kind to open, and the capacity and permissions to create the file with
     * @return the producer, holding the producer role until it is closed or detached; for one thread
     * @throws ChannelException when the file is not a usable channel of that kind, a live producer holds
     *     it ({@code ROLE_TAKEN}), or an earlier producer ended its stream ({@code CLOSED})
     */
    public static ChannelProducer openProducer(final Path path, final ChannelOptions options) {
        return options.kind() == ChannelKind.RING
                ? RingProducer.open(path, options)
                : MailboxProducer.open(path, options);
    }

    /**
     * A consumer on {@code path}, creating the file with {@code options} if it does not exist. A new
     * consumer resumes after the last message an earlier one consumed.
     *
     * @param path the channel file; its directory must exist, and the name must not be a symbolic link
     * @param options the kind to open, and the capacity and permissions to create the file with
     * @return the consumer, holding the consumer role until it is closed; for one thread
     * @throws ChannelException when the file is not a usable channel of that kind or a live consumer
     *     holds it ({@code ROLE_TAKEN})
     */
    public static ChannelConsumer openConsumer(final Path path, final ChannelOptions options) {
        return options.kind() == ChannelKind.RING
                ? RingConsumer.open(path, options)
                : MailboxConsumer.open(path, options);
    }
}
