package org.fairhunt.bounty.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Set;
import org.fairhunt.core.UserInputException;

/**
 * Reads an ONNX file's protobuf structure (without generated classes) and refuses, with a reason, what
 * a bounty must not run: files over the size limit, bytes that are not a ModelProto, operators from
 * domains other than the standard {@code ai.onnx} and {@code ai.onnx.ml} ones (custom operators run
 * native code that ONNX Runtime would have to load), model-local functions, and tensors whose data
 * live in external files (which would make ONNX Runtime read paths the submitter chose).
 */
public final class OnnxInspector {
    private static final Set<String> ALLOWED_DOMAINS = Set.of("", "ai.onnx", "ai.onnx.ml");
    /** Nesting depth beyond which subgraphs are refused (ONNX control flow rarely goes past 3). */
    private static final int MAX_GRAPH_DEPTH = 8;

    private OnnxInspector() {
    }

    /**
     * Checks {@code model}; throws {@link UserInputException} naming {@code source} and the reason.
     *
     * @param maxBytes the program's model size limit
     */
    public static void check(String source, byte[] model, long maxBytes) {
        if (model.length > maxBytes) {
            throw new UserInputException(source + ": model is " + model.length + " bytes, over the program's limit of "
                    + maxBytes + " bytes");
        }
        if (model.length == 0) {
            throw new UserInputException(source + ": not an ONNX model: the file is empty");
        }
        try {
            boolean[] sawGraph = new boolean[1];
            CodedInputStream in = CodedInputStream.newInstance(model);
            in.setRecursionLimit(200);
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                int field = WireFormat.getTagFieldNumber(tag);
                if (field == 7 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    sawGraph[0] = true;
                    graph(source, CodedInputStream.newInstance(in.readByteArray()), 0);
                } else if (field == 8 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    opset(source, CodedInputStream.newInstance(in.readByteArray()));
                } else if (field == 25) {
                    throw new UserInputException(source + ": not supported: model-local functions (ONNX FunctionProto); "
                            + "inline them into the graph");
                } else {
                    in.skipField(tag);
                }
            }
            if (!sawGraph[0]) {
                throw new UserInputException(source + ": not an ONNX model: it has no graph");
            }
        } catch (InvalidProtocolBufferException e) {
            throw new UserInputException(source + ": not an ONNX model (corrupt or truncated protobuf: " + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserInputException(source + ": not an ONNX model: " + e.getMessage());
        }
    }

    private static void opset(String source, CodedInputStream in) throws IOException {
        String domain = "";
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                domain = in.readStringRequireUtf8();
            } else {
                in.skipField(tag);
            }
        }
        if (!ALLOWED_DOMAINS.contains(domain)) {
            throw new UserInputException(source + ": not supported: operators from custom domain '" + domain
                    + "'; only the standard ai.onnx and ai.onnx.ml operators may be used");
        }
    }

    private static void graph(String source, CodedInputStream in, int depth) throws IOException {
        if (depth > MAX_GRAPH_DEPTH) {
            throw new UserInputException(source + ": not supported: subgraphs nested deeper than " + MAX_GRAPH_DEPTH);
        }
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> node(source, CodedInputStream.newInstance(in.readByteArray()), depth);
                case 5 -> tensor(source, CodedInputStream.newInstance(in.readByteArray()));
                case 15 -> sparseTensor(source, CodedInputStream.newInstance(in.readByteArray()));
                default -> in.skipField(tag);
            }
        }
    }

    private static void node(String source, CodedInputStream in, int depth) throws IOException {
        String domain = "";
        String opType = "?";
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 4 -> opType = in.readStringRequireUtf8();
                case 7 -> domain = in.readStringRequireUtf8();
                case 5 -> attribute(source, CodedInputStream.newInstance(in.readByteArray()), depth);
                default -> in.skipField(tag);
            }
        }
        if (!ALLOWED_DOMAINS.contains(domain)) {
            throw new UserInputException(source + ": not supported: custom operator " + domain + "." + opType
                    + "; only the standard ai.onnx and ai.onnx.ml operators may be used");
        }
    }

    private static void attribute(String source, CodedInputStream in, int depth) throws IOException {
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 5, 10 -> tensor(source, CodedInputStream.newInstance(in.readByteArray()));
                case 6, 11 -> graph(source, CodedInputStream.newInstance(in.readByteArray()), depth + 1);
                case 22, 23 -> sparseTensor(source, CodedInputStream.newInstance(in.readByteArray()));
                default -> in.skipField(tag);
            }
        }
    }

    private static void sparseTensor(String source, CodedInputStream in) throws IOException {
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 || field == 2) {
                tensor(source, CodedInputStream.newInstance(in.readByteArray()));
            } else {
                in.skipField(tag);
            }
        }
    }

    private static void tensor(String source, CodedInputStream in) throws IOException {
        String name = "?";
        boolean external = false;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 8 -> name = in.readStringRequireUtf8();
                case 13 -> {
                    external = true;
                    in.skipField(tag);
                }
                case 14 -> external |= in.readEnum() == 1;
                default -> in.skipField(tag);
            }
        }
        if (external) {
            throw new UserInputException(source + ": not supported: tensor '" + name
                    + "' keeps its data in an external file; submit a self-contained model");
        }
    }
}
