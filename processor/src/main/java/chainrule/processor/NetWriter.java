package chainrule.processor;

import static chainrule.processor.Members.ARCHITECTURE;
import static chainrule.processor.Members.BACKWARD_CAPACITY;
import static chainrule.processor.Members.FORWARD_CAPACITY;
import static chainrule.processor.Members.INFERENCE_ROWS;
import static chainrule.processor.Members.LAYOUT;
import static chainrule.processor.Members.PARAMETER_NAMES;
import static chainrule.processor.Members.PARAMETER_OFFSETS;
import static chainrule.processor.Members.GENERATOR;
import static chainrule.processor.Members.GENERATOR_PARAMETER;
import static chainrule.processor.Members.GRADS;
import static chainrule.processor.Members.INPUTS;
import static chainrule.processor.Members.OUTPUTS;
import static chainrule.processor.Members.PARAMETER_COUNT;
import static chainrule.processor.Members.PARAMS;
import static chainrule.processor.Members.RUNNING;
import static chainrule.processor.Members.WORKERS;

import chainrule.internal.BatchNormView;
import chainrule.internal.LinearView;
import chainrule.internal.Workers;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Modifier;

/**
 * Last stage: writes {@code <Model>Net} for a valid {@link NetworkModel}, declaring exactly the members of
 * {@link Members} (and the network's own constants and buffers, named by {@link Naming}). This class writes
 * the class's shape and its state; {@link MethodWriter} the method bodies, {@link PassWriter} the passes.
 */
final class NetWriter {
  static final String PROCESSOR = "chainrule.processor.NetworkProcessor";
  private static final TypeName FLOATS = ArrayTypeName.of(TypeName.FLOAT);

  private final NetworkModel model;
  private final ClassName net;
  private final PassWriter passes;
  private final MethodWriter methods;
  private final FitWriter fit;
  private final InferenceWriter inference;

  NetWriter(NetworkModel model) {
    this.model = model;
    this.net = ClassName.get(model.packageName(), model.netName());
    this.passes = new PassWriter(model, net);
    this.methods = new MethodWriter(model, net, passes);
    this.fit = new FitWriter(model, net, passes);
    this.inference = new InferenceWriter(model, net, passes);
  }

