package chainrule.processor;

import chainrule.Classifier;
import chainrule.Data;
import chainrule.Evaluation;
import chainrule.Fit;
import chainrule.History;
import chainrule.Loss;
import chainrule.Net;
import chainrule.Optimizer;
import chainrule.TorchGenerator;
import chainrule.Trainable;
import chainrule.internal.Trainee;
import chainrule.internal.Workers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * The members every generated {@code <Model>Net} declares, described once: {@link NetWriter} declares each
 * from its entry here (name, modifiers, types, parameters, thrown exceptions), and the validators check the
 * model against the same entries, so a model that would clash with one is a tagged error and never javac's
 * error in generated code. Names that depend on the network (buffers, offsets) are {@link Naming}'s.
 *
 * <p>Every entry is a {@link CharSequence} of its name, so JavaPoet's {@code $N} takes it as it is.
 */
final class Members {
  private Members() {}

  /** A type in a member's signature: a class, or (for {@link #NET}) the generated class itself. */
  record Type(Class<?> type) {
    /** The generated class; it extends the model and implements {@link Trainable} or {@link Classifier}. */
    static final Type NET = new Type(null);

    /** {@code float[]}, {@code java.nio.file.Path}: the erased name the reader reports for a model's method. */
    String name() {
      return type == null ? "<net>" : type.getCanonicalName();
    }

    /** {@code float[]}, {@code Path}, or the generated class's name, for messages. */
    String simpleName(String netName) {
      return type == null ? netName : type.getSimpleName();
    }
  }

  /** A name JavaPoet's {@code $N} takes as it is. */
  interface Named extends CharSequence {
    String name();

    @Override
    default int length() {
      return name().length();
    }

    @Override
    default char charAt(int index) {
      return name().charAt(index);
    }

    @Override
    default CharSequence subSequence(int start, int end) {
      return name().subSequence(start, end);
    }
  }

