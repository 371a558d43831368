package io.shmlane.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shmlane.ChannelBuffers;
import io.shmlane.ChannelException;
import io.shmlane.ChannelKind;
import io.shmlane.Role;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file, one role: the lock of a role's byte is taken once per open file, recorded in the role's
 * slot, and a second role on the same open file is a programming error, not a second lock.
 */
class RoleLocksTest {
    @TempDir
    Path dir;

    private FileChannel open(final Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Test
    void shouldRecordThePidAndCountTheAttachOfTheRoleItTakes() throws IOException {
        Path path = dir.resolve("roles.shm");
        ByteBuffer slots = ChannelBuffers.allocate(ChannelKind.RING, 1024);
        try (FileChannel channel = open(path)) {
            RoleLocks locks = new RoleLocks(path, channel);
            assertThat(locks.role()).isNull();

            locks.acquire(Role.CONSUMER, slots);

            assertThat(locks.role()).isEqualTo(Role.CONSUMER);
            assertThat(locks.isHeld(Role.CONSUMER)).isTrue();
            assertThat(locks.isHeld(Role.PRODUCER)).isFalse();
            assertThat(slots.getLong(Role.CONSUMER.pidOffset()))
                    .isEqualTo(ProcessHandle.current().pid());
            assertThat(slots.getInt(Role.CONSUMER.attachCountOffset())).isEqualTo(1);
            assertThat(slots.getLong(Role.PRODUCER.pidOffset())).isZero();
        }
    }

    @Test
    void shouldRefuseASecondRoleOnTheSameOpenFileWithoutTakingItsLock() throws IOException {
        Path path = dir.resolve("roles.shm");
        ByteBuffer slots = ChannelBuffers.allocate(ChannelKind.RING, 1024);
        try (FileChannel channel = open(path)) {
            RoleLocks locks = new RoleLocks(path, channel);
            locks.acquire(Role.PRODUCER, slots);

            assertThatThrownBy(() -> locks.acquire(Role.CONSUMER, slots))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("this file already holds the producer role");
            assertThatThrownBy(() -> locks.acquire(Role.PRODUCER, slots))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("this file already holds the producer role");

            assertThat(locks.role()).isEqualTo(Role.PRODUCER);
            assertThat(locks.isHeld(Role.CONSUMER))
                    .as("the consumer's byte stays free")
                    .isFalse();
            assertThat(slots.getInt(Role.CONSUMER.attachCountOffset())).isZero();
            assertThat(slots.getInt(Role.PRODUCER.attachCountOffset())).isEqualTo(1);
        }
    }

    @Test
    void shouldReportTheRoleTakenWhenAnotherOpenFileHoldsIt() throws IOException {
        Path path = dir.resolve("roles.shm");
        ByteBuffer slots = ChannelBuffers.allocate(ChannelKind.RING, 1024);
        try (FileChannel first = open(path);
                FileChannel second = open(path)) {
            new RoleLocks(path, first).acquire(Role.PRODUCER, slots);

            RoleLocks other = new RoleLocks(path, second);
            assertThatThrownBy(() -> other.acquire(Role.PRODUCER, slots))
                    .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.reason())
                            .isEqualTo(ChannelException.Reason.ROLE_TAKEN))
                    .hasMessageContaining("already has a live producer (pid "
                            + ProcessHandle.current().pid() + ")");
            assertThat(other.role()).isNull();
            assertThat(slots.getInt(Role.PRODUCER.attachCountOffset())).isEqualTo(1);
        }
    }
}
