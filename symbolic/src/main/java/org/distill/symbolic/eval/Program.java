package org.distill.symbolic.eval;

import java.util.ArrayList;
import java.util.List;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Expr;

/**
 * An expression compiled to a flat post-fix program over a value stack. Binary operators whose
 * right argument is a variable or constant are fused into one instruction that reads the column or
 * the constant directly, which removes most leaf passes over the data.
 *
 * <p>Instruction {@code i} is {@code code[i]} with operand {@code operand[i]}: a column index, a
 * constant slot, or a user-operator slot. Constants live in {@link #constants()} in the pre-order of
 * the source expression, so {@link Expr#withConstants} and {@link #withConstants} agree.
 */
public final class Program {
    // Leaf pushes.
    static final int VAR = 0, CONST = 1;
    // Binary operators: base code; +1 right operand is a column, +2 right operand is a constant.
    static final int ADD = 2, SUB = 5, MUL = 8, DIV = 11, POW = 14, USER2 = 17;
    static final int FUSE_VAR = 1, FUSE_CONST = 2;
    // Unary operators.
    static final int NEG = 20, SQUARE = 21, CUBE = 22, SQRT = 23, EXP = 24, LOG = 25, SIN = 26,
            COS = 27, TAN = 28, ABS = 29, INV = 30, USER1 = 31,
            ASIN = 32, ACOS = 33, ATAN = 34, SINH = 35, COSH = 36, TANH = 37;

    final int[] code;
    final int[] operand;
    final double[] constants;
    final Op[] userOps;
    final int maxStack;
    final int nodes;

    private Program(int[] code, int[] operand, double[] constants, Op[] userOps, int maxStack, int nodes) {
        this.code = code;
        this.operand = operand;
        this.constants = constants;
        this.userOps = userOps;
        this.maxStack = maxStack;
        this.nodes = nodes;
    }

    /** Compiles an expression. */
    public static Program compile(Expr e) {
        Builder b = new Builder(e.size());
        b.emit(e);
        return new Program(b.code.toArray(), b.operand.toArray(), b.constants.toArray(),
                b.userOps.toArray(new Op[0]), b.maxStack, e.size());
    }

    /** The same program with other constant values (same count). */
    public Program withConstants(double[] values) {
        if (values.length != constants.length) {
            throw new IllegalArgumentException("program has " + constants.length + " constants, got " + values.length);
        }
        return new Program(code, operand, values.clone(), userOps, maxStack, nodes);
    }

    public double[] constants() { return constants.clone(); }
    public int constantCount() { return constants.length; }
    /** Number of nodes of the source expression. */
    public int nodes() { return nodes; }
    /** Number of instructions after fusion. */
    public int length() { return code.length; }
    int maxStack() { return maxStack; }

    private static final class Builder {
        final IntList code, operand;
        final DoubleList constants = new DoubleList(4);
        final List<Op> userOps = new ArrayList<>();
        int depth, maxStack;

        Builder(int n) {
            code = new IntList(n);
            operand = new IntList(n);
        }

        void push(int c, int o) {
            code.add(c);
            operand.add(o);
        }

        void emit(Expr e) {
            if (e.isVariable()) {
                push(VAR, e.variable());
                grow();
                return;
            }
            if (e.isConstant()) {
                push(CONST, constants.add(e.value()));
                grow();
                return;
            }
            Op op = e.op();
            if (op.arity() == 1) {
                emit(e.arg(0));
                push(unaryCode(op), op.isBuiltin() ? 0 : userSlot(op));
                return;
            }
            emit(e.arg(0));
            int base = binaryCode(op);
            int extra = op.isBuiltin() ? 0 : userSlot(op);
            Expr r = e.arg(1);
            if (r.isVariable() && op.isBuiltin()) {
                push(base + FUSE_VAR, r.variable());
            } else if (r.isConstant() && op.isBuiltin()) {
                push(base + FUSE_CONST, constants.add(r.value()));
            } else {
                emit(r);
                push(base, extra);
                depth--;
            }
        }

        void grow() {
            depth++;
            maxStack = Math.max(maxStack, depth);
        }

        int userSlot(Op op) {
            int i = userOps.indexOf(op);
            if (i < 0) {
                userOps.add(op);
                i = userOps.size() - 1;
            }
            return i;
        }
    }

    static int binaryCode(Op op) {
        return switch (op.kind()) {
            case ADD -> ADD;
            case SUB -> SUB;
            case MUL -> MUL;
            case DIV -> DIV;
            case POW -> POW;
            case USER -> USER2;
            default -> throw new IllegalArgumentException("not binary: " + op);
        };
    }

    static int unaryCode(Op op) {
        return switch (op.kind()) {
            case NEG -> NEG;
            case SQUARE -> SQUARE;
            case CUBE -> CUBE;
            case SQRT -> SQRT;
            case EXP -> EXP;
            case LOG -> LOG;
            case SIN -> SIN;
            case COS -> COS;
            case TAN -> TAN;
            case ABS -> ABS;
            case INV -> INV;
            case ASIN -> ASIN;
            case ACOS -> ACOS;
            case ATAN -> ATAN;
            case SINH -> SINH;
            case COSH -> COSH;
            case TANH -> TANH;
            case USER -> USER1;
            default -> throw new IllegalArgumentException("not unary: " + op);
        };
    }

    static final class IntList {
        int[] a;
        int n;
        IntList(int cap) { a = new int[Math.max(cap, 4)]; }
        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }
        int[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }

    static final class DoubleList {
        double[] a;
        int n;
        DoubleList(int cap) { a = new double[cap]; }
        int add(double v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n] = v;
            return n++;
        }
        double[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }
}
