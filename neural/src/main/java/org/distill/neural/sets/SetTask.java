package org.distill.neural.sets;

import java.util.Objects;

/**
 * One labelled set of stars (one stream's sky window): features of every star, {@code n} rows of equal
 * width, and which stars are members. The neural side's view of a stream task; arrays are copied in.
 *
 * @param features star features, n rows of d finite values
 * @param member   member flag per star
 */
public record SetTask(float[][] features, boolean[] member) {
    public SetTask {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(member, "member");
        if (features.length == 0) throw new IllegalArgumentException("features has no rows");
        if (features.length != member.length)
            throw new IllegalArgumentException("features has " + features.length + " rows, member " + member.length);
        int d = features[0].length;
        if (d == 0) throw new IllegalArgumentException("features has no columns");
        float[][] copy = new float[features.length][];
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d)
                throw new IllegalArgumentException("features row " + i + " has " + features[i].length + " columns, row 0 has " + d);
            for (int j = 0; j < d; j++)
                if (!Float.isFinite(features[i][j]))
                    throw new IllegalArgumentException("features row " + i + ", column " + j + " is not finite: " + features[i][j]);
            copy[i] = features[i].clone();
        }
        features = copy;
        member = member.clone();
    }

    public static SetTask of(float[][] features, boolean[] member) { return new SetTask(features, member); }

    /** Stars. */
    public int size() { return member.length; }

    /** Features per star. */
    public int width() { return features[0].length; }

    /** Member stars. */
    public int members() {
        int c = 0;
        for (boolean m : member) if (m) c++;
        return c;
    }

    /** Indices of the members, ascending. */
    public int[] memberIndices() { return indices(true); }

    /** Indices of the non-members, ascending. */
    public int[] fieldIndices() { return indices(false); }

    private int[] indices(boolean value) {
        int[] out = new int[value ? members() : size() - members()];
        for (int i = 0, k = 0; i < member.length; i++) if (member[i] == value) out[k++] = i;
        return out;
    }

    @Override public float[][] features() {
        float[][] copy = new float[features.length][];
        for (int i = 0; i < features.length; i++) copy[i] = features[i].clone();
        return copy;
    }

    @Override public boolean[] member() { return member.clone(); }

    /** Row {@code i} (a copy). */
    public float[] row(int i) { return features[i].clone(); }

    /** The rows, not copied: for this package's hot loops only. */
    float[][] rows() { return features; }

    @Override public String toString() { return "SetTask[" + size() + " stars, " + members() + " members, " + width() + " features]"; }
}
