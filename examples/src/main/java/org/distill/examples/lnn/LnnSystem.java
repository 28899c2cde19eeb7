package org.distill.examples.lnn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The systems of {@code distill example lnn}. */
public enum LnnSystem {
    DOUBLE_PENDULUM("double-pendulum"),
    RELATIVISTIC("relativistic"),
    WAVE("wave");

    private final String label;

    LnnSystem(String label) { this.label = label; }

    public String label() { return label; }

    /** The system named {@code name} (its label, case-insensitive). */
    public static LnnSystem parse(String name) {
        for (LnnSystem s : values()) if (s.label.equalsIgnoreCase(name.trim())) return s;
        throw new IllegalArgumentException("unknown system '" + name + "'; expected one of "
                + Arrays.stream(values()).map(LnnSystem::label).collect(Collectors.joining(", ")));
    }

    @Override public String toString() { return label.toLowerCase(Locale.ROOT); }
}
