package org.distill.physics.streams;

import java.util.Arrays;
import java.util.Objects;

/**
 * One stream task: the stars in a window of sky around part of a mock stream, in random order, and which of them
 * belong to the stream. Equality compares contents.
 *
 * @param id         the task's index in its generator (or file)
 * @param parameters how the stream was made and the window
 * @param stars      all stars in the window brighter than the magnitude limit
 * @param member     member[i] is true when star i belongs to the stream (copied in)
 */
public record StreamTask(int id, StreamParameters parameters, StarCatalog stars, boolean[] member) {
    public StreamTask {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(stars, "stars");
        Objects.requireNonNull(member, "member");
        if (member.length != stars.size())
            throw new IllegalArgumentException("member has " + member.length + " rows, stars has " + stars.size());
        member = member.clone();
    }

    /** Number of stream members. */
    public int members() {
        int n = 0;
        for (boolean b : member) if (b) n++;
        return n;
    }

    /**
     * The stars' features with sky positions as tangent-plane offsets (degrees) from the window centre:
     * {@link StarCatalog#localFeatures} about ({@code windowRa}, {@code windowDec}).
     */
    public float[][] localFeatures() { return stars.localFeatures(parameters.windowRa(), parameters.windowDec()); }

    /** Number of stars. */
    public int size() { return stars.size(); }

    /** Indices of the members, ascending. */
    public int[] memberIndices() { return indices(true); }

    /** Indices of the field stars, ascending. */
    public int[] fieldIndices() { return indices(false); }

    private int[] indices(boolean which) {
        int[] out = new int[which ? members() : size() - members()];
        for (int i = 0, k = 0; i < member.length; i++) if (member[i] == which) out[k++] = i;
        return out;
    }

    @Override public boolean equals(Object o) {
        return o instanceof StreamTask t && id == t.id && parameters.equals(t.parameters) && stars.equals(t.stars)
                && Arrays.equals(member, t.member);
    }

    @Override public int hashCode() { return Objects.hash(id, parameters, stars, Arrays.hashCode(member)); }

    @Override public String toString() {
        return "StreamTask[id=" + id + ", " + size() + " stars, " + members() + " members]";
    }
}
