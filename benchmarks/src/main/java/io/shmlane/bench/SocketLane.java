package io.shmlane.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.Map;

/**
 * A Unix domain socket or TCP over loopback, with the JDK only: blocking {@link SocketChannel}s,
 * messages framed as {@code int length} then payload. The producer writes each message as it comes
 * (one {@code write} per message, as a latency-minded sender does; no batching of several messages
 * per call), the consumer reads whatever is there into a 256 KiB buffer and takes the whole frames.
 * TCP with {@code TCP_NODELAY}. Both sides block in the kernel while waiting: sockets are not spun on.
 */
final class SocketLane implements Lane {
    private static final int FRAME_HEADER = 4;
    private static final int READ_BUFFER = 256 * 1024;

    private static ServerSocketChannel listen(final ChildConfig config) throws IOException {
        if (config.transport() == Transport.UDS) {
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(config.path(".sock"));
            Files.deleteIfExists(address.getPath());
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(address);
            return server;
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return server;
    }

    private static SocketChannel connect(final ChildConfig config) throws IOException {
        SocketAddress address = config.transport() == Transport.UDS
                ? UnixDomainSocketAddress.of(config.path(".sock"))
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port());
        SocketChannel channel = SocketChannel.open(address);
        configure(config, channel);
        return channel;
    }

    private static void configure(final ChildConfig config, final SocketChannel channel) throws IOException {
        if (config.transport() == Transport.TCP) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
    }

    private static SocketChannel accept(final ChildConfig config, final ServerSocketChannel server, final Report report)
            throws IOException {
        int port = server.getLocalAddress() instanceof InetSocketAddress
                ? ((InetSocketAddress) server.getLocalAddress()).getPort()
                : 0;
        report.ready(Map.of("port", port));
        SocketChannel channel = server.accept();
        configure(config, channel);
        return channel;
    }

    private static ByteBuffer frame(final int payload) {
        ByteBuffer frame = ByteBuffer.allocateDirect(FRAME_HEADER + payload).order(ByteOrder.nativeOrder());
        frame.putInt(0, payload);
        return frame;
    }

    private static void writeFully(final SocketChannel channel, final ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void readFully(final SocketChannel channel, final ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the other side closed the connection");
            }
        }
    }

    @Override
    public void produce(final ChildConfig config, final Report report) throws Exception {
        try (SocketChannel channel = connect(config)) {
            new Source(channel, config.payload()).run(config, report);
        }
    }

    @Override
    public void consume(final ChildConfig config, final Report report) throws Exception {
        try (ServerSocketChannel server = listen(config);
                SocketChannel channel = accept(config, server, report)) {
            StreamMeter meter = new StreamMeter(config.warmupNanos(), config.markShift());
            ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER).order(ByteOrder.nativeOrder());
            while (channel.read(in) >= 0) {
                in.flip();
                int position = in.position();
                int limit = in.limit();
                while (limit - position >= FRAME_HEADER) {
                    int length = in.getInt(position);
                    if (limit - position - FRAME_HEADER < length) {
                        break;
                    }
                    int payload = position + FRAME_HEADER;
                    meter.onMessage(in.getLong(payload), in.getLong(payload + length - 8));
                    position = payload + length;
                }
                in.position(position);
                in.compact();
            }
            report.result(meter.result());
        } finally {
            if (config.transport() == Transport.UDS) {
                Files.deleteIfExists(config.path(".sock"));
            }
        }
    }

    @Override
    public void ping(final ChildConfig config, final Report report) throws Exception {
        try (SocketChannel channel = connect(config)) {
            new Pinger(channel, config.payload()).run(config, report);
        }
    }

    @Override
    public void pong(final ChildConfig config, final Report report) throws Exception {
        try (ServerSocketChannel server = listen(config);
                SocketChannel channel = accept(config, server, report)) {
            ByteBuffer frame = frame(config.payload());
            while (true) {
                frame.clear();
                while (frame.hasRemaining()) {
                    if (channel.read(frame) < 0) {
                        return;
                    }
                }
                frame.flip();
                writeFully(channel, frame);
            }
        } finally {
            if (config.transport() == Transport.UDS) {
                Files.deleteIfExists(config.path(".sock"));
            }
        }
    }

    private static final class Source extends SourceLoop {
        private final SocketChannel channel;
        private final ByteBuffer frame;

        Source(final SocketChannel channel, final int length) {
            super(length);
            this.channel = channel;
            this.frame = frame(length);
        }

        @Override
        protected void send(final long sequence) throws IOException {
            Payload.stamp(frame, FRAME_HEADER, length, sequence);
            frame.clear();
            writeFully(channel, frame);
        }

        @Override
        protected void end(final long sent) throws IOException {
            channel.shutdownOutput();
        }
    }

    private static final class Pinger extends PingLoop {
        private final SocketChannel channel;
        private final ByteBuffer frame;
        private final ByteBuffer echo;

        Pinger(final SocketChannel channel, final int length) {
            super(length);
            this.channel = channel;
            this.frame = frame(length);
            this.echo = frame(length);
        }

        @Override
        protected void roundTrip(final long sequence) throws IOException {
            Payload.stamp(frame, FRAME_HEADER, length, sequence);
            frame.clear();
            writeFully(channel, frame);
            echo.clear();
            readFully(channel, echo);
            checkEcho(sequence, Payload.head(echo, FRAME_HEADER), Payload.tail(echo, FRAME_HEADER, length));
        }

        @Override
        protected void end() throws IOException {
            channel.shutdownOutput();
        }
    }
}
