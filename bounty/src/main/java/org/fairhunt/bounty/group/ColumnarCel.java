package org.fairhunt.bounty.group;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;

/**
 * Column-at-a-time evaluation of the CEL groups people write most: comparisons of one feature with a
 * literal ({@code ==}, {@code !=}, and for numbers {@code <}, {@code <=}, {@code >}, {@code >=}),
 * membership in a literal list ({@code x in ["a", "b"]}), and {@code &&}, {@code ||}, {@code !} over
 * those. In this subset nothing can raise an error, so CEL's commutative, error-absorbing
 * {@code &&}/{@code ||} equal the plain boolean ones, and comparisons with a missing number (NaN) are
 * false as in IEEE arithmetic. Anything else returns {@code null} from {@link #plan}, and the group
 * falls back to the CEL interpreter; tests check both ways agree on random expressions.
 */
final class ColumnarCel {
    /** A compiled sub-expression: fills {@code out} for every row. */
    interface Node {
        boolean[] eval(FeatureData d);
    }

    private ColumnarCel() {
    }

    /** A columnar plan for {@code e}, or null if it uses anything outside the subset. */
    static Node plan(CelExpr e, FeatureSchema schema) {
        if (e.getKind() == CelExpr.ExprKind.Kind.CONSTANT && e.constant().getKind() == CelConstant.Kind.BOOLEAN_VALUE) {
            boolean v = e.constant().booleanValue();
            return d -> {
                boolean[] out = new boolean[d.rowCount()];
                if (v) {
                    java.util.Arrays.fill(out, true);
                }
                return out;
            };
        }
        if (e.getKind() != CelExpr.ExprKind.Kind.CALL || e.call().target().isPresent()) {
            return null;
        }
        String fn = e.call().function();
        List<CelExpr> args = e.call().args();
        switch (fn) {
            case "_&&_", "_||_" -> {
                List<Node> parts = new ArrayList<>();
                for (CelExpr a : args) {
                    Node p = plan(a, schema);
                    if (p == null) {
                        return null;
                    }
                    parts.add(p);
                }
                boolean and = fn.equals("_&&_");
                return d -> {
                    boolean[] acc = parts.get(0).eval(d);
                    for (int k = 1; k < parts.size(); k++) {
                        boolean[] b = parts.get(k).eval(d);
                        for (int i = 0; i < acc.length; i++) {
                            acc[i] = and ? acc[i] && b[i] : acc[i] || b[i];
                        }
                    }
                    return acc;
                };
            }
            case "!_" -> {
                Node p = plan(args.get(0), schema);
                if (p == null) {
                    return null;
                }
                return d -> {
                    boolean[] b = p.eval(d);
                    for (int i = 0; i < b.length; i++) {
                        b[i] = !b[i];
                    }
                    return b;
                };
            }
            case "@in" -> {
                return membership(args.get(0), args.get(1), schema);
            }
            case "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_" -> {
                return comparison(fn, args.get(0), args.get(1), schema);
            }
            default -> {
                return null;
            }
        }
    }

    private static Node membership(CelExpr item, CelExpr list, FeatureSchema schema) {
        if (item.getKind() != CelExpr.ExprKind.Kind.IDENT || list.getKind() != CelExpr.ExprKind.Kind.LIST) {
            return null;
        }
        int j = schema.indexOf(item.ident().name());
        if (j < 0) {
            return null;
        }
        boolean categorical = schema.features().get(j).categorical();
        Set<String> strings = new HashSet<>();
        List<Double> numbers = new ArrayList<>();
        for (CelExpr el : list.list().elements()) {
            if (el.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
                return null;
            }
            CelConstant c = el.constant();
            if (categorical && c.getKind() == CelConstant.Kind.STRING_VALUE) {
                strings.add(c.stringValue());
            } else if (!categorical && c.getKind() == CelConstant.Kind.DOUBLE_VALUE) {
                numbers.add(c.doubleValue());
            } else {
                return null;
            }
        }
        if (categorical) {
            return d -> {
                String[] s = (String[]) d.celColumn(j);
                boolean[] out = new boolean[s.length];
                for (int i = 0; i < s.length; i++) {
                    out[i] = strings.contains(s[i]);
                }
                return out;
            };
        }
        double[] set = numbers.stream().mapToDouble(Double::doubleValue).toArray();
        return d -> {
            double[] v = (double[]) d.celColumn(j);
            boolean[] out = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                for (double c : set) {
                    if (v[i] == c) {
                        out[i] = true;
                        break;
                    }
                }
            }
            return out;
        };
    }

    private static Node comparison(String fn, CelExpr a, CelExpr b, FeatureSchema schema) {
        CelExpr ident = a;
        CelExpr constant = b;
        String op = fn;
        if (a.getKind() == CelExpr.ExprKind.Kind.CONSTANT && b.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            ident = b;
            constant = a;
            op = switch (fn) {
                case "_<_" -> "_>_";
                case "_<=_" -> "_>=_";
                case "_>_" -> "_<_";
                case "_>=_" -> "_<=_";
                default -> fn;
            };
        }
        if (ident.getKind() != CelExpr.ExprKind.Kind.IDENT || constant.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
            return null;
        }
        int j = schema.indexOf(ident.ident().name());
        if (j < 0) {
            return null;
        }
        CelConstant c = constant.constant();
        if (schema.features().get(j).categorical()) {
            if (c.getKind() != CelConstant.Kind.STRING_VALUE || !(op.equals("_==_") || op.equals("_!=_"))) {
                return null;
            }
            String value = c.stringValue();
            boolean eq = op.equals("_==_");
            return d -> {
                String[] s = (String[]) d.celColumn(j);
                boolean[] out = new boolean[s.length];
                for (int i = 0; i < s.length; i++) {
                    out[i] = s[i].equals(value) == eq;
                }
                return out;
            };
        }
        double t;
        if (c.getKind() == CelConstant.Kind.DOUBLE_VALUE) {
            t = c.doubleValue();
        } else {
            return null;
        }
        String o = op;
        return d -> {
            double[] v = (double[]) d.celColumn(j);
            boolean[] out = new boolean[v.length];
            switch (o) {
                case "_==_" -> {
                    for (int i = 0; i < v.length; i++) {
                        out[i] = v[i] == t;
                    }
                }
                case "_!=_" -> {
                    for (int i = 0; i < v.length; i++) {
                        out[i] = v[i] != t;
                    }
                }
                case "_<_" -> {
                    for (int i = 0; i < v.length; i++) {
                        out[i] = v[i] < t;
                    }
                }
                case "_<=_" -> {
                    for (int i = 0; i < v.length; i++) {
                        out[i] = v[i] <= t;
                    }
                }
                case "_>_" -> {
                    for (int i = 0; i < v.length; i++) {
                        out[i] = v[i] > t;
                    }
                }
                default -> {
                    for (int i = 0; i < v.length; i++) {
                        out[i] = v[i] >= t;
                    }
                }
            }
            return out;
        };
    }
}
