package io.shmlane.reports.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.shmlane.reports.FixtureProject;
import io.shmlane.reports.model.PitRun;
import io.shmlane.reports.model.PitSurvivor;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PIT's XML report (11 real mutants of a run over the command line) with the list of equivalent mutants. */
class PitReaderTest {
    @TempDir
    Path temp;

    private FixtureProject project() {
        return new FixtureProject(temp)
                .copy("pit/mutations.xml", "cli/" + PitReader.MUTATIONS)
                .copy("pit/pit-equivalents.txt", "cli/" + PitReader.EQUIVALENTS)
                .copy(
                        "pit/src/io/shmlane/cli/SequenceChecker.java",
                        "cli/src/main/java/io/shmlane/cli/SequenceChecker.java")
                .copy("pit/src/io/shmlane/cli/MessageCodec.java", "cli/src/main/java/io/shmlane/cli/MessageCodec.java");
    }

    private static PitRun read(final FixtureProject project) throws IOException {
        return PitReader.read(project.root(), new ReadContext(project.root(), null, new Artifacts(project.root())));
    }

    @Test
    void shouldCountTheMutantsAndComputeTestStrengthAndMutationScore() throws IOException {
        PitRun run = read(project());

        assertThat(run.file()).isEqualTo("cli/target/pit-reports/mutations.xml");
        // only the lists of the modules that have a report
        assertThat(run.equivalentsFile()).isEqualTo("cli/pit-equivalents.txt");
        assertThat(run.mutations()).isEqualTo(11);
        assertThat(run.killed()).isEqualTo(7); // 6 killed, 1 timed out
        assertThat(run.timedOut()).isEqualTo(1);
        assertThat(run.survived()).isEqualTo(3);
        assertThat(run.noCoverage()).isEqualTo(1);
        assertThat(run.mutationScore()).isEqualTo(7.0 / 11);
        assertThat(run.testStrength()).isEqualTo(7.0 / 10);
    }

    @Test
    void shouldGiveEachSurvivorItsReasonByCodeAndPutTheUnjustifiedFirst() throws IOException {
        PitRun run = read(project());

        assertThat(run.unjustified()).isEqualTo(3);
        assertThat(run.survivors())
                .extracting(PitSurvivor::status, PitSurvivor::simpleClass, PitSurvivor::method, PitSurvivor::line)
                .containsExactly(
                        tuple("NO_COVERAGE", "MessageCodec", "decode", 75),
                        tuple("SURVIVED", "MessageCodec", "decode", 83),
                        tuple("SURVIVED", "MessageCodec", "decode", 106),
                        tuple("SURVIVED", "SequenceChecker", "accept", 75));
        PitSurvivor justified = run.survivors().get(3);
        assertThat(justified.mutator()).isEqualTo("ConditionalsBoundaryMutator");
        assertThat(justified.description()).isEqualTo("changed conditional boundary");
        assertThat(justified.code()).isEqualTo("if (id > expected) {");
        assertThat(justified.reason()).isEqualTo("id == expected returned above, so > and >= agree here");
        assertThat(run.survivors().subList(0, 3))
                .allSatisfy(s -> assertThat(s.reason()).isNull());
    }

    @Test
    void shouldBeAbsentWhenPitDidNotRun() throws IOException {
        assertThat(read(new FixtureProject(temp))).isNull();
    }
}
