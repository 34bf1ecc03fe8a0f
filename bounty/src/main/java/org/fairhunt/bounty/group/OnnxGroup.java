package org.fairhunt.bounty.group;

import java.util.LinkedHashSet;
import java.util.Set;
import org.fairhunt.bounty.onnx.OnnxModel;
import org.fairhunt.bounty.schema.FeatureData;

/** A learned group: an ONNX model (role {@link OnnxModel.Role#GROUP}) whose first output is the indicator. */
public final class OnnxGroup implements GroupPredicate, AutoCloseable {
    private final OnnxModel model;
    private final String description;

    public OnnxGroup(OnnxModel model, String description) {
        this.model = model;
        this.description = description;
    }

    @Override
    public boolean[] members(FeatureData data) {
        return model.indicator(data);
    }

    /** The model's inputs: a learned group may depend on every feature it reads. */
    @Override
    public Set<String> featuresUsed() {
        return new LinkedHashSet<>(model.inputNames());
    }

    @Override
    public String describe() {
        return description;
    }

    /** Closes the model's ONNX Runtime session. */
    @Override
    public void close() {
        model.close();
    }
}
