package chainrule.processor;

import static chainrule.processor.Members.ARCHITECTURE;
import static chainrule.processor.Members.CREATE;
import static chainrule.processor.Members.BACKPROP;
import static chainrule.processor.Members.ENSURE_BACKWARD_CAPACITY;
import static chainrule.processor.Members.ENSURE_FORWARD_CAPACITY;
import static chainrule.processor.Members.EVALUATE;
import static chainrule.processor.Members.FIT;
import static chainrule.processor.Members.INPUT;
import static chainrule.processor.Members.NETWORK;
import static chainrule.processor.Members.PREDICT;
import static chainrule.processor.Members.RELEASE;
import static chainrule.processor.Members.TARGET;
import static chainrule.processor.Members.FILE;
import static chainrule.processor.Members.FORWARD;
import static chainrule.processor.Members.FORWARD_PASS;
import static chainrule.processor.Members.GRADS;
import static chainrule.processor.Members.INPUTS;
import static chainrule.processor.Members.LOAD;
import static chainrule.processor.Members.OPTIMIZER;
import static chainrule.processor.Members.OUTPUTS;
import static chainrule.processor.Members.PARAMETERS;
import static chainrule.processor.Members.PARAMETER_COUNT;
import static chainrule.processor.Members.PARAMETER_COUNT_METHOD;
import static chainrule.processor.Members.PARAMS;
import static chainrule.processor.Members.ROWS;
import static chainrule.processor.Members.RUNNING;
import static chainrule.processor.Members.SAVE;
import static chainrule.processor.Members.SEED;
import static chainrule.processor.Members.SET_PARAMETERS;
import static chainrule.processor.Members.THREADS;
import static chainrule.processor.Members.THREADS_COUNT;
import static chainrule.processor.Members.TO_STRING;
import static chainrule.processor.Members.TRAINING_FORWARD_PASS;
import static chainrule.processor.Members.VALUES;
import static chainrule.processor.Members.WORKERS;
import static chainrule.processor.Members.X;

