package chainrule.processor;

import chainrule.Loss;
import chainrule.Optimizer;
import chainrule.TorchGenerator;
import chainrule.Trainable;
import chainrule.internal.Checkpoint;
import chainrule.internal.Checks;
import chainrule.internal.Kernels;
import chainrule.internal.LinearView;
import chainrule.internal.Workers;
import chainrule.processor.Chain.Step;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Modifier;

/**
 * Last stage: writes {@code <Model>Net} for a valid {@link NetworkModel}. The class's shape (constants,
 * buffers, public methods) is written here; the bodies of the forward and backward passes come from
 * {@link PassWriter}.
 */
final class NetWriter {
  static final String PROCESSOR = "chainrule.processor.NetworkProcessor";
  private static final TypeName FLOATS = ArrayTypeName.of(TypeName.FLOAT);
  private static final Modifier[] CONSTANT = {Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL};

  private final NetworkModel model;
  private final List<Step> steps;
  private final ClassName net;
  private final PassWriter passes;

  NetWriter(NetworkModel model) {
    this.model = model;
    this.steps = Chain.steps(model);
    this.net = ClassName.get(model.packageName(), model.netName());
    this.passes = new PassWriter(model, steps);
  }

  JavaFile write() {
    TypeSpec.Builder type = TypeSpec.classBuilder(net)
        .addOriginatingElement(model.origin())
        .addAnnotation(AnnotationSpec.builder(Generated.class).addMember("value", "$S", PROCESSOR).build())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(modelType())
        .addSuperinterface(Trainable.class)
        // A field or member type of the model hides a type of the same name in the subclass's body.
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
    addConstants(type);
    addState(type);
    type.addMethod(constructor())
        .addMethod(create())
        .addMethod(threads())
        .addMethod(forward())
        .addMethod(lossAndGradients())
        .addMethod(trainStep())
        .addMethod(passes.forwardPass())
        .addMethod(passes.backwardPass())
        .addMethod(ensureCapacity())
        .addMethod(parameterCount())
        .addMethod(parameters())
        .addMethod(setParameters())
        .addMethod(save())
        .addMethod(load())
        .addMethod(toStringMethod());
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
    return CodeBlock.builder()
        .add("The network declared by {@link $T}, written by chainrule at compile time.\n", modelType())
        .add("\n<pre>\n$L</pre>\n", architecture())
        .add("\n<p>Not thread-safe: a network owns its buffers. A training step allocates nothing once the\n")
        .add("buffers have grown to the largest batch seen.\n")
        .build();
  }

  /** One line a layer: {@code linear1  Linear(2 -> 2)}. */
  private String architecture() {
    StringBuilder text = new StringBuilder();
    text.append("input ").append(model.inputs()).append('\n');
    for (LayerModel layer : model.layers()) {
      text.append(layer.field()).append(": ").append(layer.kind().simpleName);
      if (layer.isLinear()) {
        text.append('(').append(layer.in()).append(" -> ").append(layer.out()).append(')');
      }
      text.append('\n');
    }
    text.append("loss ").append(model.loss()).append('\n');
    return text.toString();
  }

  private void addConstants(TypeSpec.Builder type) {
    type.addField(FieldSpec.builder(TypeName.INT, "INPUTS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Features per input row.\n")
        .initializer("$L", model.inputs())
        .build());
    type.addField(FieldSpec.builder(TypeName.INT, "OUTPUTS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Features per output row.\n")
        .initializer("$L", model.outputs())
        .build());
    List<String> order = new ArrayList<>();
    int offset = 0;
    List<FieldSpec> offsets = new ArrayList<>();
    for (Step step : steps) {
      LayerModel linear = step.linear();
      if (linear == null) {
        continue;
      }
      offsets.add(FieldSpec.builder(TypeName.INT, Naming.weightOffset(step.k()), CONSTANT)
          .initializer("$L", offset)
          .addJavadoc("$L.weight, $L × $L.\n", linear.field(), linear.out(), linear.in())
          .build());
      offset += linear.out() * linear.in();
      offsets.add(FieldSpec.builder(TypeName.INT, Naming.biasOffset(step.k()), CONSTANT)
          .initializer("$L", offset)
          .addJavadoc("$L.bias, $L.\n", linear.field(), linear.out())
          .build());
      offset += linear.out();
      order.add(linear.field() + ".weight, " + linear.field() + ".bias");
    }
    type.addField(FieldSpec.builder(TypeName.INT, "PARAMETER_COUNT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Parameters in PyTorch's order: $L.\n", String.join(", ", order))
        .initializer("$L", offset)
        .build());
    type.addField(FieldSpec.builder(String.class, "ARCHITECTURE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The layers and the loss; {@link #load} accepts only checkpoints of this architecture.\n")
        .initializer("$S", architectureText())
        .build());
    offsets.forEach(type::addField);
  }