  JavaFile write() {
    TypeSpec.Builder type = TypeSpec.classBuilder(net)
        .addOriginatingElement(model.origin())
        .addAnnotation(AnnotationSpec.builder(Generated.class).addMember("value", "$S", PROCESSOR).build())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(modelType())
        .addSuperinterface(Members.interfaceOf(model.loss()))
        // A field or member type of the model, or a type of its package, hides a type of the same name there.
        .alwaysQualify(model.memberNames().stream().sorted().toArray(String[]::new))
        .addJavadoc(javadoc());
    if (!model.lintWarnings().isEmpty()) {
      // raised by `extends` on a deprecated or serializable model, which is the model's business
      CodeBlock warnings = model.lintWarnings().size() == 1
          ? CodeBlock.of("$S", model.lintWarnings().get(0))
          : model.lintWarnings().stream()
              .map(w -> CodeBlock.of("$S", w))
              .collect(CodeBlock.joining(", ", "{", "}"));
      type.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", warnings).build());
    }
    type.addFields(constants()).addFields(offsets()).addFields(trainingConstants()).addFields(state())
        .addFields(buffers()).addFields(batchStatistics());
    type.addMethod(constructor());
    for (Members.Method method : Members.methods(model.loss(), passes.hasTrainingPass())) {
      if (methods.declares(method)) {
        type.addMethod(methods.write(method));
      }
    }
    return JavaFile.builder(model.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  private ClassName modelType() {
    String[] names = model.modelClass().split("\\.");
    return ClassName.get(model.packageName(), names[0], Arrays.copyOfRange(names, 1, names.length));
  }

  private CodeBlock javadoc() {
    String layers = model.layers().stream()
        .map(layer -> layer.field() + ": " + layer.describe() + "\n")
        .collect(Collectors.joining());
    return CodeBlock.builder()
        .add("The network declared by {@link $T}, written by chainrule at compile time.\n", modelType())
        .add("\n<pre>\ninput $L\n$Lloss $L\n</pre>\n", model.inputs(), layers, model.loss())
        .add("\n<p>Not thread-safe: a network owns its buffers. A training step allocates nothing once the\n")
        .add("buffers have grown to the largest batch seen.\n")
        .build();
  }

  private List<FieldSpec> constants() {
    Layout layout = model.layout();
    String order = layout.slots().stream()
        .map(slot -> slot.layer().field() + "." + slot.tensor().name())
        .collect(Collectors.joining(", "));
    Map<Members.Field, FieldSpec> constants = Map.of(
        INPUTS, Poet.field(INPUTS, net)
            .addJavadoc("Features per input row.\n")
            .initializer("$L", model.inputs())
            .build(),
        OUTPUTS, Poet.field(OUTPUTS, net)
            .addJavadoc("Features per output row.\n")
            .initializer("$L", model.outputs())
            .build(),
        PARAMETER_COUNT, Poet.field(PARAMETER_COUNT, net)
            .addJavadoc("Parameters in PyTorch's order: $L.\n", order)
            .initializer("$L", layout.total())
            .build(),
        ARCHITECTURE, Poet.field(ARCHITECTURE, net)
            .addJavadoc("The layers and the loss; {@link #load} accepts only checkpoints of this architecture.\n")
            .initializer("$S", model.architecture())
            .build());
    return Members.CONSTANTS.stream().map(constants::get).toList();
  }

  /**
   * {@code W1}, {@code B1}, …: where each Linear's weight and bias start in {@code params} and {@code grads}; for a
   * batch norm, {@code G1} (its γ, then β) and {@code S1} (its running mean, then variance, in {@code running}).
   */
  private List<FieldSpec> offsets() {
    return Chain.nodes(model).stream()
        .filter(node -> node.isLinear() || node.isBatchNorm())
        .flatMap(node -> node.isBatchNorm() ? batchNormOffsets(node).stream() : linearOffsets(node).stream())
        .toList();
  }

  /** {@code W1} and {@code B1}. */
  private List<FieldSpec> linearOffsets(Chain.Node node) {
    return model.layout().of(node.layer()).stream().map(slot -> {
      boolean weight = slot.tensor().name().equals("weight");
      LayerModel layer = node.layer();
      return FieldSpec.builder(TypeName.INT, weight ? Naming.weightOffset(node.k()) : Naming.biasOffset(node.k()),
              Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("$L", slot.offset())
          .addJavadoc("$L.$L, $L.\n", layer.field(), slot.tensor().name(), slot.layer().shape(slot.tensor()))
          .build();
    }).toList();
  }

  /** {@code G1} and {@code S1}: where a batch norm's γ (β follows) and running mean (the variance follows) start. */
  private List<FieldSpec> batchNormOffsets(Chain.Node node) {
    LayerModel layer = node.layer();
    String n = node.output();
    long gamma = model.layout().of(layer).get(0).offset();
    long stats = model.running().of(layer).get(0).offset();
    return List.of(
        FieldSpec.builder(TypeName.INT, Naming.gammaOffset(n), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$L", gamma)
            .addJavadoc("$L.weight (γ), $L, then $L.bias (β), $L, in {@code $N}.\n", layer.field(), layer.out(),
                layer.field(), layer.out(), PARAMS)
            .build(),
        FieldSpec.builder(TypeName.INT, Naming.statisticsOffset(n), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$L", stats)
            .addJavadoc("$L.running_mean, $L, then $L.running_var, $L, in {@code $N}.\n", layer.field(), layer.out(),
                layer.field(), layer.out(), RUNNING)
            .build());
  }

  /** What the training driver and inference read: the parameter blocks' names and offsets, the layout, the chunk. */
  private List<FieldSpec> trainingConstants() {
    Layout layout = model.layout();
    CodeBlock names = layout.slots().stream()
        .map(slot -> CodeBlock.of("$S", slot.layer().field() + "." + slot.tensor().name()))
        .collect(CodeBlock.joining(", ", "{", "}"));
    CodeBlock offsets = layout.slots().stream()
        .map(slot -> CodeBlock.of("$L", slot.offset()))
        .collect(CodeBlock.joining(", ", "{", "}"));
    Map<Members.Field, FieldSpec> constants = Map.of(
        PARAMETER_NAMES, Poet.field(PARAMETER_NAMES, net)
            .addJavadoc("Each parameter block's name, in PyTorch's order: what an error names.\n")
            .initializer("$L", names)
            .build(),
        PARAMETER_OFFSETS, Poet.field(PARAMETER_OFFSETS, net)
            .addJavadoc("Where each block of {@link #$N} starts in {@code $N}.\n", PARAMETER_NAMES, PARAMS)
            .initializer("$L", offsets)
            .build(),
        LAYOUT, Poet.field(LAYOUT, net)
            .addJavadoc("This network's constants, as the training driver and inference read them.\n")
            .initializer("new $T($N, $N, $N, $T.$L, $N, $N)", chainrule.internal.Layout.class, ARCHITECTURE, INPUTS,
                OUTPUTS, chainrule.internal.Layout.Targets.class, fit.targets(), PARAMETER_NAMES, PARAMETER_OFFSETS)
            .build(),
        INFERENCE_ROWS, Poet.field(INFERENCE_ROWS, net)
            .addJavadoc("Rows of one inference pass: up to 1024, fewer if the input row and the forward buffers,\n")
            .addJavadoc("$L floats a row, would take more than 16 MiB.\n", inference.floatsPerRow())
            .initializer("$L", inference.inferenceRows())
            .build());
    return Members.TRAINING_CONSTANTS.stream().map(constants::get).toList();
  }

  private List<FieldSpec> state() {
    Map<Members.Field, FieldSpec> state = Map.of(
        PARAMS, Poet.field(PARAMS, net)
            .addJavadoc("All parameters, at the offsets above; layers are views into it.\n")
            .initializer("new float[$N]", PARAMETER_COUNT)
            .build(),
        GRADS, Poet.field(GRADS, net)
            .addJavadoc("Gradients of the last backward pass, laid out like {@code $N}.\n", PARAMS)
            .initializer("new float[$N]", PARAMETER_COUNT)
            .build(),
        RUNNING, Poet.field(RUNNING, net)
            .addJavadoc("Running statistics of the batch norms, at the offsets above: what evaluation normalises with.\n")
            .addJavadoc("Saved and loaded with the parameters; no optimizer touches them.\n")
            .initializer("new float[$L]", model.running().total())
            .build(),
        GENERATOR, Poet.field(GENERATOR, net)
            .addJavadoc("The generator that initialised the parameters; training draws its shuffles from it, as PyTorch\n")
            .addJavadoc("draws from its global generator after initialisation.\n")
            .build(),
        WORKERS, Poet.field(WORKERS, net)
            .addJavadoc("Threads the matrix products of a step run on; see {@link #$N(int)}.\n", Members.THREADS)
            .initializer("$T.of(1)", Workers.class)
            .build(),
        FORWARD_CAPACITY, Poet.field(FORWARD_CAPACITY, net)
            .addJavadoc("Rows the forward buffers below hold; they grow only when a larger batch arrives.\n")
            .build(),
        BACKWARD_CAPACITY, Poet.field(BACKWARD_CAPACITY, net)
            .addJavadoc("Rows the gradient buffers below hold: 0 until the network trains.\n")
            .build());
    return Members.state(model.hasRunningStatistics()).stream().map(state::get).toList();
  }

  private List<FieldSpec> buffers() {
    return passes.buffers().stream()
        .map(buffer -> FieldSpec.builder(FLOATS, buffer.name(), Modifier.PRIVATE)
            .addJavadoc("rows × $L: $L\n", buffer.width(), buffer.meaning())
            .build())
        .toList();
  }

  /** Each batch norm's batch mean and {@code 1/√(σ² + ε)}: written by the training pass, read by backward. */
  private List<FieldSpec> batchStatistics() {
    return Chain.nodes(model).stream()
        .filter(Chain.Node::isBatchNorm)
        .flatMap(node -> Stream.of(
            FieldSpec.builder(FLOATS, Naming.batchMean(node.output()), Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("$L: $L's batch mean μ, kept by the training pass for backward.\n", node.layer().out(),
                    node.layer().field())
                .initializer("new float[$L]", node.layer().out())
                .build(),
            FieldSpec.builder(FLOATS, Naming.batchInvStd(node.output()), Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("$L: $L's 1/√(σ² + ε) of the batch, kept by the training pass for backward.\n",
                    node.layer().out(), node.layer().field())
                .initializer("new float[$L]", node.layer().out())
                .build()))
        .toList();
  }

  /** Keeps the generator and fills every layer field: a view of its parameters, or its runtime class. */
  private MethodSpec constructor() {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Members.CONSTRUCTOR_MODIFIERS);
    for (Members.Parameter parameter : Members.CONSTRUCTOR_PARAMETERS) {
      constructor.addParameter(Poet.type(parameter.type(), net), parameter.name());
    }
    constructor.addStatement("this.$N = $N", GENERATOR, GENERATOR_PARAMETER);
    for (Chain.Node node : Chain.nodes(model)) {
      LayerModel layer = node.layer();
      if (node.isLinear()) {
        constructor.addStatement("$N = new $T($N, $N, $N, $L, $L)", layer.field(), LinearView.class, PARAMS, GRADS,
            Naming.weightOffset(node.k()), layer.in(), layer.out());
      } else if (node.isBatchNorm()) {
        constructor.addStatement("$N = new $T($N, $N, $N, $N, $N, $L)", layer.field(), BatchNormView.class, PARAMS,
            GRADS, RUNNING, Naming.gammaOffset(node.output()), Naming.statisticsOffset(node.output()), layer.out());
      } else {
        constructor.addStatement("$N = new $T($L)", layer.field(), ClassName.get("chainrule", layer.type().simpleName),
            layer.arguments().stream().map(String::valueOf).collect(Collectors.joining(", ")));
      }
    }
    return constructor.build();
  }
}
