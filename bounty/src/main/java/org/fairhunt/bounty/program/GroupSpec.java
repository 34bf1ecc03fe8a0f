package org.fairhunt.bounty.program;

import org.fairhunt.core.UserInputException;

/** A submitted group: a CEL expression, or an ONNX group model's bytes. */
public record GroupSpec(String celExpression, byte[] onnxModel, String source) {

    public static GroupSpec cel(String expression) {
        return new GroupSpec(expression, null, "group expression");
    }

    public static GroupSpec onnx(byte[] model, String source) {
        return new GroupSpec(null, model, source);
    }

    public GroupSpec {
        if ((celExpression == null) == (onnxModel == null)) {
            throw new UserInputException("give the group either as a CEL expression (--group) or as an ONNX model (--group-model), not both");
        }
    }

    public boolean isCel() {
        return celExpression != null;
    }
}
