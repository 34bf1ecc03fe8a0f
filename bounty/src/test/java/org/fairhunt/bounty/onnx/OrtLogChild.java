package org.fairhunt.bounty.onnx;

import org.fairhunt.core.UserInputException;

/**
 * Child process of {@link OrtLogTest}: runs {@link OnnxModelTest#slowModel} into its time limit, which
 * makes ONNX Runtime log an error line ("Exiting due to terminate flag") on its native stderr at its
 * default log level; prints our own message on stdout.
 */
public final class OrtLogChild {
    private OrtLogChild() {
    }

    /** An initializer named like a graph input: ONNX Runtime warns that it will not be treated as a constant. */
    static byte[] shadowingInitializer() {
        OnnxGraphBuilder g = OnnxModelTest.positiveW();
        g.initializer("w", new float[] {3f}, 1, 1);
        return g.output("label", OnnxGraphBuilder.INT64, -1, 1).build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("shadow")) {
            try (OnnxModel model = OnnxModelTest.load(shadowingInitializer(), OnnxModel.Role.PREDICTOR)) {
                System.out.println("loaded");
            } catch (UserInputException e) {
                // ONNX Runtime hides an input that an initializer shadows, so the model reads no feature.
                System.out.println("loaded");
            }
            return;
        }
        if (args.length > 0 && args[0].equals("default")) {
            // The control: ONNX Runtime's API with its defaults, terminated the way OnnxModel terminates a run.
            var env = ai.onnxruntime.OrtEnvironment.getEnvironment();
            try (var warned = env.createSession(shadowingInitializer(), new ai.onnxruntime.OrtSession.SessionOptions())) {
                System.out.println("loaded");
            }
            try (var session = env.createSession(OnnxModelTest.slowModel(), new ai.onnxruntime.OrtSession.SessionOptions());
                    var opts = new ai.onnxruntime.OrtSession.RunOptions();
                    var w = ai.onnxruntime.OnnxTensor.createTensor(env, new float[][] {{1f}, {2f}})) {
                new java.util.Timer(true).schedule(new java.util.TimerTask() {
                    @Override
                    public void run() {
                        try {
                            opts.setTerminate(true);
                        } catch (ai.onnxruntime.OrtException ignored) {
                            // over already
                        }
                    }
                }, 300);
                session.run(java.util.Map.of("w", w), opts).close();
                System.out.println("finished");
            } catch (ai.onnxruntime.OrtException e) {
                System.out.println("terminated");
            }
            return;
        }
        try (OnnxModel model = OnnxModel.load("slow.onnx", OnnxModelTest.slowModel(), OnnxModelTest.SCHEMA, OnnxModel.Role.PREDICTOR,
                1 << 20, 300)) {
            model.predict(OnnxModelTest.DATA);
            System.out.println("finished");
        } catch (UserInputException e) {
            System.out.println(e.getMessage());
        }
    }
}
