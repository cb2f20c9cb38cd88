package chainrule.processor;

import chainrule.Loss;
import chainrule.internal.Kernels;
import chainrule.processor.Chain.Step;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the two unrolled passes of a network, like the lecture's slide: the forward pass one step a
 * layer, then the backward pass as the exact reverse, seeded by the loss's gradient. Every block says
 * which {@code @Layer} fields it computes and every backward line which forward line it differentiates.
 */
final class PassWriter {
  /** A buffer of {@code rows × width} floats the passes keep between steps. */
  record Buffer(String name, int width, String meaning) {}

  private static final TypeName FLOATS = ArrayTypeName.of(TypeName.FLOAT);

  private final NetworkModel model;
  private final List<Step> steps;
  private final int firstLinear;
  private final List<Line> backward;

  PassWriter(NetworkModel model, List<Step> steps) {
    this.model = model;
    this.steps = steps;
    int first = 0;
    while (steps.get(first).linear() == null) {
      first++;
    }
    this.firstLinear = first;
    this.backward = backwardLines();
  }

  /** The buffer holding the network's output after {@code forwardPass}. */
  String prediction() {
    return last().output();
  }

  /** Forward outputs, then the gradients backward writes, in the order the passes use them. */
  List<Buffer> buffers() {
    List<Buffer> buffers = new ArrayList<>();
    for (Step step : steps) {
      buffers.add(new Buffer(step.output(), step.outs(), forwardFormula(step)));
    }
    for (Line line : backward) {
      if (line.writes() != null) {
        buffers.add(line.writes());
      }
    }
    return buffers;
  }

