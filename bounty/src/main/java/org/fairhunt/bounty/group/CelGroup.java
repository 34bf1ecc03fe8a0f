package org.fairhunt.bounty.group;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fairhunt.bounty.schema.Feature;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.core.UserInputException;

/**
 * A group written as a CEL expression over the program's features: categorical features are
 * {@code string} variables ({@code ""} when missing), numeric ones {@code double} ({@code NaN} when
 * missing, so every comparison with a missing number is false). The expression must be of type
 * {@code bool}; numbers are written as doubles ({@code age > 30.0}).
 *
 * <p>Evaluation remembers the result for each distinct combination of the values of the features the
 * expression reads, because a group over a few categorical features has only a handful of such
 * combinations however many rows there are.
 */
public final class CelGroup implements GroupPredicate {
    private static final Pattern IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const", "continue",
            "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while");
    private static final Set<String> STRING_FUNCTIONS = Set.of("matches", "contains", "startsWith", "endsWith");
    /** Distinct value combinations remembered; beyond this, rows are evaluated one by one. */
    private static final int MEMO_LIMIT = 1 << 16;

    /**
     * The CEL runtime, built on first use: a group the columnar plan covers never needs it, and building CEL's
     * standard function bindings is about a tenth of a {@code bounty submit}'s CPU.
     */
    private static final class Runtime {
        static final CelRuntime INSTANCE = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options()).build();
    }

    private final String expression;
    private final CelAbstractSyntaxTree ast;
    private volatile CelRuntime.Program program;
    private final int[] featureIndex;
    private final String[] featureNames;
    private final int cost;
    private final ColumnarCel.Node columnar;

    private CelGroup(String expression, CelAbstractSyntaxTree ast, CelRuntime.Program program, int[] featureIndex,
            String[] featureNames, int cost, ColumnarCel.Node columnar) {
        this.expression = expression;
        this.ast = ast;
        this.columnar = columnar;
        this.program = program;
        this.featureIndex = featureIndex;
        this.featureNames = featureNames;
        this.cost = cost;
    }

    private static CelOptions options() {
        // Heterogeneous int/double comparisons stay off: CEL-Java orders NaN above every int there, which would put
        // rows with a missing number into groups like 'income > 30'; with doubles only, NaN fails every comparison.
        return CelOptions.current().enableHeterogeneousNumericComparisons(false).enableComprehension(false)
                .maxParseRecursionDepth(64).build();
    }

    /** Compiles {@code expression} against {@code schema}; every problem is a {@link UserInputException}. */
    public static CelGroup compile(String expression, FeatureSchema schema, CelLimits limits) {
        if (expression == null || expression.isBlank()) {
            throw new UserInputException("group expression is empty; write a CEL condition such as afam == \"yes\"");
        }
        if (expression.length() > limits.maxChars()) {
            throw new UserInputException("group expression is " + expression.length() + " characters long, over the program's limit of "
                    + limits.maxChars());
        }
        CelCompiler compiler = COMPILERS.computeIfAbsent(declarations(schema), k -> compiler(schema));
        CelAbstractSyntaxTree ast;
        try {
            ast = compiler.compile(expression).getAst();
        } catch (CelValidationException e) {
            String msg = e.getMessage().replace("<input>", "group expression");
            if (msg.contains("(double, int)") || msg.contains("(int, double)")) {
                msg += "\nnumeric features are doubles: write numbers with a decimal point (30.0, not 30)";
            }
            if (msg.contains("undeclared reference")) {
                msg += "\nthe features are: " + schema.features().stream().map(f -> f.name() + " (" + f.celType() + ")")
                        .collect(Collectors.joining(", "));
            }
            throw new UserInputException(msg);
        }
        List<CelNavigableExpr> nodes = CelNavigableAst.fromAst(ast).getRoot().allNodes().collect(Collectors.toList());
        int cost = 0;
        Set<String> used = new LinkedHashSet<>();
        for (CelNavigableExpr n : nodes) {
            CelExpr e = n.expr();
            cost++;
            if (e.getKind() == CelExpr.ExprKind.Kind.IDENT) {
                used.add(e.ident().name());
            } else if (e.getKind() == CelExpr.ExprKind.Kind.CALL && STRING_FUNCTIONS.contains(e.call().function())) {
                cost += CelLimits.STRING_FUNCTION_COST;
            }
        }
        if (cost > limits.maxCost()) {
            throw new UserInputException("group expression costs " + cost + " to evaluate, over the program's limit of "
                    + limits.maxCost() + " (one per syntax node, " + CelLimits.STRING_FUNCTION_COST + " per string search)");
        }
        List<String> names = new ArrayList<>();
        for (String u : used) {
            if (schema.indexOf(u) >= 0) {
                names.add(u);
            }
        }
        int[] idx = names.stream().mapToInt(schema::indexOf).toArray();
        ColumnarCel.Node columnar = ColumnarCel.plan(ast.getExpr(), schema);
        // Prepared now when rows will need it, so that a problem is reported at compile time.
        return new CelGroup(expression, ast, columnar == null ? prepare(ast) : null, idx, names.toArray(String[]::new), cost,
                columnar);
    }

    private static CelRuntime.Program prepare(CelAbstractSyntaxTree ast) {
        try {
            return Runtime.INSTANCE.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new UserInputException("group expression cannot be prepared: " + e.getMessage());
        }
    }

    /** The interpreted program, prepared on first use for a columnar group (row-by-row checks only). */
    private CelRuntime.Program program() {
        CelRuntime.Program p = program;
        if (p == null) {
            p = prepare(ast);
            program = p;
        }
        return p;
    }

    /** Compilers are immutable and costly to build, so one is kept per set of feature declarations. */
    private static final java.util.concurrent.ConcurrentHashMap<String, CelCompiler> COMPILERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String declarations(FeatureSchema schema) {
        StringBuilder sb = new StringBuilder();
        for (Feature f : schema.features()) {
            sb.append(f.name()).append(':').append(f.celType()).append('\n');
        }
        return sb.toString();
    }

    private static CelCompiler compiler(FeatureSchema schema) {
        CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder().setOptions(options())
                .setStandardMacros(new CelStandardMacro[0]).setResultType(SimpleType.BOOL);
        for (Feature f : schema.features()) {
            if (isIdentifier(f.name())) {
                b.addVar(f.name(), f.categorical() ? SimpleType.STRING : SimpleType.DOUBLE);
            }
        }
        return b.build();
    }

    static boolean isIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name);
    }

    public String expression() {
        return expression;
    }

    /** The static cost the limit was checked against. */
    public int cost() {
        return cost;
    }

    /** Whether the expression is evaluated a column at a time (see {@link ColumnarCel}). */
    public boolean isColumnar() {
        return columnar != null;
    }

    @Override
    public boolean[] members(FeatureData data) {
        if (columnar != null) {
            return columnar.eval(data);
        }
        return interpreted(data);
    }

    /** Membership by the CEL interpreter, remembering results per distinct combination of values. */
    public boolean[] interpreted(FeatureData data) {
        int n = data.rowCount();
        boolean[] out = new boolean[n];
        Object[] columns = new Object[featureIndex.length];
        for (int k = 0; k < featureIndex.length; k++) {
            columns[k] = data.celColumn(featureIndex[k]);
        }
        Map<List<Object>, Boolean> memo = new HashMap<>();
        Map<String, Object> activation = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Object[] key = new Object[columns.length];
            for (int k = 0; k < columns.length; k++) {
                key[k] = columns[k] instanceof String[] s ? s[i] : (Object) ((double[]) columns[k])[i];
            }
            List<Object> keyList = Arrays.asList(key);
            Boolean r = memo.get(keyList);
            if (r == null) {
                for (int k = 0; k < key.length; k++) {
                    activation.put(featureNames[k], key[k]);
                }
                r = evaluate(activation, data, i);
                if (memo.size() < MEMO_LIMIT) {
                    memo.put(keyList, r);
                }
            }
            out[i] = r;
        }
        return out;
    }

    /**
     * Evaluates the expression on one row, without remembering anything: the row-by-row way, for
     * comparison in benchmarks and tests.
     */
    public boolean matches(FeatureData data, int row) {
        Map<String, Object> activation = new HashMap<>();
        for (int k = 0; k < featureIndex.length; k++) {
            activation.put(featureNames[k], data.celValue(featureIndex[k], row));
        }
        return evaluate(activation, data, row);
    }

    private boolean evaluate(Map<String, Object> activation, FeatureData data, int row) {
        try {
            Object r = program().eval(activation);
            if (r instanceof Boolean b) {
                return b;
            }
            throw new UserInputException("group expression gave " + r + " instead of true or false on a row of " + data.source());
        } catch (CelEvaluationException e) {
            throw new UserInputException("group expression fails on a row of " + data.source() + ": " + e.getMessage());
        }
    }

    @Override
    public Set<String> featuresUsed() {
        return new LinkedHashSet<>(Arrays.asList(featureNames));
    }

    @Override
    public String describe() {
        return expression;
    }
}