  private void addState(TypeSpec.Builder type) {
    type.addField(FieldSpec.builder(FLOATS, "params", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("All parameters, at the offsets above; layers are views into it.\n")
        .initializer("new float[PARAMETER_COUNT]")
        .build());
    type.addField(FieldSpec.builder(FLOATS, "grads", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("Gradients of the last backward pass, laid out like {@code params}.\n")
        .initializer("new float[PARAMETER_COUNT]")
        .build());
    type.addField(FieldSpec.builder(TorchGenerator.class, "generator", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("The generator that initialised the parameters; training draws its shuffles from it, as PyTorch\n")
        .addJavadoc("draws from its global generator after initialisation.\n")
        .build());
    type.addField(FieldSpec.builder(Workers.class, "workers", Modifier.PRIVATE)
        .addJavadoc("Threads the matrix products of a step run on; see {@link #threads(int)}.\n")
        .initializer("$T.of(1)", Workers.class)
        .build());
    type.addField(FieldSpec.builder(TypeName.INT, "capacity", Modifier.PRIVATE)
        .addJavadoc("Rows the buffers below hold; they grow only when a larger batch arrives.\n")
        .build());
    for (PassWriter.Buffer buffer : passes.buffers()) {
      type.addField(FieldSpec.builder(FLOATS, buffer.name(), Modifier.PRIVATE)
          .addJavadoc("rows × $L: $L\n", buffer.width(), buffer.meaning())
          .build());
    }
  }

  private MethodSpec constructor() {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(TorchGenerator.class, "generator")
        .addStatement("this.generator = generator");
    for (Step step : steps) {
      if (step.linear() != null) {
        constructor.addStatement("$N = new $T(params, grads, $N, $L, $L)", step.linear().field(), LinearView.class,
            Naming.weightOffset(step.k()), step.linear().in(), step.linear().out());
      }
      if (step.activation() != null) {
        constructor.addStatement("$N = new $T()", step.activation().field(),
            ClassName.get("chainrule", step.activation().kind().simpleName));
      }
    }
    return constructor.build();
  }

  private MethodSpec create() {
    MethodSpec.Builder create = MethodSpec.methodBuilder("create")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(net)
        .addParameter(TypeName.LONG, "seed")
        .addJavadoc("A new network initialised as {@code torch.manual_seed(seed)} followed by this network's\n")
        .addJavadoc("{@code nn.Linear} layers in field order would be, bit for bit.\n")
        .addStatement("$T generator = new $T(seed)", TorchGenerator.class, TorchGenerator.class)
        .addStatement("$T net = new $T(generator)", net, net);
    for (Step step : steps) {
      if (step.linear() != null) {
        create.addStatement("generator.initLinear(net.params, $N, $L, $L)",
            Naming.weightOffset(step.k()), step.linear().in(), step.linear().out());
      }
    }
    return create.addStatement("return net").build();
  }

  private MethodSpec threads() {
    return MethodSpec.methodBuilder("threads")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(net)
        .addParameter(TypeName.INT, "threads")
        .addJavadoc("Runs the large matrix products of each step on {@code threads} threads: this one and\n")
        .addJavadoc("{@code threads - 1} daemon threads shared by all networks. 1, the default, uses this thread\n")
        .addJavadoc("alone. Results are bit-identical whatever the count. Returns this network.\n")
        .addStatement("workers = $T.of(threads)", Workers.class)
        .addStatement("return this")
        .build();
  }

  private MethodSpec forward() {
    return MethodSpec.methodBuilder("forward")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(FLOATS)
        .addParameter(FLOATS, "x")
        .addParameter(TypeName.INT, "rows")
        .addJavadoc("Predictions for {@code x} ({@code rows × INPUTS}, row-major): a new array, {@code rows × OUTPUTS}.\n")
        .addStatement("$T.batch($S, x, rows, INPUTS)", Checks.class, "x")
        .addStatement("forwardPass(x, rows)")
        .addStatement("return $T.copyOf($N, rows * OUTPUTS)", Arrays.class, passes.prediction())
        .build();
  }

  private MethodSpec lossAndGradients() {
    boolean bce = model.loss() == Loss.BCE;
    return MethodSpec.methodBuilder("lossAndGradients")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.FLOAT)
        .addParameter(FLOATS, "x")
        .addParameter(FLOATS, "y")
        .addParameter(TypeName.INT, "rows")
        .addJavadoc("The $L loss of {@code x} against the targets {@code y} ({@code rows × OUTPUTS}), leaving\n",
            model.loss())
        .addJavadoc("its gradients in the layers. Parameters are not changed.\n")
        .addStatement("$T.batch($S, x, rows, INPUTS)", Checks.class, "x")
        .addStatement("$T.$L($S, y, rows, OUTPUTS)", Checks.class, bce ? "probabilities" : "batch", "y")
        .addStatement("forwardPass(x, rows)")
        .addStatement("float cost = $T.$L($N, y, rows * OUTPUTS)", Kernels.class,
            bce ? "bceForward" : "mseForward", passes.prediction())
        .addStatement("backwardPass(x, y, rows)")
        .addStatement("return cost")
        .build();
  }

  private MethodSpec trainStep() {
    return MethodSpec.methodBuilder("trainStep")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.FLOAT)
        .addParameter(FLOATS, "x")
        .addParameter(FLOATS, "y")
        .addParameter(TypeName.INT, "rows")
        .addParameter(Optimizer.class, "optimizer")
        .addJavadoc("One training step: forward, loss, backward, and one update by {@code optimizer}.\n")
        .addJavadoc("Returns the loss before the update, like {@code cost.item()} in the lecture.\n")
        .addStatement("$T.notNull($S, optimizer)", Checks.class, "optimizer")
        .addStatement("float cost = lossAndGradients(x, y, rows)")
        .addStatement("optimizer.step(params, grads)")
        .addStatement("return cost")
        .build();
  }

  private MethodSpec ensureCapacity() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("ensureCapacity")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(TypeName.INT, "rows")
        .beginControlFlow("if (rows <= capacity)")
        .addStatement("return")
        .endControlFlow();
    for (PassWriter.Buffer buffer : passes.buffers()) {
      method.addStatement("$N = new float[rows * $L]", buffer.name(), buffer.width());
    }
    return method.addStatement("capacity = rows").build();
  }

