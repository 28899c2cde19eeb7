package org.distill.physics.cosmo.io;

import java.nio.file.Path;

/**
 * A cosmology file that is missing or does not hold what its format promises. The message is one
 * line that names the file (and, for text files, the line and column) and what was expected, e.g.
 * {@code halos.csv line 7, column 'mass': not a number: 'abc'} or
 * {@code snap_004.hdf5: no attribute Header/BoxSize (a Gadget snapshot header needs BoxSize in kpc/h)}.
 */
public final class FormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long line;
    private final String column;

    private FormatException(String message, Path file, long line, String column, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** "{file}: {problem}". */
    static FormatException of(Path file, String problem) {
        return new FormatException(file + ": " + problem, file, 0, null, null);
    }

    /** "{file}: {problem}" with a cause. */
    static FormatException of(Path file, String problem, Throwable cause) {
        return new FormatException(file + ": " + problem, file, 0, null, cause);
    }

    /** "{file} line {line}: {problem}", or "{file} line {line}, column '{column}': {problem}". */
    static FormatException at(Path file, long line, String column, String problem) {
        return new FormatException(file + " line " + line + (column == null ? "" : ", column '" + column + "'") + ": "
                + problem, file, line, column, null);
    }

    /** The file the problem is in. */
    public Path file() { return file; }

    /** The line (1-based) of a text file, or 0 when the problem is not on a line. */
    public long line() { return line; }

    /** The column of a text file the problem is in, or null. */
    public String column() { return column; }
}
