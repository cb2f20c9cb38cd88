package chainrule.processor;

import static chainrule.processor.Members.BACKPROP;
import static chainrule.processor.Members.FIT;
import static chainrule.processor.Members.FIT_OPTIONS;
import static chainrule.processor.Members.FORWARD_PASS;
import static chainrule.processor.Members.GENERATOR;
import static chainrule.processor.Members.GRADS;
import static chainrule.processor.Members.LAYOUT;
import static chainrule.processor.Members.NETWORK;
import static chainrule.processor.Members.PARAMS;
import static chainrule.processor.Members.ROWS;
import static chainrule.processor.Members.RUNNING;
import static chainrule.processor.Members.TRAIN;
import static chainrule.processor.Members.WORKERS;

import chainrule.internal.Trainee;
import chainrule.internal.Training;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;

/**
 * Writes the training loop: {@code fit}, the lecture's {@code for epoch ...: for X, Y in data_loader:} with
 * this network's passes, around the runtime's {@link Training} driver, which holds the policy (order,
 * batches, validation, history, schedules, early stopping, backups); and {@code network()}, the network as
 * the driver and inference see it.
 *
 * <p>A network trains on float targets (BCE, MSE) or on class labels (cross-entropy): {@link #labels()} is
 * the one switch between the two shapes of the loop.
 */
final class FitWriter {
  private final NetworkModel model;
  private final ClassName net;
  private final PassWriter passes;

  FitWriter(NetworkModel model, ClassName net, PassWriter passes) {
    this.model = model;
    this.net = net;
    this.passes = passes;
  }

  /** Whether the network trains on class labels ({@code int[]}) rather than float targets. */
  boolean labels() {
    return LossRule.of(model.loss()).takesLabels();
  }

  /** What the network's targets are, for its {@code LAYOUT}. */
  chainrule.internal.Layout.Targets targets() {
    return LossRule.of(model.loss()).layoutTargets;
  }

  MethodSpec fit() {
    String targets = labels() ? Naming.BATCH_LABELS : Naming.TARGET;
    String type = labels() ? "int[]" : "float[]";
    return Poet.method(FIT, net)
        .addJavadoc("Trains on {@code train} as {@code fit} says, like the lecture's loop: for each epoch, for each\n")
        .addJavadoc("batch (in PyTorch's {@code DataLoader} order when shuffled), forward, loss, backward and one\n")
        .addJavadoc("update. Returns the history; what is policy lives in {@link $T}.\n", Training.class)
        .addStatement("$T $N = $T.begin($N, $N, $N())", Training.class, Naming.RUN, Training.class, TRAIN,
            FIT_OPTIONS, NETWORK)
        .addStatement("float[] $N = $N.batchFeatures()", Naming.INPUT, Naming.RUN)
        .addStatement("$L $N = $N.$L()", type, targets, Naming.RUN, labels() ? "batchLabels" : "batchTargets")
        .beginControlFlow("while ($N.nextEpoch())", Naming.RUN)
        .addComment("for epoch in range(epochs): the loader draws its seeds here")
        .beginControlFlow("while ($N.nextBatch())", Naming.RUN)
        .addComment("for $N, $N in data_loader: this batch's rows, in the epoch's order", Naming.INPUT, targets)
        .addStatement("int $N = $N.gather($N, $N)", ROWS, Naming.RUN, Naming.INPUT, targets)
        .addComment("cost = criterion(model($N), $N); cost.backward()", Naming.INPUT, targets)
        .addStatement("float $N = $N($N, $N, $N)", Naming.COST, BACKPROP, Naming.INPUT, targets, ROWS)
        .addComment("optimizer.step(), once the loss and the gradients are known to be finite")
        .addStatement("$N.step($N, $N)", Naming.RUN, Naming.COST, ROWS)
        .endControlFlow()
        .addComment("validation, metrics, schedule, early stopping, backup")
        .addStatement("$N.epochEnd()", Naming.RUN)
        .endControlFlow()
        .addStatement("return $N.end()", Naming.RUN)
        .build();
  }

  MethodSpec network() {
    String factory = labels() ? "ofLabels" : "ofTargets";
    String targets = labels() ? Naming.LABELS : Naming.TARGETS;
    CodeBlock loss = CodeBlock.of("($N, $N, $N) -> $L", Naming.PREDICTIONS, targets, ROWS,
        passes.loss(Naming.PREDICTIONS, targets));
    CodeBlock running = model.hasRunningStatistics()
        ? CodeBlock.of("\n.withRunningStatistics($N)", RUNNING) : CodeBlock.of("");
    return Poet.method(NETWORK, net)
        .addJavadoc("This network as the training driver and inference see it: its layout, its live parameters\n")
        .addJavadoc("and gradients, its generator, its forward pass in evaluation mode, its output and its loss$L,\n",
            model.hasRunningStatistics() ? ", its\nrunning statistics" : "")
        .addJavadoc("and the threads its optimizer's update may use.\n")
        .addStatement("return $T.$N($N, $N, $N, $N, this::$N, () -> $N,\n$L)$L\n.withWorkers($N)", Trainee.class,
            factory, LAYOUT, PARAMS, GRADS, GENERATOR, FORWARD_PASS, passes.prediction(), loss, running, WORKERS)
        .build();
  }
}