  private MethodSpec parameterCount() {
    return MethodSpec.methodBuilder("parameterCount")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.INT)
        .addStatement("return PARAMETER_COUNT")
        .build();
  }

  private MethodSpec parameters() {
    return MethodSpec.methodBuilder("parameters")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(FLOATS)
        .addJavadoc("A copy of all {@link #PARAMETER_COUNT} parameters, in PyTorch's order.\n")
        .addStatement("return params.clone()")
        .build();
  }

  private MethodSpec setParameters() {
    return MethodSpec.methodBuilder("setParameters")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(FLOATS, "values")
        .addJavadoc("Replaces all parameters with a copy of {@code values} ({@link #PARAMETER_COUNT} floats, in the\n")
        .addJavadoc("order of {@link #parameters()}).\n")
        .addStatement("$T.length($S, values, PARAMETER_COUNT)", Checks.class, "values")
        .addStatement("$T.arraycopy(values, 0, params, 0, PARAMETER_COUNT)", System.class)
        .build();
  }

  private MethodSpec save() {
    return MethodSpec.methodBuilder("save")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(Path.class, "file")
        .addException(IOException.class)
        .addJavadoc("Writes the parameters to {@code file}, replacing it atomically: if writing fails, the old\n")
        .addJavadoc("file is left as it was.\n")
        .addStatement("$T.save(file, ARCHITECTURE, params)", Checkpoint.class)
        .build();
  }

  private MethodSpec load() {
    return MethodSpec.methodBuilder("load")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(Path.class, "file")
        .addException(IOException.class)
        .addJavadoc("Reads parameters saved by {@link #save} from a network of the same {@link #ARCHITECTURE}.\n")
        .addJavadoc("The whole file is checked first: if it does not fit, nothing changes and an\n")
        .addJavadoc("{@link IllegalArgumentException} says why.\n")
        .addStatement("$T.load(file, ARCHITECTURE, params)", Checkpoint.class)
        .build();
  }

  private MethodSpec toStringMethod() {
    return MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S + ARCHITECTURE + $S", model.netName() + "(", ")")
        .build();
  }

  /** {@code linear1 Linear(2 -> 2), sigmoid1 Sigmoid; loss BCE}: what a checkpoint must match. */
  private String architectureText() {
    List<String> layers = new ArrayList<>();
    for (LayerModel layer : model.layers()) {
      layers.add(layer.field() + " " + layer.kind().simpleName
          + (layer.isLinear() ? "(" + layer.in() + " -> " + layer.out() + ")" : ""));
    }
    return String.join(", ", layers) + "; loss " + model.loss();
  }

}
