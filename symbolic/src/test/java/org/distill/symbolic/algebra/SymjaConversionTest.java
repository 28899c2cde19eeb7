package org.distill.symbolic.algebra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.distill.symbolic.algebra.AlgebraFixtures.ALL;
import static org.distill.symbolic.algebra.AlgebraFixtures.DEFAULTS;
import static org.distill.symbolic.algebra.AlgebraFixtures.TIMEOUT;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymjaConversionTest {
    @BeforeAll
    static void warmUp() throws InterruptedException {
        AlgebraFixtures.warmUp();
    }

    // ---- toSymja ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2.5        | (5/2)",
        "-2.5       | (-5/2)",
        "3          | 3",
        "-3         | (-3)",
        "0          | 0",
        "0.0000001  | (1/10000000)",
        "1e-5       | (1/100000)",
        "0.1        | (1/10)",
        "0.12345678901234 | (6172839450617/50000000000000)",
        "-1.2345678901234e-12 | (-6172839450617/5000000000000000000000000)",
        "1e20       | 100000000000000000000",
        "6.02214076e23 | 602214076000000000000000",
    })
    void constantsAreExact(double value, String expected) {
        String s = SymjaConversion.number(value);
        assertEquals(expected, s);
        assertThat(s).doesNotContain("E").doesNotContain("e");
    }

    @Test
    void hugeAndTinyConstantsAreWrittenOut() {
        assertEquals("15" + "0".repeat(299), SymjaConversion.number(1.5e300));
        assertEquals("(-3/2" + "0".repeat(300) + ")", SymjaConversion.number(-1.5e-300));
        assertEquals("(-6172839450617/5" + "0".repeat(312) + ")", SymjaConversion.number(-1.2345678901234e-300));
    }

    @Test
    void variablesAndOpaqueUserOperators() {
        Op hyp = Op.binary("hypot", Math::hypot).build();
        Op sinh = Op.unary("hsin", Math::sinh).symja("Sinh({0})").build(); // sinh under a user name
        Expr e = Expr.of(Op.ADD, Expr.of(hyp, Expr.variable(0), Expr.constant(-0.5)), Expr.of(sinh, Expr.variable(1)));
        List<Op> user = new ArrayList<>();
        assertEquals("(u0(v0,(-1/2)))+(Sinh((v1)))", SymjaConversion.toSymja(e, user));
        assertEquals(List.of(hyp), user);
    }

    // ---- toSymja -> Symja -> fromSymja ----

    @Test
    void roundTripsThroughSymjaNumerically() {
        Random rnd = new Random(7);
        Op hyp = Op.binary("hypot", Math::hypot).build();
        Op sinh = Op.unary("hsin", Math::sinh).symja("Sinh({0})").build(); // sinh under a user name
        int converted = 0, total = 300;
        for (int t = 0; t < total; t++) {
            Expr e = randomTree(rnd, 1 + rnd.nextInt(4), t % 5 == 0 ? List.of(hyp, sinh) : List.of());
            Set<Op.Kind> allowed = t % 2 == 0 ? ALL : DEFAULTS;
            List<Op> user = new ArrayList<>();
            var result = SymjaEngine.evaluate(SymjaConversion.toSymja(e, user), TIMEOUT);
            assertThat(result).as("Symja evaluation of %s", e).isNotNull();
            Expr back = SymjaConversion.fromSymja(result, allowed, user);
            if (back == null) continue; // e.g. a complex constant such as Sqrt(-2)
            converted++;
            if (NumericCheck.compare(e, back)[0] == 0) continue; // not finite anywhere we look
            assertThat(NumericCheck.agree(e, back)).as("%s -> %s -> %s", e, result, back).isTrue();
        }
        assertThat(converted).isGreaterThan(total * 8 / 10);
    }

    private static final List<Op> UNARY = List.of(Op.NEG, Op.SQUARE, Op.CUBE, Op.SQRT, Op.EXP, Op.LOG,
            Op.SIN, Op.COS, Op.TAN, Op.ABS, Op.INV);
    private static final List<Op> BINARY = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW);

    private static Expr randomTree(Random rnd, int depth, List<Op> user) {
        if (depth == 0 || rnd.nextInt(4) == 0) {
            if (rnd.nextInt(3) > 0) return Expr.variable(rnd.nextInt(2));
            return Expr.constant(switch (rnd.nextInt(3)) {
                case 0 -> 1 + rnd.nextInt(4);
                case 1 -> Math.round(rnd.nextDouble() * 100) / 10.0 - 5;
                default -> rnd.nextDouble() * 4 - 2;
            });
        }
        int kind = rnd.nextInt(user.isEmpty() ? 2 : 3);
        if (kind == 2) {
            Op op = user.get(rnd.nextInt(user.size()));
            return op.arity() == 1 ? Expr.of(op, randomTree(rnd, depth - 1, user))
                    : Expr.of(op, randomTree(rnd, depth - 1, user), randomTree(rnd, depth - 1, user));
        }
        if (kind == 0) return Expr.of(UNARY.get(rnd.nextInt(UNARY.size())), randomTree(rnd, depth - 1, user));
        Op op = BINARY.get(rnd.nextInt(BINARY.size()));
        Expr b = randomTree(rnd, depth - 1, user);
        if (op == Op.POW) b = Expr.constant(rnd.nextInt(7) * 0.5 - 1.5); // keep powers real-valued mostly
        return Expr.of(op, randomTree(rnd, depth - 1, user), b);
    }

    @Test
    void multiplesOfPiStaySymbolic() {
        assertEquals("(1/1*Pi)", SymjaConversion.number(Math.PI));
        assertEquals("(-1/2*Pi)", SymjaConversion.number(-Math.PI / 2));
        assertEquals("(4/1*Pi)", SymjaConversion.number(4 * Math.PI));
        assertEquals("(3/4*Pi)", SymjaConversion.number(3 * Math.PI / 4));
        assertEquals("(314159/100000)", SymjaConversion.number(3.14159));
    }
}
