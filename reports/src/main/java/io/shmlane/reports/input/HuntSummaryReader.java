package io.shmlane.reports.input;

import io.shmlane.reports.model.HuntGroup;
import io.shmlane.reports.model.HuntMutant;
import io.shmlane.reports.model.HuntRound;
import io.shmlane.reports.model.HuntRun;
import io.shmlane.results.HuntSummary;
import io.shmlane.results.ResultFiles;
import io.shmlane.testsupport.SafeNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the summaries of regression hunts written by the {@code hunt} module (documented in {@code
 * hunt/README.md}, "Output"): {@code hunt/target/hunt/hunt-summary.json} and the same file in any other {@code
 * hunt/target/hunt*} directory (a hunt run with {@code --out hunt/target/hunt-mutants}, say). Copies the logs of the
 * rounds and stages that are still there next to the page.
 */
public final class HuntSummaryReader {
    /** The file each hunt writes into its output directory. */
    static final String SUMMARY = "hunt-summary.json";
    /** Where the logs are copied, relative to the report directory. */
    static final String LOG_TARGET = "hunt-logs";

    private HuntSummaryReader() {}

    /**
     * Reads every {@code hunt*}{@code /hunt-summary.json} under {@code target} (the hunt module's), in name order; an
     * unreadable one is a warning.
     *
     * @return the hunts, empty when there is none
     */
    public static List<HuntRun> read(final Path target, final ReadContext context) {
        List<HuntRun> runs = new ArrayList<>();
        for (Path file : summaries(target)) {
            try {
                runs.add(readFile(file, context));
            } catch (IOException | UncheckedIOException e) {
                context.warn("cannot read " + context.display(file) + ": " + e.getMessage());
            }
        }
        return List.copyOf(runs);
    }

    /** Reads one summary. */
    public static HuntRun readFile(final Path file, final ReadContext context) throws IOException {
        HuntSummary summary = ResultFiles.read(file, HuntSummary.class);
        if (summary.schemaVersion() > ResultFiles.SCHEMA_VERSION) {
            context.warn(context.display(file) + " has schema version " + summary.schemaVersion() + "; read as version "
                    + ResultFiles.SCHEMA_VERSION + " as far as it is understood");
        }
        Path directory = file.toAbsolutePath().getParent();
        Path directoryName = directory == null ? null : directory.getFileName();
        String name = directoryName == null ? "hunt" : directoryName.toString();
        Instant modified = ReadContext.modified(file);
        List<HuntRound> rounds = new ArrayList<>();
        List<HuntSummary.Round> recorded = orEmpty(summary.rounds());
        for (int i = 0; i < recorded.size(); i++) {
            rounds.add(
                    round(recorded.get(i), Anchors.of("hunt", name + "-round-" + (i + 1)), directory, name, context));
        }
        List<HuntMutant> mutants = new ArrayList<>();
        for (HuntSummary.Mutant mutant : orEmpty(summary.mutants())) {
            mutants.add(mutant(mutant, directory, name, context));
        }
        // survivors first: they are what a reader must see
        mutants.sort(Comparator.comparing(HuntMutant::killed));
        Double score = summary.mutationScore();
        if (score == null && !mutants.isEmpty()) {
            score = (double) mutants.stream().filter(HuntMutant::killed).count() / mutants.size();
        }
        String mode = summary.mode();
        if (mode == null) {
            mode = mutants.isEmpty() ? "campaign" : "mutants";
        }
        return new HuntRun(
                context.display(file),
                Anchors.of("hunt", name),
                context.isStale(modified),
                modified == null ? null : modified.toString(),
                summary.generatedAt(),
                mode,
                summary.budget(),
                summary.elapsedSeconds() != null
                        ? summary.elapsedSeconds()
                        : rounds.stream().mapToDouble(HuntRound::seconds).sum(),
                Boolean.TRUE.equals(summary.interrupted()),
                summary.seed(),
                List.copyOf(orEmpty(summary.jdks())),
                List.copyOf(orEmpty(summary.jitModes())),
                groups(rounds),
                List.copyOf(rounds),
                List.copyOf(mutants),
                score);
    }

