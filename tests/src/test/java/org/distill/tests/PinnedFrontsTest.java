package org.distill.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.distill.examples.bench.FeynmanProblem;
import org.distill.examples.bench.FeynmanTable;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.io.CsvTable;
import org.junit.jupiter.api.Test;

/**
 * The exact fronts of fixed-seed, fixed-budget runs, recorded before the restructuring of issue 12
 * (solver and problem apart): refactoring the search must not change what it finds. The fronts are
 * unsimplified (Symja's timeouts could make them depend on the machine); one Kepler run is pinned
 * with simplification too. Run with {@code -Dpin.print=true} to print the fronts as Java constants.
 */
class PinnedFrontsTest {
    private static final boolean PRINT = Boolean.getBoolean("pin.print");

    record Pinned(String equation, double loss) { }

    private static Dataset kepler() throws Exception {
        return CsvTable.read(Path.of("../examples/data/kepler.csv")).toDataset("period", null);
    }

    private static Dataset feynman(String name) {
        FeynmanProblem p = FeynmanTable.select(FeynmanTable.builtIn(), List.of(name)).getFirst();
        return p.sample(300, 7, 0).train();
    }

    private static SymbolicRegressor.Builder keplerSolver() {
        return SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT)
                .features(false).linear(false).powerTargets(false).maxComplexity(20).generations(100).seed(42).threads(2);
    }

    private static SymbolicRegressor feynmanSolver() {
        // The settings of the recording spelled out (the default operators then, no candidate features, no bound on
        // flat sine arguments in the search: boundOscillation then bounded only the finish's validation; no linear step, no
        // log-target stage, no power-target stages).
        return SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT, Op.EXP, Op.LOG, Op.SIN, Op.COS)
                .features(false).boundOscillation(false).linear(false).logTarget(false).powerTargets(false).maxComplexity(25).generations(40).seed(3).threads(2).simplify(false).build();
    }

    private static void check(String label, ParetoFront front, long evaluations, List<Pinned> expected) {
        if (PRINT) {
            StringBuilder sb = new StringBuilder("// " + label + ": evaluations " + front.provenance().evaluations() + "\n");
            for (Equation e : front.equations()) {
                sb.append(String.format(Locale.ROOT, "new Pinned(\"%s\", %s),%n", e, Double.toString(e.loss())));
            }
            System.out.println(sb);
            return;
        }
        assertThat(front.provenance().evaluations()).as(label + " evaluations").isEqualTo(evaluations);
        assertThat(front.equations().stream().map(Equation::toString).toList()).as(label)
                .containsExactlyElementsOf(expected.stream().map(Pinned::equation).toList());
        for (int i = 0; i < expected.size(); i++) {
            double want = expected.get(i).loss();
            assertThat(front.get(i).loss()).as(label + " loss of " + expected.get(i).equation())
                    .isCloseTo(want, within(1e-12 * Math.abs(want) + 1e-300));
        }
    }

    @Test
    void keplerUnsimplified() throws Exception {
        ParetoFront front = keplerSolver().simplify(false).build().fit(kepler());
        check("kepler", front, KEPLER_EVALUATIONS, KEPLER);
    }

    @Test
    void keplerSimplifiedBest() throws Exception {
        ParetoFront front = keplerSolver().build().fit(kepler());
        if (PRINT) {
            System.out.println("// kepler simplified best: " + front.best() + "\n" + front);
            return;
        }
        assertThat(front.best().toString()).isEqualTo(KEPLER_SIMPLIFIED_BEST);
    }

    @Test
    void feynmanI_12_2() {
        check("I.12.2", feynmanSolver().fit(feynman("I.12.2")), I_12_2_EVALUATIONS, I_12_2);
    }

    @Test
    void feynmanI_18_4() {
        check("I.18.4", feynmanSolver().fit(feynman("I.18.4")), I_18_4_EVALUATIONS, I_18_4);
    }

    @Test
    void feynmanII_11_3() {
        check("II.11.3", feynmanSolver().fit(feynman("II.11.3")), II_11_3_EVALUATIONS, II_11_3);
    }

    // Recorded on commit 28a450d (before the restructuring).
    static final String KEPLER_SIMPLIFIED_BEST = "365.069830126*a^1.5";
    static final long KEPLER_EVALUATIONS = 70808;
    static final List<Pinned> KEPLER = List.of(
            new Pinned("13417.5269329", 4.0752219382237256E8),
            new Pinned("1811.2707503*a", 1.5710625415942822E7),
            new Pinned("69.4533416567*a*a", 7386897.903550317),
            new Pinned("365.069830126*sqrt(a)*a", 7.97776450358985),
            new Pinned("-364.875603864*(-0.00271361125824 - sqrt(a))*a", 3.403691827990393),
            new Pinned("-364.840506242*(-0.00329717975634 - sqrt(a))*a - 0.79753870966", 3.1738016231973534),
            new Pinned("-1.92294178192*(sqrt(a) - a - 0.2316072363 - sqrt(a)/(0.00527172867098/a))", 3.1670489170968557));
    static final long I_12_2_EVALUATIONS = 61314;
    static final List<Pinned> I_12_2 = List.of(
            new Pinned("0.0696931421655", 0.011061611650436287),
            new Pinned("0.209653962125/r", 0.006789998606008432),
            new Pinned("0.770779471241/exp(r)", 0.005313602668180299),
            new Pinned("0.490553807504/(epsilon*r)", 0.004921726320503978),
            new Pinned("0.230523232266*q2/exp(r)", 0.003952440212909169),
            new Pinned("0.803830799609/(r*(epsilon*r))", 0.0032008768364601954),
            new Pinned("0.0502534733201*q2/(r*epsilon/q1)", 0.001719775020183821),
            new Pinned("0.174615513124*q2*(q1/(epsilon*exp(r)))", 2.1778695799304446E-4),
            new Pinned("0.0795774715459*q2/(epsilon/q1*(r*r))", 1.94098881068417E-34));
    static final long I_18_4_EVALUATIONS = 80370;
    static final List<Pinned> I_18_4 = List.of(
            new Pinned("r1", 0.6875834843754269),
            new Pinned("0.93576344898*r1", 0.6472238235657745),
            new Pinned("sqrt(r2*r1)", 0.08329338564380494),
            new Pinned("0.498446782436*(r2 + r1)", 0.049294455189251976),
            new Pinned("0.506028411107*(0.970191963899*r2 + r1)", 0.04914472558356007),
            new Pinned("0.506062416271*(-0.237229949544/m2 + r1 + r2)", 0.04852531053992044),
            new Pinned("0.508615265093*(cos(0.629114285623/m2)*r2 + r1)", 0.04427142557348449),
            new Pinned("0.50706853239*(cos(0.63012242346/m2)*r2 + r1) + 0.00976328962024", 0.044264461641059454),
            new Pinned("0.510961002006*(-0.315631336722*r2/(r1*m2) + r1 + r2)", 0.043352525815850605),
            new Pinned("0.469835407493*(cos(m1/(r1*m2)) + r2 + r1) - 0.218114206656", 0.04190675213865492),
            new Pinned("0.499898702489*(r1 + r2 - (m2 - m1)*(-0.168931388086*(r2 - r1)))", 0.0018599492803731907),
            new Pinned("0.503342593704*(r1 + 0.986383205894*r2 - (m2 - m1)*(-0.167644152956*(r2 - r1)))", 0.0018290634464092363),
            new Pinned("0.503752082585*(r1 + 0.984782133744*r2 - (m2 - m1)*sin(-0.172933037719*(r2 - r1)))", 0.0017835463884400664),
            new Pinned("0.503264325433*(r1 + 0.984751229509*r2 - (m2 - m1)*sin(-0.173105616164*(r2 - r1))) + 0.00310211023522", 0.001782843290711185));
    static final long II_11_3_EVALUATIONS = 85070;
    static final List<Pinned> II_11_3 = List.of(
            new Pinned("0.186476183267", 0.01867228014279362),
            new Pinned("0.341268320442/m", 0.01358811393846173),
            new Pinned("0.165620513435*Ef/m", 0.010343155290694832),
            new Pinned("4.00260681157*Ef/exp(omega_0)", 0.009655634493924028),
            new Pinned("0.664444203633*Ef/m/omega_0", 0.00639191344318471),
            new Pinned("log(q)/m*(Ef/omega_0)", 0.004276642386445161),
            new Pinned("0.333327960951*Ef*(q/(omega_0*m))", 0.0028504551949289957),
            new Pinned("Ef*(q/(omega_0*sqrt(m)*omega_0))", 0.0021678191337964753),
            new Pinned("-0.134109708326*Ef*(q/((2.15649118215 - omega_0)*m))", 5.631712091918453E-4),
            new Pinned("Ef*(q*sqrt(omega)/(m*(omega_0*omega_0)))", 3.054496330118958E-4),
            new Pinned("-0.687175443885*Ef*(q/(omega_0*m*(omega - omega_0)))", 2.856093213575969E-4),
            new Pinned("-0.110151648825*q*Ef*sqrt(omega)/(m*(2.15220763273 - omega_0))", 7.708923627337953E-5),
            new Pinned("-Ef*(q/((omega_0 + omega)*m*(omega - omega_0)))", 1.4993765852459712E-33));
}
