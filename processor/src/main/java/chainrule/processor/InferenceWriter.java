package chainrule.processor;

import static chainrule.processor.Members.EVALUATE;
import static chainrule.processor.Members.DATA;
import static chainrule.processor.Members.FORWARD;
import static chainrule.processor.Members.FORWARD_PASS;
import static chainrule.processor.Members.INFERENCE_ROWS;
import static chainrule.processor.Members.LAYOUT;
import static chainrule.processor.Members.NETWORK;
import static chainrule.processor.Members.OUTPUTS;
import static chainrule.processor.Members.PREDICT;
import static chainrule.processor.Members.ROWS;
import static chainrule.processor.Members.X;

import chainrule.Loss;
import chainrule.internal.Inference;
import chainrule.internal.Kernels;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;

/**
 * Writes inference: {@code forward}, {@code predict} and {@code evaluate}, forward passes only, at most
 * {@code INFERENCE_ROWS} rows a pass through {@link Inference}, so that a large input needs no more than
 * its predictions and one chunk's forward buffers, and no gradient buffer at all.
 */
final class InferenceWriter {
  private final NetworkModel model;
  private final ClassName net;
  private final PassWriter passes;

  InferenceWriter(NetworkModel model, ClassName net, PassWriter passes) {
    this.model = model;
    this.net = net;
    this.passes = passes;
  }

  /** Floats a row of one inference pass takes: the input row's copy and every forward buffer's row. */
  long floatsPerRow() {
    return model.inputs() + passes.forwardBuffers().stream().mapToLong(PassWriter.Buffer::width).sum();
  }

  /** {@code INFERENCE_ROWS}' initializer: {@code Inference.chunkRows(1027)}. */
  CodeBlock inferenceRows() {
    return CodeBlock.of("$T.chunkRows($L)", Inference.class, floatsPerRow());
  }

  MethodSpec forward() {
    return Poet.method(FORWARD, net)
        .addJavadoc("Predictions for {@code x} ({@code rows × INPUTS}, row-major): a new array, {@code rows × OUTPUTS}.\n")
        .addJavadoc("Forward passes only, {@link #$N} rows at a time: the buffers stay small however many rows.\n",
            INFERENCE_ROWS)
        .addStatement("return $T.forward($N, $N, $N, $N, this::$N, () -> $N)", Inference.class, X, ROWS,
            INFERENCE_ROWS, LAYOUT, FORWARD_PASS, passes.prediction())
        .build();
  }

  MethodSpec predict() {
    MethodSpec.Builder method = Poet.method(PREDICT, net);
    if (model.loss() == Loss.CROSS_ENTROPY) {
      method.addJavadoc("The predicted class of each row of {@code x}: the index of its largest logit (the first of\n")
          .addJavadoc("equals), as {@code torch.argmax(model(X), 1)}.\n");
    } else {
      method.addJavadoc("The predicted class of each row of {@code x}: 1 where the probability is above 0.5, else 0,\n")
          .addJavadoc("as the lecture's {@code predicted = (hypothesis > 0.5)}.\n");
    }
    method.addStatement("float[] $N = $N($N, $N)", Naming.HYPOTHESIS, FORWARD, X, ROWS)
        .addStatement("int[] $N = new int[$N]", Naming.PREDICTED, ROWS);
    if (model.loss() == Loss.CROSS_ENTROPY) {
      method.addStatement("$T.argmax($N, $N, $N, $N)", Kernels.class, Naming.PREDICTED, Naming.HYPOTHESIS, ROWS,
          OUTPUTS);
    } else {
      method.addStatement("$T.sigmoidPredict($N, $N, $N)", Kernels.class, Naming.PREDICTED, Naming.HYPOTHESIS, ROWS);
    }
    return method.addStatement("return $N", Naming.PREDICTED).build();
  }

  MethodSpec evaluate() {
    return Poet.method(EVALUATE, net)
        .addJavadoc("The $L loss on {@code data} and, for a classifier, its accuracy, confusion matrix and (one\n",
            model.loss())
        .addJavadoc("Sigmoid output) ROC AUC: forward passes only, {@link #$N} rows at a time.\n", INFERENCE_ROWS)
        .addStatement("return $T.evaluate($N, $N(), $N)", Inference.class, DATA, NETWORK, INFERENCE_ROWS)
        .build();
  }
}