  /** A parameter of a generated method or constructor. */
  record Parameter(String name, Type type) implements Named {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A field of the generated class.
   *
   * @param meaning what it is, for the message when a {@code @Layer} field has its name
   */
  record Field(String name, Set<Modifier> modifiers, Type type, String meaning) implements Named {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A method of the generated class.
   *
   * @param returns the return type, {@code void.class} for none
   * @param exceptions the checked exceptions it declares
   * @param overrides whether it implements the generated class's interface ({@link Net} and its loss's) or
   *     overrides {@link Object} (and is annotated so)
   */
  record Method(String name, Set<Modifier> modifiers, Type returns, List<Parameter> parameters,
      List<Class<? extends Exception>> exceptions, boolean overrides) implements Named {
    Method {
      modifiers = Set.copyOf(modifiers);
      parameters = List.copyOf(parameters);
      exceptions = List.copyOf(exceptions);
    }

    boolean isPrivate() {
      return modifiers.contains(Modifier.PRIVATE);
    }

    boolean isStatic() {
      return modifiers.contains(Modifier.STATIC);
    }

    /** The erased parameter types, as the reader reports a model method's: {@code [float[], int]}. */
    List<String> parameterTypes() {
      return parameters.stream().map(p -> p.type().name()).toList();
    }

    /** {@code public float[] forward(float[] x, int rows)}, as written in the generated class. */
    String declaration(String netName) {
      String modifiers = ordered(this.modifiers);
      String parameters = this.parameters.stream()
          .map(p -> p.type().simpleName(netName) + " " + p.name())
          .collect(Collectors.joining(", "));
      String exceptions = this.exceptions.isEmpty() ? "" : " throws " + this.exceptions.stream()
          .map(Class::getSimpleName)
          .collect(Collectors.joining(", "));
      return modifiers + " " + returns.simpleName(netName) + " " + name + "(" + parameters + ")" + exceptions;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code public static}: modifiers in the order the Java Language Specification recommends. */
  private static String ordered(Set<Modifier> modifiers) {
    return Stream.of(Modifier.PUBLIC, Modifier.PROTECTED, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .filter(modifiers::contains)
        .map(Modifier::toString)
        .collect(Collectors.joining(" "));
  }

  private static final Set<Modifier> PUBLIC = Set.of(Modifier.PUBLIC);
  private static final Set<Modifier> PUBLIC_STATIC = Set.of(Modifier.PUBLIC, Modifier.STATIC);
  private static final Set<Modifier> PRIVATE = Set.of(Modifier.PRIVATE);
  private static final Set<Modifier> CONSTANT = Set.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL);
  private static final Set<Modifier> PRIVATE_FINAL = Set.of(Modifier.PRIVATE, Modifier.FINAL);
  private static final Set<Modifier> PRIVATE_CONSTANT = Set.of(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);

  private static final Type FLOATS = new Type(float[].class);
  private static final Type INTS = new Type(int[].class);
  private static final Type INT = new Type(int.class);
  private static final Type FLOAT = new Type(float.class);
  private static final Type VOID = new Type(void.class);

  // --- parameters ----------------------------------------------------------------------------------
  static final Parameter SEED = new Parameter("seed", new Type(long.class));
  static final Parameter THREADS_COUNT = new Parameter("threads", INT);
  /** The batch as a user passes it to the public methods. */
  static final Parameter X = new Parameter("x", FLOATS);
  static final Parameter Y = new Parameter("y", FLOATS);
  /** A cross-entropy network's targets: one class index per row, the same name in the passes. */
  static final Parameter LABELS = new Parameter(Naming.LABELS, INTS);
  static final Parameter ROWS = new Parameter("rows", INT);
  static final Parameter OPTIMIZER = new Parameter("optimizer", new Type(Optimizer.class));
  static final Parameter FILE = new Parameter("file", new Type(Path.class));
  static final Parameter VALUES = new Parameter("values", FLOATS);
  static final Parameter TRAIN = new Parameter("train", new Type(Data.class));
  static final Parameter FIT_OPTIONS = new Parameter("fit", new Type(Fit.class));
  static final Parameter DATA = new Parameter("data", new Type(Data.class));
  /** The batch inside the passes, named as on the slide. */
  static final Parameter INPUT = new Parameter(Naming.INPUT, FLOATS);
  static final Parameter TARGET = new Parameter(Naming.TARGET, FLOATS);
  /** The constructor's: the generator {@code create} initialised the parameters from. */
  static final Parameter GENERATOR_PARAMETER = new Parameter("generator", new Type(TorchGenerator.class));

  // --- fields --------------------------------------------------------------------------------------
  static final Field INPUTS = new Field("INPUTS", CONSTANT, INT, "a constant");
  static final Field OUTPUTS = new Field("OUTPUTS", CONSTANT, INT, "a constant");
  static final Field PARAMETER_COUNT = new Field("PARAMETER_COUNT", CONSTANT, INT, "a constant");
  static final Field ARCHITECTURE = new Field("ARCHITECTURE", CONSTANT, new Type(String.class), "a constant");
  static final Field PARAMS = new Field("params", PRIVATE_FINAL, FLOATS, "the parameter array");
  static final Field GRADS = new Field("grads", PRIVATE_FINAL, FLOATS, "the gradient array");
  /** Declared only by networks with a batch norm: its running mean and variance, saved, never optimised. */
  static final Field RUNNING = new Field("running", PRIVATE_FINAL, FLOATS, "the running statistics");
  static final Field GENERATOR = new Field("generator", PRIVATE_FINAL, new Type(TorchGenerator.class),
      "the random generator");
  static final Field WORKERS = new Field("workers", PRIVATE, new Type(Workers.class),
      "the threads of the matrix products");
  static final Field FORWARD_CAPACITY =
      new Field("forwardCapacity", PRIVATE, INT, "the rows the forward buffers hold");
  static final Field BACKWARD_CAPACITY =
      new Field("backwardCapacity", PRIVATE, INT, "the rows the gradient buffers hold");
  static final Field PARAMETER_NAMES =
      new Field("PARAMETER_NAMES", PRIVATE_CONSTANT, new Type(String[].class), "a constant");
  static final Field PARAMETER_OFFSETS =
      new Field("PARAMETER_OFFSETS", PRIVATE_CONSTANT, new Type(int[].class), "a constant");
  static final Field LAYOUT = new Field("LAYOUT", PRIVATE_CONSTANT, new Type(chainrule.internal.Layout.class), "a constant");
  static final Field INFERENCE_ROWS = new Field("INFERENCE_ROWS", PRIVATE_CONSTANT, INT, "a constant");

  /** The public constants every generated class declares, in order; the offsets' constants follow them. */
  static final List<Field> CONSTANTS = List.of(INPUTS, OUTPUTS, PARAMETER_COUNT, ARCHITECTURE);
  /** The private constants the training loop and inference read, in order, after the offsets' constants. */
  static final List<Field> TRAINING_CONSTANTS = List.of(PARAMETER_NAMES, PARAMETER_OFFSETS, LAYOUT, INFERENCE_ROWS);
  /** The fields of a network's state, in order; its buffers follow them. {@link #RUNNING} only with a batch norm. */
  static final List<Field> STATE =
      List.of(PARAMS, GRADS, RUNNING, GENERATOR, WORKERS, FORWARD_CAPACITY, BACKWARD_CAPACITY);

  /** The state a network declares: {@link #STATE}, without {@link #RUNNING} unless it has running statistics. */
  static List<Field> state(boolean running) {
    return STATE.stream().filter(f -> running || f != RUNNING).toList();
  }
  /** Every fixed field, in the order the generated class declares them. */
  static final List<Field> FIELDS = Stream.of(CONSTANTS, TRAINING_CONSTANTS, STATE).flatMap(List::stream).toList();

  // --- the constructor ----------------------------------------------------------------------------
  static final Set<Modifier> CONSTRUCTOR_MODIFIERS = PRIVATE;
  static final List<Parameter> CONSTRUCTOR_PARAMETERS = List.of(GENERATOR_PARAMETER);

  // --- methods -------------------------------------------------------------------------------------
  static final Method CREATE = new Method("create", PUBLIC_STATIC, Type.NET, List.of(SEED), List.of(), false);
  static final Method THREADS = new Method("threads", PUBLIC, Type.NET, List.of(THREADS_COUNT), List.of(), true);
  static final Method FORWARD = new Method("forward", PUBLIC, FLOATS, List.of(X, ROWS), List.of(), true);
  /** Only on a network that can name classes: one Sigmoid output, or cross-entropy (see {@link MethodWriter#declares}). */
  static final Method PREDICT = new Method("predict", PUBLIC, new Type(int[].class), List.of(X, ROWS), List.of(), false);
  static final Method EVALUATE =
      new Method("evaluate", PUBLIC, new Type(Evaluation.class), List.of(DATA), List.of(), true);
  static final Method FIT = new Method("fit", PUBLIC, new Type(History.class), List.of(TRAIN, FIT_OPTIONS), List.of(), true);
  /** The training methods of a network with float targets (BCE, MSE): {@link Trainable}'s. */
  static final Method LOSS_AND_GRADIENTS =
      new Method("lossAndGradients", PUBLIC, FLOAT, List.of(X, Y, ROWS), List.of(), true);
  static final Method TRAIN_STEP =
      new Method("trainStep", PUBLIC, FLOAT, List.of(X, Y, ROWS, OPTIMIZER), List.of(), true);
  /** The training methods of a network with class labels (cross-entropy): {@link Classifier}'s. */
  static final Method LOSS_AND_GRADIENTS_LABELS =
      new Method("lossAndGradients", PUBLIC, FLOAT, List.of(X, LABELS, ROWS), List.of(), true);
  static final Method TRAIN_STEP_LABELS =
      new Method("trainStep", PUBLIC, FLOAT, List.of(X, LABELS, ROWS, OPTIMIZER), List.of(), true);
  /** The forward pass in evaluation mode: what {@code forward} runs (dropout is the identity, batch norm uses its running statistics). */
  static final Method FORWARD_PASS = new Method("forwardPass", PRIVATE, VOID, List.of(INPUT, ROWS), List.of(), false);
  /**
   * The forward pass in training mode, which {@code lossAndGradients} runs: declared only by networks with
   * layers that train differently (dropout masks, batch statistics); the others train with {@link #FORWARD_PASS}.
   */
  static final Method TRAINING_FORWARD_PASS =
      new Method("trainingForwardPass", PRIVATE, VOID, List.of(INPUT, ROWS), List.of(), false);
  static final Method BACKWARD_PASS =
      new Method("backwardPass", PRIVATE, VOID, List.of(INPUT, TARGET, ROWS), List.of(), false);
  static final Method BACKWARD_PASS_LABELS =
      new Method("backwardPass", PRIVATE, VOID, List.of(INPUT, LABELS, ROWS), List.of(), false);
  /** Forward, loss and backward without argument checks: what {@code fit} steps on. */
  static final Method BACKPROP = new Method("backprop", PRIVATE, FLOAT, List.of(INPUT, TARGET, ROWS), List.of(), false);
  static final Method BACKPROP_LABELS =
      new Method("backprop", PRIVATE, FLOAT, List.of(INPUT, LABELS, ROWS), List.of(), false);
  /** The network as the training driver and inference see it. */
  static final Method NETWORK =
      new Method("network", PRIVATE, new Type(Trainee.class), List.of(), List.of(), false);
  static final Method ENSURE_FORWARD_CAPACITY =
      new Method("ensureForwardCapacity", PRIVATE, VOID, List.of(ROWS), List.of(), false);
  static final Method ENSURE_BACKWARD_CAPACITY =
      new Method("ensureBackwardCapacity", PRIVATE, VOID, List.of(ROWS), List.of(), false);
  static final Method RELEASE = new Method("release", PUBLIC, VOID, List.of(), List.of(), true);
  static final Method PARAMETER_COUNT_METHOD =
      new Method("parameterCount", PUBLIC, INT, List.of(), List.of(), true);
  static final Method PARAMETERS = new Method("parameters", PUBLIC, FLOATS, List.of(), List.of(), true);
  static final Method SET_PARAMETERS =
      new Method("setParameters", PUBLIC, VOID, List.of(VALUES), List.of(), true);
  static final Method SAVE = new Method("save", PUBLIC, VOID, List.of(FILE), List.of(IOException.class), true);
  static final Method LOAD = new Method("load", PUBLIC, VOID, List.of(FILE), List.of(IOException.class), true);
  static final Method TO_STRING =
      new Method("toString", PUBLIC, new Type(String.class), List.of(), List.of(), true);

  /**
   * The methods a generated class with {@code loss} declares, in the order it declares them; with
   * {@link #TRAINING_FORWARD_PASS} after {@link #FORWARD_PASS} if {@code trainingPass}. A null loss (javac
   * rejected the one written) is taken as the default, BCE.
   */
  static List<Method> methods(Loss loss, boolean trainingPass) {
    LossRule rule = LossRule.of(loss == null ? Loss.BCE : loss);
    return Stream.of(CREATE, THREADS, FORWARD, PREDICT, EVALUATE, rule.lossAndGradients(), rule.trainStep(), FIT,
            rule.backprop(), NETWORK, FORWARD_PASS, trainingPass ? TRAINING_FORWARD_PASS : null, rule.backwardPass(),
            ENSURE_FORWARD_CAPACITY, ENSURE_BACKWARD_CAPACITY, RELEASE, PARAMETER_COUNT_METHOD, PARAMETERS,
            SET_PARAMETERS, SAVE, LOAD, TO_STRING)
        .filter(m -> m != null)
        .toList();
  }

  /**
   * The methods a model with {@code loss} must not clash with: all that a network with that loss may declare,
   * the training pass included (whether it is declared depends on the layers, which may not validate).
   */
  static List<Method> methods(Loss loss) {
    return methods(loss, true);
  }

  /**
   * The first segments of the packages of the types generated code names ({@code chainrule.internal.Kernels},
   * {@code java.util.Arrays}): it writes them in full when a member of the model takes their simple name, and
   * a member named like one of these would then hide the package.
   */
  static final List<String> PACKAGE_ROOTS = List.of("chainrule", "java");

  /**
   * The generated class's interface, by its loss: {@link Trainable} for float targets, {@link Classifier} for
   * class labels; both extend {@link Net}, which declares the methods all networks share.
   */
  static Class<?> interfaceOf(Loss loss) {
    return LossRule.of(loss == null ? Loss.BCE : loss).face;
  }

  /** Every interface a generated class may implement, for the readers' supertypes. */
  static final List<Class<?>> INTERFACES = List.of(Net.class, Trainable.class, Classifier.class);

  /** The field named {@code name}, or null. */
  static Field field(String name) {
    return FIELDS.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElse(null);
  }

  /** Every method a generated class of any loss may declare, for facts read before the loss is known. */
  static final List<Method> ALL_METHODS = Stream.of(Loss.values())
      .flatMap(loss -> methods(loss).stream())
      .distinct()
      .toList();

  /** The method any generated class may declare with this name and these erased parameter types, or null. */
  static Method anyMethod(String name, List<String> parameterTypes) {
    return ALL_METHODS.stream()
        .filter(m -> m.name().equals(name) && m.parameterTypes().equals(parameterTypes))
        .findFirst()
        .orElse(null);
  }

  /** The method of a network with {@code loss} with this name and these erased parameter types, or null. */
  static Method method(Loss loss, String name, List<String> parameterTypes) {
    return methods(loss).stream()
        .filter(m -> m.name().equals(name) && m.parameterTypes().equals(parameterTypes))
        .findFirst()
        .orElse(null);
  }
}
