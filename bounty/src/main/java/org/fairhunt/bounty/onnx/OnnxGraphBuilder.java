package org.fairhunt.bounty.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an ONNX model (a serialized {@code onnx.ModelProto}) from Java. Field numbers follow
 * {@code onnx/onnx.proto} (IR version 8); only the messages a hunter-kit model needs are covered:
 * model, opset imports, metadata, graph, nodes, attributes, tensors (as little-endian
 * {@code raw_data}) and tensor value infos. Every model written here is checked by running it in
 * ONNX Runtime in the tests, which is the authority on whether the encoding is right.
 */
public final class OnnxGraphBuilder {
    /** {@code TensorProto.DataType} values used here. */
    public static final int FLOAT = 1;
    public static final int INT64 = 7;
    public static final int BOOL = 9;

    /** ONNX IR version written (IR_VERSION_2021_7_30); ONNX Runtime 1.28 reads it. */
    static final long IR_VERSION = 8;
    static final long DEFAULT_OPSET = 13;
    static final long ML_OPSET = 3;

    // AttributeProto.AttributeType
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_STRING = 3;
    private static final int ATTR_TENSOR = 4;
    private static final int ATTR_FLOATS = 6;
    private static final int ATTR_INTS = 7;
    private static final int ATTR_STRINGS = 8;

    private final String graphName;
    private final List<ProtoMessage> nodes = new ArrayList<>();
    private final List<ProtoMessage> initializers = new ArrayList<>();
    private final List<ProtoMessage> inputs = new ArrayList<>();
    private final List<ProtoMessage> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private boolean usesMl;
    private int nodeCounter;

    public OnnxGraphBuilder(String graphName) {
        this.graphName = graphName;
    }

    /** A graph input of element type {@code elemType}; a negative dim is symbolic (named {@code N}). */
    public OnnxGraphBuilder input(String name, int elemType, long... dims) {
        inputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    public OnnxGraphBuilder output(String name, int elemType, long... dims) {
        outputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    /** Adds a key/value pair to the model's {@code metadata_props}. */
    public OnnxGraphBuilder metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** A constant float tensor. */
    public OnnxGraphBuilder initializer(String name, float[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        initializers.add(tensor(name, FLOAT, dims, buf.array()));
        return this;
    }

    /** A constant int64 tensor. */
    public OnnxGraphBuilder initializer(String name, long[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buf.putLong(v);
        }
        initializers.add(tensor(name, INT64, dims, buf.array()));
        return this;
    }

    /** Starts a node of the default domain. */
    public Node node(String opType, List<String> in, List<String> out) {
        return new Node("", opType, in, out);
    }

    /** Starts a node of the {@code ai.onnx.ml} domain. */
    public Node mlNode(String opType, List<String> in, List<String> out) {
        usesMl = true;
        return new Node("ai.onnx.ml", opType, in, out);
    }

    /** The serialized model. */
    public byte[] build() {
        ProtoMessage graph = new ProtoMessage();
        for (ProtoMessage n : nodes) {
            graph.message(1, n);
        }
        graph.string(2, graphName);
        for (ProtoMessage t : initializers) {
            graph.message(5, t);
        }
        for (ProtoMessage i : inputs) {
            graph.message(11, i);
        }
        for (ProtoMessage o : outputs) {
            graph.message(12, o);
        }
        ProtoMessage model = new ProtoMessage();
        model.int64(1, IR_VERSION);
        model.string(2, "fairhunt");
        model.string(3, "0.1");
        model.message(7, graph);
        model.message(8, new ProtoMessage().string(1, "").int64(2, DEFAULT_OPSET));
        if (usesMl) {
            model.message(8, new ProtoMessage().string(1, "ai.onnx.ml").int64(2, ML_OPSET));
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            model.message(14, new ProtoMessage().string(1, e.getKey()).string(2, e.getValue()));
        }
        return model.toByteArray();
    }

    private static ProtoMessage tensor(String name, int dataType, long[] dims, byte[] raw) {
        ProtoMessage t = new ProtoMessage();
        for (long d : dims) {
            t.int64(1, d);
        }
        t.int64(2, dataType);
        t.string(8, name);
        t.bytes(9, raw);
        return t;
    }

    private static ProtoMessage valueInfo(String name, int elemType, long[] dims) {
        ProtoMessage shape = new ProtoMessage();
        for (long d : dims) {
            ProtoMessage dim = new ProtoMessage();
            if (d < 0) {
                dim.string(2, "N");
            } else {
                dim.int64(1, d);
            }
            shape.message(1, dim);
        }
        ProtoMessage tensorType = new ProtoMessage().int64(1, elemType).message(2, shape);
        ProtoMessage type = new ProtoMessage().message(1, tensorType);
        return new ProtoMessage().string(1, name).message(2, type);
    }

    /** A node being configured; {@link #add()} appends it to the graph. */
    public final class Node {
        private final ProtoMessage msg = new ProtoMessage();

        private Node(String domain, String opType, List<String> in, List<String> out) {
            for (String s : in) {
                msg.string(1, s);
            }
            for (String s : out) {
                msg.string(2, s);
            }
            msg.string(3, opType + "_" + (nodeCounter++));
            msg.string(4, opType);
            if (!domain.isEmpty()) {
                msg.string(7, domain);
            }
        }

        public Node attr(String name, long value) {
            msg.message(5, new ProtoMessage().string(1, name).int64(20, ATTR_INT).int64(3, value));
            return this;
        }

        public Node attr(String name, float value) {
            msg.message(5, new ProtoMessage().string(1, name).int64(20, ATTR_FLOAT).float32(2, value));
            return this;
        }

        public Node attr(String name, String value) {
            msg.message(5, new ProtoMessage().string(1, name).int64(20, ATTR_STRING).string(4, value));
            return this;
        }

        public Node attr(String name, long[] values) {
            ProtoMessage a = new ProtoMessage().string(1, name).int64(20, ATTR_INTS);
            for (long v : values) {
                a.int64(8, v);
            }
            msg.message(5, a);
            return this;
        }

        public Node attr(String name, float[] values) {
            ProtoMessage a = new ProtoMessage().string(1, name).int64(20, ATTR_FLOATS);
            for (float v : values) {
                a.float32(7, v);
            }
            msg.message(5, a);
            return this;
        }

        public Node attr(String name, String[] values) {
            ProtoMessage a = new ProtoMessage().string(1, name).int64(20, ATTR_STRINGS);
            for (String v : values) {
                a.string(9, v);
            }
            msg.message(5, a);
            return this;
        }

        /** A tensor-valued attribute (the {@code value} of a {@code Constant} node). */
        public Node attrTensor(String name, long[] values, long... dims) {
            ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                buf.putLong(v);
            }
            msg.message(5, new ProtoMessage().string(1, name).int64(20, ATTR_TENSOR)
                    .message(5, tensor(name, INT64, dims, buf.array())));
            return this;
        }

        public OnnxGraphBuilder add() {
            nodes.add(msg);
            return OnnxGraphBuilder.this;
        }
    }
}
