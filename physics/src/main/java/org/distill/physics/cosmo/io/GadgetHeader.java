package org.distill.physics.cosmo.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * The {@code Header} group of one file of a Gadget HDF5 snapshot, in the file's own units (what
 * Pylians' {@code readgadget.header} returns). Arrays have one entry per Gadget particle type
 * (0 gas, 1 dark matter, 2 neutrinos in Quijote's Mν runs, 3–5 unused) and are copied in and out.
 *
 * @param boxSize         side of the periodic box, kpc/h ({@code BoxSize})
 * @param redshift        redshift ({@code Redshift})
 * @param time            scale factor a ({@code Time})
 * @param omega0          matter density today, Ω_m ({@code Omega0})
 * @param omegaLambda     dark-energy density today, Ω_Λ ({@code OmegaLambda})
 * @param hubbleParam     h ({@code HubbleParam})
 * @param massTable       mass of one particle per type, 10¹⁰ M☉/h; 0 where masses vary ({@code MassTable})
 * @param numPartThisFile particles per type in this file ({@code NumPart_ThisFile})
 * @param numPartTotal    particles per type in the whole snapshot ({@code NumPart_Total}, plus
 *                        {@code NumPart_Total_HighWord}·2³² where present)
 * @param numFiles        files the snapshot is split into ({@code NumFilesPerSnapshot})
 */
public record GadgetHeader(double boxSize, double redshift, double time, double omega0, double omegaLambda,
                           double hubbleParam, double[] massTable, long[] numPartThisFile, long[] numPartTotal,
                           int numFiles) {
    /** Particle types in a Gadget header. */
    public static final int TYPES = 6;

    public GadgetHeader {
        Objects.requireNonNull(massTable, "massTable");
        Objects.requireNonNull(numPartThisFile, "numPartThisFile");
        Objects.requireNonNull(numPartTotal, "numPartTotal");
        if (massTable.length != TYPES || numPartThisFile.length != TYPES || numPartTotal.length != TYPES) {
            throw new IllegalArgumentException("massTable, numPartThisFile and numPartTotal need " + TYPES
                    + " entries: got " + massTable.length + ", " + numPartThisFile.length + ", " + numPartTotal.length);
        }
        if (numFiles < 1) throw new IllegalArgumentException("numFiles must be at least 1: " + numFiles);
        massTable = massTable.clone();
        numPartThisFile = numPartThisFile.clone();
        numPartTotal = numPartTotal.clone();
    }

    @Override public double[] massTable() { return massTable.clone(); }
    @Override public long[] numPartThisFile() { return numPartThisFile.clone(); }
    @Override public long[] numPartTotal() { return numPartTotal.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof GadgetHeader g && Double.compare(boxSize, g.boxSize) == 0
                && Double.compare(redshift, g.redshift) == 0 && Double.compare(time, g.time) == 0
                && Double.compare(omega0, g.omega0) == 0 && Double.compare(omegaLambda, g.omegaLambda) == 0
                && Double.compare(hubbleParam, g.hubbleParam) == 0 && Arrays.equals(massTable, g.massTable)
                && Arrays.equals(numPartThisFile, g.numPartThisFile) && Arrays.equals(numPartTotal, g.numPartTotal)
                && numFiles == g.numFiles;
    }

    @Override
    public int hashCode() {
        return Objects.hash(boxSize, redshift, time, omega0, omegaLambda, hubbleParam, Arrays.hashCode(massTable),
                Arrays.hashCode(numPartThisFile), Arrays.hashCode(numPartTotal), numFiles);
    }

    @Override
    public String toString() {
        return "GadgetHeader[boxSize=" + boxSize + " kpc/h, redshift=" + redshift + ", time=" + time + ", omega0="
                + omega0 + ", omegaLambda=" + omegaLambda + ", hubbleParam=" + hubbleParam + ", massTable="
                + Arrays.toString(massTable) + ", numPartThisFile=" + Arrays.toString(numPartThisFile)
                + ", numPartTotal=" + Arrays.toString(numPartTotal) + ", numFiles=" + numFiles + "]";
    }
}
