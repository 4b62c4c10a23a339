package io.github.bart4j.core.analysis;

import io.github.bart4j.core.BalloonResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pairwise tests between subjects within each balloon type: paired by (epoch, balloon id) where
 * the two played the same balloons, unpaired otherwise. See {@link Comparison}.
 */
final class Comparisons {

    private Comparisons() {
    }

    /** One subject's balloons sorted by (epoch, balloon id), as primitive arrays. */
    static final class Played {
        final long[] key;
        final int[] threshold;
        final String[] type;
        final int[] pumps;
        final boolean[] burst;
        final boolean[] errored;

        Played(List<BalloonResult> all) {
            List<BalloonResult> sorted = new ArrayList<>(all);
            sorted.sort(Sequences.PLAY_ORDER);
            int n = sorted.size();
            key = new long[n];
            threshold = new int[n];
            type = new String[n];
            pumps = new int[n];
            burst = new boolean[n];
            errored = new boolean[n];
            for (int i = 0; i < n; i++) {
                BalloonResult r = sorted.get(i);
                key[i] = ((long) r.epoch() << 32) | (r.balloon().id() & 0xffffffffL);
                threshold[i] = r.balloon().threshold();
                type[i] = r.balloon().type();
                pumps[i] = r.pumps();
                burst[i] = r.burst();
                errored[i] = r.isError();
            }
        }
    }

    /** A pair to test: labels, the two subjects and the type. */
    record Pair(String group, String first, String second, Played a, Played b) {
    }

    /**
     * Whether {@code a} and {@code b} played the same balloons: at least one (epoch, id) in
     * common and the same type and threshold on every one they share.
     */
    static boolean sameBalloons(Played a, Played b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.key.length && j < b.key.length) {
            if (a.key[i] < b.key[j]) {
                i++;
            } else if (a.key[i] > b.key[j]) {
                j++;
            } else {
                if (a.threshold[i] != b.threshold[j] || !Objects.equals(a.type[i], b.type[j])) {
                    return false;
                }
                common++;
                i++;
                j++;
            }
        }
        return common > 0;
    }

    /** Tests every pair within each of {@code types}, Holm-corrected over all rows. */
    static List<Comparison> test(List<Pair> pairs, List<String> types, double alpha) {
        List<Object[]> raw = new ArrayList<>(); // {pair, type, paired, nA, nB, stat, p, effect}
        for (Pair pr : pairs) {
            boolean paired = sameBalloons(pr.a(), pr.b());
            for (String type : types) {
                double[] r;
                int nA;
                int nB;
                if (paired) {
                    double[] d = differences(pr.a(), pr.b(), type);
                    if (d.length == 0) {
                        continue; // neither played this type
                    }
                    double[] w = RankTests.wilcoxon(d);
                    nA = nB = d.length;
                    r = new double[] {w[0], w[2], w[3]};
                } else {
                    double[] x = adjusted(pr.a(), type);
                    double[] y = adjusted(pr.b(), type);
                    if (!plays(pr.a(), type) || !plays(pr.b(), type)) {
                        continue;
                    }
                    nA = x.length;
                    nB = y.length;
                    r = RankTests.mannWhitney(x, y);
                }
                raw.add(new Object[] {pr, type, paired, nA, nB, r});
            }
        }
        double[] p = new double[raw.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = ((double[]) raw.get(k)[5])[1];
        }
        double[] holm = Descriptives.holm(p);
        List<Comparison> out = new ArrayList<>(raw.size());
        for (int k = 0; k < p.length; k++) {
            Object[] o = raw.get(k);
            Pair pr = (Pair) o[0];
            double[] r = (double[]) o[5];
            out.add(new Comparison(pr.group(), (String) o[1], pr.first(), pr.second(), (Boolean) o[2], (Integer) o[3],
                    (Integer) o[4], r[0], r[1], holm[k], r[2], holm[k] < alpha));
        }
        return out;
    }

    private static boolean plays(Played s, String type) {
        for (String t : s.type) {
            if (t.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** Pumps of a minus pumps of b on every balloon of {@code type} both played without error. */
    static double[] differences(Played a, Played b, String type) {
        double[] d = new double[Math.min(a.key.length, b.key.length)];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < a.key.length && j < b.key.length) {
            if (a.key[i] < b.key[j]) {
                i++;
            } else if (a.key[i] > b.key[j]) {
                j++;
            } else {
                if (!a.errored[i] && !b.errored[j] && a.type[i].equals(type)) {
                    d[n++] = a.pumps[i] - b.pumps[j];
                }
                i++;
                j++;
            }
        }
        return Arrays.copyOf(d, n);
    }

    private static double[] adjusted(Played s, String type) {
        double[] out = new double[s.key.length];
        int n = 0;
        for (int i = 0; i < s.key.length; i++) {
            if (!s.errored[i] && !s.burst[i] && s.type[i].equals(type)) {
                out[n++] = s.pumps[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Subjects keyed by (participant, persona), every balloon (errored included), in order. */
    static Map<Sequences.Subject, Played> played(List<BalloonResult> results) {
        Map<Sequences.Subject, List<BalloonResult>> groups = new java.util.TreeMap<>(
                java.util.Comparator.comparing(Sequences.Subject::participant).thenComparing(Sequences.Subject::persona));
        for (BalloonResult r : results) {
            groups.computeIfAbsent(new Sequences.Subject(r.participant(), r.persona()), k -> new ArrayList<>()).add(r);
        }
        Map<Sequences.Subject, Played> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, new Played(v)));
        return out;
    }
}
