package io.shmlane.reports.model;

import java.util.List;

/**
 * One mutant of the catalogue ({@code hunt/mutants/NAME.mutant}) run against the suite.
 *
 * @param name the mutant's name
 * @param anchor the id of its row on the page
 * @param description the bug, in one or two sentences
 * @param file the protocol source it changes
 * @param killed whether a test failed on it
 * @param killers the tests that failed, as {@code "stage: Test.method"}
 * @param secondsToKill from the mutant's first stage to the end of the stage that killed it, null when it survived
 * @param stages the stages run, cheapest first
 */
public record HuntMutant(
        String name,
        String anchor,
        String description,
        String file,
        boolean killed,
        List<String> killers,
        Double secondsToKill,
        List<HuntRound> stages) {}
