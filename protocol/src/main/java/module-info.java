/**
 * The shmlane library: messaging between two JVMs on one machine through a memory-mapped file. No
 * dependency beyond {@code java.base}.
 *
 * <ul>
 *   <li>{@code io.shmlane}: opening channels ({@link io.shmlane.Channels}, {@link io.shmlane.ChannelOptions}),
 *       the producer and consumer interfaces, the file format ({@link io.shmlane.ChannelHeaderDescriptor}) and
 *       its errors ({@link io.shmlane.ChannelException});
 *   <li>{@code io.shmlane.ring}: the SPSC ring;
 *   <li>{@code io.shmlane.mailbox}: one slot, one message in flight;
 *   <li>{@code io.shmlane.idle}: what a blocking send or receive does while it waits.
 * </ul>
 *
 * <p>{@code io.shmlane.internal} (creation, validation, role locks, fault translation, the shared
 * layout code) is not exported.
 */
module io.shmlane {
    exports io.shmlane;
    exports io.shmlane.ring;
    exports io.shmlane.mailbox;
    exports io.shmlane.idle;
}
