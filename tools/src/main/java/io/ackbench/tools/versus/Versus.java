package io.ackbench.tools.versus;

import io.ackbench.load.Workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one configuration's side-by-side runs measured: every run in the order it ran, and per system and
 * {@link Figure} the mean and spread over its completed runs, and the ratio subject/reference of the means.
 */
final class Versus {
    private final Configuration configuration;
    private final Workload workload;
    private final String subject;
    private final String reference;
    private final Path directory;
    private final List<RunFigures> runs;

    /**
     * @param directory where the runs' directories are
     * @param runs      in the order they ran
     */
    Versus(final Configuration configuration, final Workload workload, final String subject, final String reference,
           final Path directory, final List<RunFigures> runs) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.workload = Objects.requireNonNull(workload, "workload");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.runs = List.copyOf(runs);
        for (final RunFigures run : runs) {
            if (!run.system().equals(subject) && !run.system().equals(reference)) {
                throw new IllegalArgumentException("run " + run.number() + " is of '" + run.system() + "', neither "
                    + subject + " nor " + reference);
            }
        }
    }

    Configuration configuration() {
        return configuration;
    }

    Workload workload() {
        return workload;
    }

    /** ackbench's name. */
    String subject() {
        return subject;
    }

    /** The name of the system ackbench is compared with. */
    String reference() {
        return reference;
    }

    /** The two systems, subject first. */
    List<String> systems() {
        return List.of(subject, reference);
    }

    Path directory() {
        return directory;
    }

    List<RunFigures> runs() {
        return runs;
    }

    List<RunFigures> runsOf(final String system) {
        final List<RunFigures> of = new ArrayList<>(2);
        for (final RunFigures run : runs) {
            if (run.system().equals(system)) {
                of.add(run);
            }
        }
        return of;
    }

    /** Over the system's completed runs. */
    MeanSpread summary(final String system, final Figure figure) {
        return MeanSpread.of(values(system, figure));
    }

    /** Every completed run's value of the figure, in run order. */
    double[] values(final String system, final Figure figure) {
        return runsOf(system).stream().filter(RunFigures::completed).mapToDouble(run -> run.figure(figure)).toArray();
    }

    /** Subject mean over reference mean; NaN when either has no completed run or the reference's mean is 0. */
    double ratio(final Figure figure) {
        final double referenceMean = summary(reference, figure).mean();
        return referenceMean == 0 ? Double.NaN : summary(subject, figure).mean() / referenceMean;
    }

    /** Every run completed, without a failed record. */
    boolean clean() {
        return runs.stream().allMatch(RunFigures::clean);
    }
}
