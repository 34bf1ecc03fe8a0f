package org.fairhunt.bounty.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.UserInputException;

/**
 * An ONNX model checked against a program's feature schema and run with ONNX Runtime. Its inputs must
 * be features of the schema, each a float32 tensor of shape [N,1]; its first output is the
 * prediction (class code as an integer tensor for classification, a float tensor for regression) or,
 * for a {@link Role#GROUP} model, the 0/1 (or boolean) group indicator, of shape [N] or [N,1].
 */
public final class OnnxModel implements AutoCloseable {
    /** What the model's first output means. */
    public enum Role { PREDICTOR, GROUP }

    /** Rows per ONNX Runtime call, so that memory stays bounded on large tables. */
    private static final int BATCH_ROWS = 1 << 16;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "onnx-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final String source;
    private final FeatureSchema schema;
    private final Role role;
    private final OrtSession session;
    private final List<String> inputNames;
    private final int[] inputFeatureIndex;
    private final String outputName;
    private final long timeoutMillis;

    private OnnxModel(String source, FeatureSchema schema, Role role, OrtSession session, List<String> inputNames,
            int[] inputFeatureIndex, String outputName, long timeoutMillis) {
        this.source = source;
        this.schema = schema;
        this.role = role;
        this.session = session;
        this.inputNames = inputNames;
        this.inputFeatureIndex = inputFeatureIndex;
        this.outputName = outputName;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Inspects, loads and checks a model; every refusal is a {@link UserInputException} naming
     * {@code source} and the reason.
     */
    public static OnnxModel load(String source, byte[] bytes, FeatureSchema schema, Role role, long maxBytes, long timeoutMillis) {
        OnnxInspector.check(source, bytes, maxBytes);
        OrtSession session;
        try {
            OrtEnvironment env = environment();
            try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
                opts.setIntraOpNumThreads(Math.min(2, Runtime.getRuntime().availableProcessors()));
                // Spinning worker threads help only on an idle machine; on a shared one they cost 3-7x (measured).
                opts.addConfigEntry("session.intra_op.allow_spinning", "0");
                session = env.createSession(bytes, opts);
            }
        } catch (OrtException e) {
            throw new UserInputException(source + ": ONNX Runtime cannot load the model: " + firstLine(e.getMessage()));
        }
        try {
            List<String> names = new ArrayList<>();
            List<Integer> idx = new ArrayList<>();
            for (NodeInfo in : session.getInputInfo().values()) {
                int j = schema.indexOf(in.getName());
                if (j < 0) {
                    throw new UserInputException(source + ": model input '" + in.getName() + "' is not a feature of the program; "
                            + "inputs must be named after features: " + String.join(", ", schema.featureNames()));
                }
                ValueInfo vi = in.getInfo();
                if (!(vi instanceof TensorInfo ti) || ti.type != OnnxJavaType.FLOAT || ti.getShape().length != 2
                        || (ti.getShape()[1] != 1 && ti.getShape()[1] != -1)) {
                    throw new UserInputException(source + ": model input '" + in.getName() + "' must be a float32 tensor of shape [N,1]"
                            + (schema.features().get(j).categorical() ? " (categorical codes as listed in the program manifest)" : "")
                            + ", but is " + describe(vi));
                }
                names.add(in.getName());
                idx.add(j);
            }
            if (names.isEmpty()) {
                throw new UserInputException(source + ": model has no inputs");
            }
            NodeInfo out = session.getOutputInfo().values().iterator().next();
            ValueInfo vo = out.getInfo();
            boolean okShape = vo instanceof TensorInfo t && (t.getShape().length == 1
                    || (t.getShape().length == 2 && (t.getShape()[1] == 1 || t.getShape()[1] == -1)));
            OnnxJavaType type = vo instanceof TensorInfo t ? t.type : null;
            boolean integral = type == OnnxJavaType.INT64 || type == OnnxJavaType.INT32 || type == OnnxJavaType.BOOL;
            boolean real = type == OnnxJavaType.FLOAT || type == OnnxJavaType.DOUBLE;
            String expected;
            boolean okType;
            if (role == Role.GROUP) {
                expected = "the group indicator as a bool or integer (0/1) tensor of shape [N] or [N,1]";
                okType = integral;
            } else if (schema.task() == Task.CLASSIFICATION) {
                expected = "the class code (0.." + (schema.classes().size() - 1) + " for " + schema.classes()
                        + ") as an int64 tensor of shape [N] or [N,1]";
                okType = type == OnnxJavaType.INT64 || type == OnnxJavaType.INT32;
            } else {
                expected = "the predicted value as a float tensor of shape [N] or [N,1]";
                okType = real;
            }
            if (!okShape || !okType) {
                throw new UserInputException(source + ": the model's first output '" + out.getName() + "' must be " + expected
                        + ", but is " + describe(vo));
            }
            int[] featureIndex = idx.stream().mapToInt(Integer::intValue).toArray();
            return new OnnxModel(source, schema, role, session, List.copyOf(names), featureIndex, out.getName(), timeoutMillis);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new UserInputException(source + ": cannot read the model's inputs and outputs: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /**
     * The process's ONNX Runtime environment, created on first use with logging at FATAL: its own
     * warnings arrive as coloured lines on stderr (issue 11 §5), and every failure we care about reaches
     * us as an exception that we turn into a message.
     */
    static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "fairhunt");
    }

    public String source() {
        return source;
    }

    public Role role() {
        return role;
    }

    /** The features the model reads, in its input order. */
    public List<String> inputNames() {
        return inputNames;
    }

    /** Predictions for every row of {@code data} (class codes for classification). */
    public double[] predict(FeatureData data) {
        if (role != Role.PREDICTOR) {
            throw new IllegalStateException(source + " is a group model");
        }
        double[] out = run(data);
        if (schema.task() == Task.CLASSIFICATION) {
            int k = schema.classes().size();
            for (double v : out) {
                if (v < 0 || v >= k) {
                    throw new UserInputException(source + ": model output class code " + (long) v + " outside 0.." + (k - 1)
                            + " (classes " + schema.classes() + ")");
                }
            }
        }
        return out;
    }

    /** Group membership of every row of {@code data}. */
    public boolean[] indicator(FeatureData data) {
        if (role != Role.GROUP) {
            throw new IllegalStateException(source + " is a predictor");
        }
        double[] out = run(data);
        boolean[] member = new boolean[out.length];
        for (int i = 0; i < out.length; i++) {
            if (out[i] != 0 && out[i] != 1) {
                throw new UserInputException(source + ": group model output " + out[i] + " is not 0 or 1");
            }
            member[i] = out[i] == 1;
        }
        return member;
    }

    private double[] run(FeatureData data) {
        int n = data.rowCount();
        double[] result = new double[n];
        OrtEnvironment env = environment();
        for (int start = 0; start < n; start += BATCH_ROWS) {
            int len = Math.min(BATCH_ROWS, n - start);
            Map<String, OnnxTensor> feeds = new HashMap<>();
            try (OrtSession.RunOptions runOptions = new OrtSession.RunOptions()) {
                for (int k = 0; k < inputNames.size(); k++) {
                    FloatBuffer buf = FloatBuffer.wrap(data.input(inputFeatureIndex[k]), start, len).slice();
                    feeds.put(inputNames.get(k), OnnxTensor.createTensor(env, buf, new long[] {len, 1}));
                }
                ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                    try {
                        runOptions.setTerminate(true);
                    } catch (OrtException ignored) {
                        // the run is over already
                    }
                }, timeoutMillis, TimeUnit.MILLISECONDS);
                try (OrtSession.Result r = session.run(feeds, Set.of(outputName), runOptions)) {
                    watchdog.cancel(false);
                    copyOut(r.get(0), result, start, len);
                } catch (OrtException e) {
                    watchdog.cancel(false);
                    String msg = firstLine(e.getMessage());
                    if (msg.toLowerCase(java.util.Locale.ROOT).contains("terminate")) {
                        throw new UserInputException(source + ": model ran longer than the program's limit of " + timeoutMillis + " ms");
                    }
                    throw new UserInputException(source + ": ONNX Runtime failed running the model: " + msg);
                }
            } catch (OrtException e) {
                throw new UserInputException(source + ": cannot prepare model inputs: " + firstLine(e.getMessage()));
            } finally {
                for (OnnxTensor t : feeds.values()) {
                    t.close();
                }
            }
        }
        return result;
    }

    private void copyOut(OnnxValue value, double[] result, int start, int len) {
        if (!(value instanceof OnnxTensor t)) {
            throw new UserInputException(source + ": first output is not a tensor");
        }
        long count = t.getInfo().getNumElements();
        if (count != len) {
            throw new UserInputException(source + ": first output has " + count + " values for " + len + " rows; expected one per row");
        }
        switch (t.getInfo().type) {
            case INT64 -> {
                var b = t.getLongBuffer();
                for (int i = 0; i < len; i++) {
                    result[start + i] = b.get(i);
                }
            }
            case INT32 -> {
                var b = t.getIntBuffer();
                for (int i = 0; i < len; i++) {
                    result[start + i] = b.get(i);
                }
            }
            case BOOL -> {
                var b = t.getByteBuffer();
                for (int i = 0; i < len; i++) {
                    result[start + i] = b.get(i) != 0 ? 1 : 0;
                }
            }
            case FLOAT -> {
                var b = t.getFloatBuffer();
                for (int i = 0; i < len; i++) {
                    result[start + i] = b.get(i);
                }
            }
            case DOUBLE -> {
                var b = t.getDoubleBuffer();
                for (int i = 0; i < len; i++) {
                    result[start + i] = b.get(i);
                }
            }
            default -> throw new UserInputException(source + ": unsupported output type " + t.getInfo().type);
        }
    }

    private static String describe(ValueInfo vi) {
        if (vi instanceof TensorInfo t) {
            StringBuilder sb = new StringBuilder(t.type.name().toLowerCase(java.util.Locale.ROOT)).append(" [");
            long[] s = t.getShape();
            for (int i = 0; i < s.length; i++) {
                sb.append(i > 0 ? "," : "").append(s[i] < 0 ? "N" : Long.toString(s[i]));
            }
            return sb.append(']').toString();
        }
        return vi.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // nothing more to free
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }
}