    private static HuntMutant mutant(
            final HuntSummary.Mutant mutant, final Path directory, final String run, final ReadContext context) {
        String name = mutant.name() == null ? "?" : mutant.name();
        List<HuntRound> stages = new ArrayList<>();
        for (HuntSummary.Round stage : orEmpty(mutant.stages())) {
            String stageName = stage.stage();
            stages.add(round(
                    stage,
                    Anchors.of("mutant", run + "-" + name + "-" + (stageName == null ? stages.size() + 1 : stageName)),
                    directory,
                    run,
                    context));
        }
        List<String> killers = orEmpty(mutant.killers());
        boolean killed = mutant.killed() != null ? mutant.killed() : !killers.isEmpty();
        return new HuntMutant(
                name,
                Anchors.of("mutant", run + "-" + name),
                mutant.description(),
                mutant.file(),
                killed,
                List.copyOf(killers),
                mutant.secondsToKill(),
                List.copyOf(stages));
    }

    private static HuntRound round(
            final HuntSummary.Round round,
            final String anchor,
            final Path directory,
            final String run,
            final ReadContext context) {
        String slice = round.slice() != null ? round.slice() : round.stage();
        String log = round.log();
        return new HuntRound(
                anchor,
                round.jdk(),
                round.jit(),
                slice,
                round.seed(),
                round.outcome() == null ? null : round.outcome().name().toLowerCase(Locale.ROOT),
                List.copyOf(orEmpty(round.failures())),
                round.seconds() == null ? 0 : round.seconds(),
                round.command(),
                round.replay(),
                round.exitCode(),
                log,
                copyLog(log, directory, run, context));
    }

    private static <T> List<T> orEmpty(final List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The log as recorded, else the file of that name in the summary's own {@code logs/}; null when it is gone. */
    private static String copyLog(
            final String recorded, final Path directory, final String run, final ReadContext context) {
        if (recorded == null || directory == null) {
            return null;
        }
        Path log;
        try {
            log = Path.of(recorded);
        } catch (InvalidPathException e) {
            return null;
        }
        Path name = log.getFileName();
        if (name == null) {
            return null;
        }
        if (!Files.isRegularFile(log)) {
            log = directory.resolve("logs").resolve(name);
        }
        if (!Files.isRegularFile(log)) {
            return null;
        }
        return context.artifacts()
                .copyFile(log, LOG_TARGET + "/" + SafeNames.of(run) + "/" + SafeNames.of(name.toString()));
    }

    /** The rounds per JDK and JIT mode, in the order each pair first ran. */
    static List<HuntGroup> groups(final List<HuntRound> rounds) {
        Map<String, List<HuntRound>> byPair = new LinkedHashMap<>();
        for (HuntRound round : rounds) {
            byPair.computeIfAbsent(round.jdk() + "/" + round.jit(), k -> new ArrayList<>())
                    .add(round);
        }
        List<HuntGroup> groups = new ArrayList<>();
        for (List<HuntRound> pair : byPair.values()) {
            Map<String, Integer> slices = new LinkedHashMap<>();
            pair.forEach(r -> slices.merge(r.slice() == null ? "?" : r.slice(), 1, Integer::sum));
            List<String> described = new ArrayList<>();
            slices.forEach((slice, count) -> described.add(count == 1 ? slice : slice + " ×" + count));
            HuntRound first = pair.get(0);
            groups.add(new HuntGroup(
                    first.jdk() == null ? "?" : first.jdk(),
                    first.jit() == null ? "?" : first.jit(),
                    pair.size(),
                    pair.stream().filter(HuntRound::failed).count(),
                    pair.stream()
                            .filter(r -> "stopped".equalsIgnoreCase(r.outcome()))
                            .count(),
                    pair.stream().mapToDouble(HuntRound::seconds).sum(),
                    List.copyOf(described)));
        }
        return List.copyOf(groups);
    }

    private static List<Path> summaries(final Path target) {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(target)) {
            return list.filter(p -> p.getFileName().toString().startsWith("hunt"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .map(p -> p.resolve(SUMMARY))
                    .filter(Files::isRegularFile)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