import chainrule.TorchGenerator;
import chainrule.Init;
import chainrule.internal.Checkpoint;
import chainrule.internal.Checks;
import chainrule.internal.TorchInit;
import chainrule.internal.Updates;
import chainrule.internal.Workers;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes the body of each method in {@link Members#methods}, on the declaration {@link Poet} makes from its
 * entry. Every name a body uses is a member's, a parameter's, or {@link Naming}'s. The passes are
 * {@link PassWriter}'s, the buffers' growth {@link BufferWriter}'s, inference {@link InferenceWriter}'s and
 * the training loop {@link FitWriter}'s.
 */
final class MethodWriter {
  private final NetworkModel model;
  private final ClassName net;
  private final PassWriter passes;
  private final LossRule loss;
  private final Map<Members.Method, Supplier<MethodSpec>> bodies;

  MethodWriter(NetworkModel model, ClassName net, PassWriter passes) {
    this.model = model;
    this.net = net;
    this.passes = passes;
    this.loss = LossRule.of(model.loss());
    InferenceWriter inference = new InferenceWriter(model, net, passes);
    FitWriter fit = new FitWriter(model, net, passes);
    BufferWriter buffers = new BufferWriter(model, net, passes);
    this.bodies = Map.ofEntries(
        Map.entry(CREATE, this::create),
        Map.entry(THREADS, this::threads),
        Map.entry(FORWARD, inference::forward),
        Map.entry(PREDICT, inference::predict),
        Map.entry(EVALUATE, inference::evaluate),
        Map.entry(loss.lossAndGradients(), this::lossAndGradients),
        Map.entry(loss.trainStep(), this::trainStep),
        Map.entry(FIT, fit::fit),
        Map.entry(loss.backprop(), this::backprop),
        Map.entry(NETWORK, fit::network),
        Map.entry(FORWARD_PASS, passes::forwardPass),
        Map.entry(TRAINING_FORWARD_PASS, passes::trainingForwardPass),
        Map.entry(loss.backwardPass(), passes::backwardPass),
        Map.entry(ENSURE_FORWARD_CAPACITY, buffers::ensureForwardCapacity),
        Map.entry(ENSURE_BACKWARD_CAPACITY, buffers::ensureBackwardCapacity),
        Map.entry(RELEASE, buffers::release),
        Map.entry(PARAMETER_COUNT_METHOD, this::parameterCount),
        Map.entry(PARAMETERS, this::parameters),
        Map.entry(SET_PARAMETERS, this::setParameters),
        Map.entry(SAVE, this::save),
        Map.entry(LOAD, this::load),
        Map.entry(TO_STRING, this::toStringMethod));
  }

  /**
   * Whether this network declares {@code method}: every network declares every member but {@code predict},
   * which only a network that names classes has ({@link NetworkModel#predicts}).
   */
  boolean declares(Members.Method method) {
    return method != PREDICT || model.predicts();
  }

  /** The method declared by {@code method}, with its body. */
  MethodSpec write(Members.Method method) {
    Supplier<MethodSpec> body = bodies.get(method);
    if (body == null) {
      throw new IllegalStateException("no body for generated method " + method.name());
    }
    return body.get();
  }

  private MethodSpec.Builder declare(Members.Method method) {
    return Poet.method(method, net);
  }

  private MethodSpec create() {
    MethodSpec.Builder create = declare(CREATE)
        .addJavadoc("A new network initialised as {@code torch.manual_seed(seed)} followed by this network's\n")
        .addJavadoc("{@code nn.Linear} layers in field order would be, bit for bit.\n")
        .addStatement("$T $N = new $T($N)", TorchGenerator.class, Naming.GENERATOR, TorchGenerator.class, SEED)
        .addStatement("$T $N = new $T($N)", net, Naming.NET, net, Naming.GENERATOR);
    List<Chain.Node> linears = Chain.nodes(model).stream().filter(Chain.Node::isLinear).toList();
    for (Chain.Node node : Chain.nodes(model)) {
      if (node.isLinear()) {
        create.addStatement("$N.initLinear($N.$N, $N, $L, $L)", Naming.GENERATOR, Naming.NET, PARAMS,
            Naming.weightOffset(node.k()), node.layer().in(), node.layer().out());
      } else if (node.isBatchNorm()) {
        String n = node.output();
        int features = node.layer().out();
        create.addComment("$L = BatchNorm1d($L) draws nothing: γ = 1, β = 0, running mean 0, running variance 1",
                node.layer().field(), features)
            .addStatement("$T.fill($N.$N, $N, $N + $L, 1f)", Arrays.class, Naming.NET, PARAMS, Naming.gammaOffset(n),
                Naming.gammaOffset(n), features)
            .addStatement("$T.fill($N.$N, $N + $L, $N + $L, 1f)", Arrays.class, Naming.NET, RUNNING,
                Naming.statisticsOffset(n), features, Naming.statisticsOffset(n), 2 * features);
      }
    }
    List<Chain.Node> initialised = linears.stream().filter(n -> n.layer().init() != Init.DEFAULT).toList();
    if (!initialised.isEmpty()) {
      create.addComment("then, once every layer exists, the initialisers draw again from the same generator, in "
          + "field order, as the notebooks' torch.nn.init calls after the model's construction");
      create.addStatement("$T $N = new $T($N)", TorchInit.class, Naming.INIT, TorchInit.class, Naming.GENERATOR);
      for (Chain.Node node : initialised) {
        Initialiser.write(create, node.layer(), Naming.weightOffset(node.k()));
      }
    }
    return create.addStatement("return $N", Naming.NET).build();
  }

  private MethodSpec threads() {
    return declare(THREADS)
        .addJavadoc("Runs the large matrix products of each step on {@code threads} threads: this one and\n")
        .addJavadoc("{@code threads - 1} daemon threads shared by all networks. 1, the default, uses this thread\n")
        .addJavadoc("alone. Results are bit-identical whatever the count. Returns this network.\n")
        .addStatement("$N = $T.of($N)", WORKERS, Workers.class, THREADS_COUNT)
        .addStatement("return this")
        .build();
  }

  private MethodSpec lossAndGradients() {
    MethodSpec.Builder method = declare(loss.lossAndGradients());
    if (loss.takesLabels()) {
      method.addJavadoc("The $L loss of {@code x} against the class indices {@code labels} ({@code rows} of them, each\n",
              model.loss())
          .addJavadoc("in {@code [0, OUTPUTS)}), leaving its gradients in the layers. Parameters are not changed.\n");
    } else {
      method.addJavadoc("The $L loss of {@code x} against the targets {@code y} ({@code rows × OUTPUTS}), leaving\n",
              model.loss())
          .addJavadoc("its gradients in the layers. Parameters are not changed.\n");
    }
    method.addStatement("$T.batch($S, $N, $N, $N)", Checks.class, X.name(), X, ROWS, INPUTS)
        .addStatement(loss.checkTargets());
    return addBackprop(method, X, loss.targets()).build();
  }

  private MethodSpec backprop() {
    MethodSpec.Builder method = declare(loss.backprop())
        .addJavadoc("{@link #$N} without its checks: what {@link #$N} steps on, on batches the training\n",
            loss.lossAndGradients(), FIT)
        .addJavadoc("driver has checked once.\n");
    return addBackprop(method, INPUT, loss.passTargets()).build();
  }

  /**
   * Forward (in training mode), loss, backward and the loss returned: {@code lossAndGradients}' body after its
   * argument checks, and {@code backprop}'s whole body, so that the two train alike.
   */
  private MethodSpec.Builder addBackprop(MethodSpec.Builder method, CharSequence x, Members.Parameter targets) {
    method.addStatement("$N($N, $N)", passes.trainingPass(), x, ROWS);
    LossRule.Cost cost = loss.cost(passes.last().output(), targets);
    cost.comments().forEach(comment -> method.addComment("$L", comment));
    return method.addStatement("float $N = $L", Naming.COST, cost.value())
        .addStatement("$N($N, $N, $N)", loss.backwardPass(), x, targets, ROWS)
        .addStatement("return $N", Naming.COST);
  }

  private MethodSpec trainStep() {
    return declare(loss.trainStep())
        .addJavadoc("One training step: forward, loss, backward, and one update by {@code optimizer}.\n")
        .addJavadoc("Returns the loss before the update, like {@code cost.item()} in the lecture.\n")
        .addStatement("$T.notNull($S, $N)", Checks.class, OPTIMIZER.name(), OPTIMIZER)
        .addStatement("float $N = $N($N, $N, $N)", Naming.COST, loss.lossAndGradients(), X, loss.targets(), ROWS)
        .addComment("optimizer.step(), split between the network's threads if it has many parameters")
        .addStatement("$T.step($N, $N, $N, $N)", Updates.class, OPTIMIZER, PARAMS, GRADS, WORKERS)
        .addStatement("return $N", Naming.COST)
        .build();
  }

  private MethodSpec parameterCount() {
    return declare(PARAMETER_COUNT_METHOD)
        .addStatement("return $N", PARAMETER_COUNT)
        .build();
  }

  private MethodSpec parameters() {
    return declare(PARAMETERS)
        .addJavadoc("A copy of all {@link #$N} parameters, in PyTorch's order.\n", PARAMETER_COUNT)
        .addStatement("return $N.clone()", PARAMS)
        .build();
  }

  private MethodSpec setParameters() {
    return declare(SET_PARAMETERS)
        .addJavadoc("Replaces all parameters with a copy of {@code values} ({@link #$N} floats, in the\n",
            PARAMETER_COUNT)
        .addJavadoc("order of {@link #$N()}).\n", PARAMETERS)
        .addStatement("$T.length($S, $N, $N)", Checks.class, VALUES.name(), VALUES, PARAMETER_COUNT)
        .addStatement("$T.arraycopy($N, 0, $N, 0, $N)", System.class, VALUES, PARAMS, PARAMETER_COUNT)
        .build();
  }

  private MethodSpec save() {
    return declare(SAVE)
        .addJavadoc("Writes the parameters$L to {@code file}, replacing it atomically: if writing fails, the old\n",
            model.hasRunningStatistics() ? " and the running statistics" : "")
        .addJavadoc("file is left as it was.\n")
        .addStatement("$T.save($N, $N, $L)", Checkpoint.class, FILE, ARCHITECTURE, checkpointed())
        .build();
  }

  private MethodSpec load() {
    return declare(LOAD)
        .addJavadoc("Reads parameters$L saved by {@link #$N} from a network of the same {@link #$N}.\n",
            model.hasRunningStatistics() ? " and running statistics" : "", SAVE, ARCHITECTURE)
        .addJavadoc("The whole file is checked first: if it does not fit, nothing changes and an\n")
        .addJavadoc("{@link IllegalArgumentException} says why.\n")
        .addStatement("$T.load($N, $N, $L)", Checkpoint.class, FILE, ARCHITECTURE, checkpointed())
        .build();
  }

  /** {@code params}, and {@code running} after it for a network with batch norms: what a checkpoint holds. */
  private CodeBlock checkpointed() {
    return model.hasRunningStatistics() ? CodeBlock.of("$N, $N", PARAMS, RUNNING) : CodeBlock.of("$N", PARAMS);
  }

  private MethodSpec toStringMethod() {
    return declare(TO_STRING)
        .addStatement("return $S + $N + $S", model.netName() + "(", ARCHITECTURE, ")")
        .build();
  }
}
