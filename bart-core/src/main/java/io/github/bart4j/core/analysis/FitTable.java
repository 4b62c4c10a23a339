package io.github.bart4j.core.analysis;

import io.github.bart4j.core.BalloonResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fits of one {@link CognitiveModel}, one row per participant (and persona), in the order the
 * participants first appear in the results.
 *
 * <pre>{@code
 * FitTable par4 = FitTable.fit(CognitiveModel.PAR4, results);
 * System.out.print(par4.toCsv());
 * }</pre>
 */
public final class FitTable {

    private final CognitiveModel model;
    private final List<ModelFit> rows;

    private FitTable(CognitiveModel model, List<ModelFit> rows) {
        this.model = model;
        this.rows = List.copyOf(rows);
    }

    /**
     * Fits {@code model} to every participant (and persona) of {@code results}; errored balloons
     * are left out, participants without any other balloon have no row.
     *
     * @throws IllegalArgumentException when a result was played under rules other than the classic ones (naming them)
     */
    public static FitTable fit(CognitiveModel model, List<BalloonResult> results) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(results, "results");
        ClassicRules.require("the " + model.label() + " fit", results);
        List<ModelFit> rows = new ArrayList<>();
        for (Map.Entry<Sequences.Subject, List<BalloonResult>> e : Sequences.bySubject(results).entrySet()) {
            rows.add(model.fit(e.getKey().participant(), e.getKey().persona(), BalloonData.of(e.getValue())));
        }
        return new FitTable(model, rows);
    }

    /** A table of given fits, all of {@code model}. */
    public static FitTable of(CognitiveModel model, List<ModelFit> rows) {
        for (ModelFit f : rows) {
            if (f.model() != model) {
                throw new IllegalArgumentException("fit table of " + model.label() + " cannot hold a "
                        + f.model().label() + " fit of '" + f.participant() + "'");
            }
        }
        return new FitTable(model, rows);
    }

    public CognitiveModel model() {
        return model;
    }

    public List<ModelFit> rows() {
        return rows;
    }

    /** The CSV header: {@code model}, the parameters, then the fit statistics (and {@code persona} when used). */
    public List<String> header() {
        List<String> h = new ArrayList<>();
        h.add("model");
        h.addAll(model.parameterNames());
        h.addAll(List.of("log_likelihood", "aic", "bic", "n_balloons", "n_decisions", "converged", "at_bound"));
        for (String p : model.parameterNames()) {
            h.add(p + "_lower");
            h.add(p + "_upper");
        }
        h.add("deterministic");
        if (hasPersonas()) {
            h.add("persona");
        }
        return h;
    }

    /**
     * The table as CSV, one line per participant, {@code \n} line ends, full double precision:
     * {@code model, phi, eta, gamma, tau, log_likelihood, aic, bic, n_balloons, n_decisions, converged,
     * at_bound, phi_lower, phi_upper, ..., tau_upper, deterministic} for par4, {@code model, phi, eta,
     * rho, tau, lambda, log_likelihood, ...} for ewmv, and a last column {@code persona} only when
     * some participant ran under a persona. {@code converged} is {@code True} or {@code False} as
     * booleans in bart4j's files, {@code True} only when the optimiser converged and no parameter
     * is on a bound; {@code at_bound} names those parameters separated by {@code ;} (empty when
     * none); interval ends are {@code NaN} when undefined; {@code deterministic} is empty for a
     * fitted participant, else what it did (its parameters and statistics are then {@code NaN}).
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        boolean personas = hasPersonas();
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
        try (CSVPrinter printer = new CSVPrinter(sb, format)) {
            printer.printRecord(header());
            for (ModelFit f : rows) {
                List<String> cells = new ArrayList<>();
                cells.add(f.participant());
                for (double p : f.parameters()) {
                    cells.add(Double.toString(p));
                }
                cells.add(Double.toString(f.logLikelihood()));
                cells.add(Double.toString(f.aic()));
                cells.add(Double.toString(f.bic()));
                cells.add(Integer.toString(f.balloons()));
                cells.add(Integer.toString(f.decisions()));
                cells.add(f.converged() ? "True" : "False");
                cells.add(String.join(";", f.atBound()));
                for (int i = 0; i < f.parameters().size(); i++) {
                    cells.add(Double.toString(f.lower().get(i)));
                    cells.add(Double.toString(f.upper().get(i)));
                }
                cells.add(f.deterministic());
                if (personas) {
                    cells.add(f.persona());
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private boolean hasPersonas() {
        for (ModelFit f : rows) {
            if (!f.persona().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "FitTable[" + model.label() + ", " + rows.size() + " rows]";
    }
}