  MethodSpec forwardPass() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("forwardPass")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(FLOATS, Naming.INPUT)
        .addParameter(TypeName.INT, "rows")
        .addJavadoc("Forward, layer by layer, keeping what backward needs; the output is left in {@code $L}.\n",
            prediction())
        .addStatement("ensureCapacity(rows)");
    for (Step step : steps) {
      method.addComment("$L: $L", fields(step), forwardFormula(step));
      if (step.linear() == null) {
        method.addStatement("$T.$LForward($N, $N, rows * $L)", Kernels.class, step.activation().kind().kernel,
            step.output(), step.input(), step.outs());
      } else {
        String kernel = step.activation() == null ? "linear" : "linear" + capitalized(step.activation().kind().kernel);
        method.addStatement("$T.$LForward($N, $N, params, $N, $N, rows, $L, $L, workers)", Kernels.class, kernel,
            step.output(), step.input(), Naming.weightOffset(step.k()), Naming.biasOffset(step.k()), step.ins(),
            step.outs());
      }
    }
    return method.build();
  }

  MethodSpec backwardPass() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("backwardPass")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(FLOATS, Naming.INPUT)
        .addParameter(FLOATS, Naming.TARGET)
        .addParameter(TypeName.INT, "rows")
        .addJavadoc("Backward: the forward pass in reverse, by the chain rule. Writes {@code grads}.\n");
    for (Line line : backward) {
      line.comments().forEach(comment -> method.addComment("$L", comment));
      method.addStatement(line.statement());
    }
    return method.build();
  }

  /** One statement of the backward pass, the comments above it, and the gradient buffer it writes, if any. */
  private record Line(List<String> comments, CodeBlock statement, Buffer writes) {}

  /**
   * The backward pass: the seed (the loss's gradient, fused with a final Sigmoid's for BCE), then each
   * step in reverse down to the first Linear; layers before it have no parameters to train.
   */
  private List<Line> backwardLines() {
    List<Line> lines = new ArrayList<>();
    Step last = last();
    String output = last.output();
    String upstream;
    if (model.loss() == Loss.BCE) {
      // validated: the last layer is a Sigmoid
      String logit = last.fused() ? last.linearOutput() : last.input();
      upstream = Naming.gradient(logit);
      lines.add(new Line(
          List.of(String.format("%s + BCE, grad of %s = σ(%s) and cost = BCE(%s, %s):", last.activation().field(),
                  output, logit, output, Naming.TARGET),
              String.format("  %s = (%s - %s) / n, since σ'(%s) = %s·(1 - %s) cancels BCE's 1 / (%s·(1 - %s))",
                  upstream, output, Naming.TARGET, logit, output, output, output, output)),
          CodeBlock.of("$T.sigmoidBceBackward($N, $N, $N, rows * $L)", Kernels.class, upstream, output,
              Naming.TARGET, last.outs()),
          new Buffer(upstream, last.outs(), "gradient of " + logit)));
    } else {
      upstream = Naming.gradient(output);
      lines.add(new Line(
          List.of(String.format("MSE, grad of cost = mean((%s - %s)²): %s = 2·(%s - %s) / n", output,
              Naming.TARGET, upstream, output, Naming.TARGET)),
          CodeBlock.of("$T.mseBackward($N, $N, $N, rows * $L)", Kernels.class, upstream, output, Naming.TARGET,
              last.outs()),
          new Buffer(upstream, last.outs(), "gradient of " + output)));
    }
    for (int i = steps.size() - 1; i >= firstLinear; i--) {
      Step step = steps.get(i);
      boolean seeded = i == steps.size() - 1 && model.loss() == Loss.BCE;
      String dOut = seeded ? upstream : Naming.gradient(step.output());
      if (step.activation() != null && !seeded) {
        String in = step.fused() ? step.linearOutput() : step.input();
        lines.add(activationBackward(step, Naming.gradient(in), dOut, in));
        dOut = Naming.gradient(in);
      }
      if (step.linear() != null) {
        lines.add(linearBackward(step, dOut, i == firstLinear));
      }
    }
    return List.copyOf(lines);
  }

  private Line activationBackward(Step step, String dIn, String dOut, String in) {
    String a = step.output();
    LayerKind kind = step.activation().kind();
    String derivative = switch (kind) {
      case SIGMOID -> a + "·(1 - " + a + ")";
      case TANH -> "(1 - " + a + "²)";
      case RELU -> "[" + a + " > 0]";
      case LINEAR -> throw new IllegalStateException("not an activation");
    };
    return new Line(
        List.of(String.format("%s, grad of %s = %s(%s): %s = %s · %s", step.activation().field(), a, symbol(kind),
            in, dIn, dOut, derivative)),
        CodeBlock.of("$T.$LBackward($N, $N, $N, rows * $L)", Kernels.class, kind.kernel, dIn, dOut, a, step.outs()),
        new Buffer(dIn, step.outs(), "gradient of " + in));
  }

  private Line linearBackward(Step step, String dOut, boolean first) {
    int k = step.k();
    String out = step.linearOutput();
    String in = step.input();
    String dIn = Naming.gradient(in);
    String comment = String.format("%s, grad of %s = %s·%sᵀ + %s: %s = %sᵀ·%s; %s = Σ_rows %s%s",
        step.linear().field(), out, in, Naming.weight(k), Naming.bias(k), Naming.gradient(Naming.weight(k)), dOut,
        in, Naming.gradient(Naming.bias(k)), dOut, first ? "" : "; " + dIn + " = " + dOut + "·" + Naming.weight(k));
    return new Line(
        List.of(comment),
        CodeBlock.of("$T.linearBackward($L, grads, $N, $N, params, $N, $N, rows, $L, $L, workers)", Kernels.class,
            first ? "null" : dIn, dOut, in, Naming.weightOffset(k), Naming.biasOffset(k), step.ins(), step.outs()),
        first ? null : new Buffer(dIn, step.ins(), "gradient of " + in));
  }

  /** {@code l1 = X·w1ᵀ + b1; a1 = σ(l1)}. */
  private static String forwardFormula(Step step) {
    String formula = "";
    String value = step.input();
    if (step.linear() != null) {
      value = step.linearOutput();
      formula = value + " = " + step.input() + "·" + Naming.weight(step.k()) + "ᵀ + " + Naming.bias(step.k());
    }
    if (step.activation() != null) {
      formula += (formula.isEmpty() ? "" : "; ") + step.output() + " = " + symbol(step.activation().kind())
          + "(" + value + ")";
    }
    return formula;
  }

  /** {@code @Layer linear1 (Linear 2 -> 2), sigmoid1}. */
  private static String fields(Step step) {
    List<String> fields = new ArrayList<>();
    if (step.linear() != null) {
      fields.add(step.linear().field() + " (Linear " + step.ins() + " -> " + step.outs() + ")");
    }
    if (step.activation() != null) {
      fields.add(step.activation().field());
    }
    return "@Layer " + String.join(", ", fields);
  }

  private static String symbol(LayerKind kind) {
    return kind == LayerKind.SIGMOID ? "σ" : kind.kernel;
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private Step last() {
    return steps.get(steps.size() - 1);
  }
}
