package io.shmlane.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessGroupsTest {
    @Test
    void shouldReadRealEffectiveAndSupplementaryGroupsFromProcStatus() {
        List<String> status =
                List.of("Name:\tjava", "Uid:\t1000\t1000\t1000\t1000", "Gid:\t100\t101\t100\t100", "Groups:\t4 24 27 ");
        assertThat(ProcessGroups.parse(status)).containsExactlyInAnyOrder(100, 101, 4, 24, 27);
    }

    @Test
    void shouldReadAnEmptyGroupsLine() {
        assertThat(ProcessGroups.parse(List.of("Gid:\t0\t0\t0\t0", "Groups:\t ")))
                .containsExactly(0);
    }
}
