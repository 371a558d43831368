package io.shmlane.reports.input;

import io.shmlane.reports.model.PitRun;
import io.shmlane.reports.model.PitSurvivor;
import io.shmlane.results.PitCheck;
import io.shmlane.results.PitSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads PIT's XML reports of the library and the command line ({@code protocol/} and {@code cli/}, each
 * {@code target/pit-reports/mutations.xml}, written by {@code ./mvnw -pl protocol,cli -Ppit verify} or {@code hunt.jar
 * --pit}) and gives every mutant no test killed its reason from its module's {@code pit-equivalents.txt}, by the rule
 * of {@link PitCheck} that the hunt's {@code --pit} check applies too.
 */
public final class PitReader {
    /** PIT's XML report of a module, relative to the module. */
    public static final String MUTATIONS = PitCheck.MUTATIONS;
    /** The committed list of equivalent mutants of a module, relative to the module. */
    public static final String EQUIVALENTS = PitCheck.EQUIVALENTS;

    private PitReader() {}

    /**
     * The PIT run under {@code root}: the reports of every module that has one, as one run; null when PIT did not
     * run (no module has its {@link #MUTATIONS}).
     *
     * @throws IOException when the report or the list cannot be read
     */
    public static PitRun read(final Path root, final ReadContext context) throws IOException {
        List<String> modules = PitCheck.reported(root);
        if (modules.isEmpty()) {
            return null;
        }
        Path xml = root.resolve(modules.get(0)).resolve(MUTATIONS);
        PitSummary summary;
        try {
            summary = PitCheck.check(root);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<PitSurvivor> survivors = new ArrayList<>();
        for (PitSummary.Unkilled u : summary.unkilled()) {
            survivors.add(new PitSurvivor(
                    u.status(),
                    u.mutatedClass(),
                    u.method(),
                    u.line(),
                    u.mutator(),
                    u.description(),
                    u.code(),
                    u.equivalent()));
        }
        // unjustified first, then by class and line
        survivors.sort(Comparator.comparing((PitSurvivor s) -> s.reason() != null)
                .thenComparing(PitSurvivor::mutatedClass)
                .thenComparingInt(PitSurvivor::line));
        Instant modified = ReadContext.modified(xml);
        return new PitRun(
                context.display(xml),
                context.isStale(modified),
                modified == null ? null : modified.toString(),
                summary.mutations(),
                summary.killed(),
                summary.survived(),
                summary.noCoverage(),
                summary.timedOut(),
                summary.mutationScore(),
                summary.testStrength(),
                summary.unjustified(),
                List.copyOf(survivors),
                String.join(
                        ", ", modules.stream().map(m -> m + "/" + EQUIVALENTS).toList()));
    }
}
