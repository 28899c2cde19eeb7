package org.distill.physics.cosmo.stats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A binned power spectrum and its Legendre multipoles,
 * P_ℓ(k) = (2ℓ + 1) ⟨|δ(k)|² L_ℓ(μ)⟩ L³/n⁶ over the modes of a spherical shell, μ the cosine to the
 * line of sight; the mass-assignment window is divided out and the shot noise 1/n̄ is subtracted
 * from P0 (only) and kept in {@code shotNoise}. Units: k in h/Mpc (the mean |k| of the shell's
 * modes), P in (Mpc/h)³.
 *
 * <p>Text file ({@link #write}, {@link #read}): {@code #} comment lines (one of them
 * {@code # shotNoise <value>}), then whitespace columns {@code k P0 P2 P4 modes}.
 *
 * @param k         mean wavenumber of each bin, h/Mpc
 * @param p0        monopole, shot noise subtracted
 * @param p2        quadrupole
 * @param p4        hexadecapole
 * @param modes     modes in each bin (counting k and −k)
 * @param shotNoise the subtracted shot noise 1/n̄ (Σw²/(Σw)²·L³ for weighted particles), 0 for a field
 */
public record PowerSpectrum(double[] k, double[] p0, double[] p2, double[] p4, long[] modes, double shotNoise) {
    public PowerSpectrum {
        Objects.requireNonNull(k, "k");
        Objects.requireNonNull(p0, "p0");
        Objects.requireNonNull(p2, "p2");
        Objects.requireNonNull(p4, "p4");
        Objects.requireNonNull(modes, "modes");
        int n = k.length;
        if (p0.length != n || p2.length != n || p4.length != n || modes.length != n) {
            throw new IllegalArgumentException("k has " + n + " bins, p0/p2/p4/modes have " + p0.length + "/" + p2.length
                    + "/" + p4.length + "/" + modes.length);
        }
        if (!(shotNoise >= 0) || Double.isInfinite(shotNoise)) throw new IllegalArgumentException("shotNoise must be finite and >= 0: " + shotNoise);
        k = k.clone();
        p0 = p0.clone();
        p2 = p2.clone();
        p4 = p4.clone();
        modes = modes.clone();
    }

    /** Number of bins. */
    public int size() { return k.length; }

    /** The monopole before shot-noise subtraction, P0 + shotNoise. */
    public double[] p0WithShotNoise() {
        double[] r = p0.clone();
        for (int i = 0; i < r.length; i++) r[i] += shotNoise;
        return r;
    }

    /** Writes the text file ({@code #} header, then {@code k P0 P2 P4 modes}). */
    public void write(Path file, String... comments) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# power spectrum: k [h/Mpc], P0 P2 P4 [(Mpc/h)^3], modes; shot noise subtracted from P0\n");
            for (String c : comments) w.write("# " + c.replace('\n', ' ') + "\n");
            w.write(String.format(Locale.ROOT, "# shotNoise %.9g%n", shotNoise));
            w.write("# k P0 P2 P4 modes\n");
            for (int i = 0; i < k.length; i++) {
                w.write(String.format(Locale.ROOT, "%.8e %.8e %.8e %.8e %d%n", k[i], p0[i], p2[i], p4[i], modes[i]));
            }
        }
    }

    /**
     * Reads a file written by {@link #write} (or any file with {@code #} comments and columns
     * {@code k P0 P2 P4 modes}); the shot noise comes from a {@code # shotNoise} line, else 0.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed row
     */
    public static PowerSpectrum read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<double[]> rows = new ArrayList<>();
        double shot = 0;
        for (int ln = 0; ln < lines.size(); ln++) {
            String s = lines.get(ln).trim();
            if (s.isEmpty()) continue;
            if (s.startsWith("#")) {
                String[] c = s.substring(1).trim().split("\\s+");
                if (c.length == 2 && c[0].equals("shotNoise")) shot = number(file, ln, c[1]);
                continue;
            }
            String[] c = s.split("\\s+");
            if (c.length != 5) {
                throw new IllegalArgumentException(file + " line " + (ln + 1) + ": expected 5 columns k P0 P2 P4 modes, got " + c.length);
            }
            double[] row = new double[5];
            for (int j = 0; j < 5; j++) row[j] = number(file, ln, c[j]);
            if (row[4] < 0 || row[4] != Math.rint(row[4])) {
                throw new IllegalArgumentException(file + " line " + (ln + 1) + ": modes must be a non-negative integer: '" + c[4] + "'");
            }
            rows.add(row);
        }
        int n = rows.size();
        double[] k = new double[n], p0 = new double[n], p2 = new double[n], p4 = new double[n];
        long[] modes = new long[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows.get(i);
            k[i] = r[0];
            p0[i] = r[1];
            p2[i] = r[2];
            p4[i] = r[3];
            modes[i] = (long) r[4];
        }
        return new PowerSpectrum(k, p0, p2, p4, modes, shot);
    }

    private static double number(Path file, int ln, String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + (ln + 1) + ": not a number: '" + s + "'");
        }
    }
}
