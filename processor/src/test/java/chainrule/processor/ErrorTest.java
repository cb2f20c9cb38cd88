package chainrule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per error tag, each on its fixture {@code bad/<Tag>.java}: the tag, the message's values and
 * fix, the file and the line it points at, that nothing else is reported, and that nothing is generated.
 */
class ErrorTest {

  @Test
  void layerShapeMismatch() {
    Compilation c = fails("LayerShapeMismatch", 1);
    error(c, "LayerShapeMismatch",
        "[LayerShapeMismatch] linear2 takes 8 inputs but sigmoid1 after linear1 gives 10; "
            + "use @Layer(in = 10, out = 1)",
        "@Layer(in = 8, out = 1) Linear linear2;");
  }

  @Test
  void linearSizeMissing() {
    Compilation c = fails("LinearSizeMissing", 3);
    error(c, "LinearSizeMissing", "[LinearSizeMissing] Linear layer linear1 needs both sizes, and out is missing; "
        + "write @Layer(in = 2, out = …)",
        "@Layer(in = 2) Linear linear1;");
    error(c, "LinearSizeMissing", "linear3 needs both sizes, and in is missing; write @Layer(in = 4, out = 1)",
        "@Layer(out = 1) Linear linear3;");
    error(c, "LinearSizeMissing", "linear4 needs both sizes, and in and out are missing; "
        + "write @Layer(in = 1, out = …)", "@Layer Linear linear4;");
  }

  @Test
  void linearSizeNotPositive() {
    Compilation c = fails("LinearSizeNotPositive", 2);
    error(c, "LinearSizeNotPositive",
        "[LinearSizeNotPositive] Linear layer linear1 has in = 0, but a layer needs at least one input; "
            + "write @Layer(in = …, out = 4)",
        "@Layer(in = 0, out = 4) Linear linear1;");
    error(c, "LinearSizeNotPositive", "linear2 has out = -1, but a layer needs at least one output; "
        + "write @Layer(in = 4, out = …)", "@Layer(in = 4, out = -1) Linear linear2;");
  }

  @Test
  void activationSizes() {
    Compilation c = fails("ActivationSizes", 4);
    error(c, "ActivationSizes", "[ActivationSizes] Sigmoid layer sigmoid1 takes no sizes (an activation keeps the "
        + "width of the layer before it), but has in = 4, out = 4; write @Layer without them",
        "@Layer(in = 4, out = 4) Sigmoid sigmoid1;");
    error(c, "ActivationSizes", "sigmoid2 takes no sizes", "@Layer(out = 1) Sigmoid sigmoid2;");
    // the elements the type does take stay in the fix
    error(c, "ActivationSizes", "LeakyReLU layer leaky1 takes no sizes (an activation keeps the width of the layer "
        + "before it), but has in = 4; write @Layer(negativeSlope = 0.2)",
        "@Layer(in = 4, negativeSlope = 0.2) LeakyReLU leaky1;");
    // a batch norm takes its features from the layer before it, as an activation does
    error(c, "ActivationSizes", "[ActivationSizes] BatchNorm1d layer bn1 takes no sizes (it keeps the width of the "
        + "layer before it), but has in = 4, out = 4; write @Layer without them",
        "@Layer(in = 4, out = 4) BatchNorm1d bn1;");
  }

  @Test
  void notALayer() {
    Compilation c = fails("NotALayer", 2);
    error(c, "NotALayer", "[NotALayer] @Layer field width has type int, which is not a layer type; "
        + "use Linear, Sigmoid, ReLU, Tanh, LeakyReLU, Dropout or BatchNorm1d from package chainrule", "@Layer int width;");
    error(c, "NotALayer", "[NotALayer] @Layer field linear2 has type demo.Linear, which is not a layer type; "
        + "did you mean chainrule.Linear?", "@Layer(in = 4, out = 1) Linear linear2;");
  }

  @Test
  void notALayerUnresolved() {
    // javac adds its own "cannot find symbol" for each
    Compilation c = fails("NotALayerUnresolved", 4);
    error(c, "NotALayerUnresolved", "[NotALayer] @Layer field linear1 has type Linear, which cannot be found; "
        + "import chainrule.Linear", "@Layer(in = 2, out = 4) Linear linear1;");
    error(c, "NotALayerUnresolved", "[NotALayer] @Layer field relu1 has type Relu, which cannot be found; "
        + "did you mean chainrule.ReLU?", "@Layer Relu relu1;");
  }

  @Test
  void noLayers() {
    Compilation c = fails("NoLayers", 1);
    error(c, "NoLayers", "[NoLayers] @Network class NoLayers declares no @Layer fields; add at least one",
        "@Network");
  }

  @Test
  void noLinearLayer() {
    Compilation c = fails("NoLinearLayer", 1);
    error(c, "NoLinearLayer", "[NoLinearLayer] @Network class NoLinearLayer has no Linear layer", "@Network");
    c = fails("NoLinearLayerPrivate", 2);
    error(c, "NoLinearLayerPrivate", "[NoLinearLayer] @Network class NoLinearLayerPrivate has no Linear layer",
        "@Network");
    error(c, "NoLinearLayerPrivate", "[LayerFieldModifier] @Layer field sigmoid1 is private", "@Layer private");
    c = fails("NoLinearLayerBatchNorm", 1);
    error(c, "NoLinearLayerBatchNorm", "[NoLinearLayer] @Network class NoLinearLayerBatchNorm has no Linear layer",
        "@Network");
  }

  /** Found by trying: with 6001 layers javac said "code too large" and "constant string too long" in the generated class. */
  @Test
  void networkTooLarge() {
    Compilation c = fails("NetworkTooLarge", 1);
    error(c, "NetworkTooLarge", "[NetworkTooLarge] @Network class NetworkTooLarge is too large for one generated "
        + "class: it has 1001 layers, and its passes would not fit in the 64 KiB of bytecode the JVM allows a method; "
        + "chainrule takes at most 1000", "@Network(loss = Loss.MSE)");
  }

  @Test
  void bceNeedsSigmoid() {
    Compilation c = fails("BceNeedsSigmoid", 2);
    error(c, "BceNeedsSigmoid", "[BceNeedsSigmoid] @Network class BceNeedsSigmoid uses Loss.BCE, which needs "
        + "probabilities, but its last layer linear2 is Linear; end with @Layer Sigmoid, or use "
        + "@Network(loss = Loss.MSE)", "@Layer(in = 4, out = 1) Linear linear2;");
    error(c, "BceNeedsSigmoid", "its last layer relu1 is ReLU", "@Layer ReLU relu1;");
  }

  @Test
  void crossEntropyAfterSquashing() {
    Compilation c = fails("CrossEntropyAfterSquashing", 3);
    error(c, "CrossEntropyAfterSquashing", "[CrossEntropyAfterSquashing] @Network class CrossEntropyAfterSquashing "
        + "uses Loss.CROSS_ENTROPY, which takes raw scores (logits) and applies softmax itself, but its last layer "
        + "sigmoid2 is Sigmoid, which squashes them into (0, 1) first; remove it, so the network ends in the Linear "
        + "that gives one score per class", "@Layer Sigmoid sigmoid2;");
    error(c, "CrossEntropyAfterSquashing", "its last layer tanh1 is Tanh, which squashes them into (-1, 1) first",
        "@Layer Tanh tanh1;");
    error(c, "CrossEntropyAfterSquashing", "its last layer before Dropout sigmoid1 is Sigmoid, which squashes them "
        + "into (0, 1) first", "@Layer Sigmoid sigmoid1;");
  }

  @Test
  void crossEntropyNeedsClasses() {
    Compilation c = fails("CrossEntropyNeedsClasses", 1);
    error(c, "CrossEntropyNeedsClasses", "[CrossEntropyNeedsClasses] @Network class CrossEntropyNeedsClasses uses "
        + "Loss.CROSS_ENTROPY, which picks one of at least 2 classes, but its last Linear linear2 has out = 1; write "
        + "@Layer(in = 8, out = <number of classes>), or for one yes/no output end with @Layer Sigmoid and use "
        + "Loss.BCE", "@Layer(in = 8, out = 1) Linear linear2;");
  }

  @Test
  void layerFieldModifier() {
    Compilation c = fails("LayerFieldModifier", 3);
    error(c, "LayerFieldModifier", "[LayerFieldModifier] @Layer field linear1 is private, so the generated "
        + "LayerFieldModifierNet cannot set it for each network it creates; remove `private`",
        "private Linear linear1;");
    error(c, "LayerFieldModifier", "sigmoid1 is static", "@Layer static Sigmoid sigmoid1;");
    error(c, "LayerFieldModifier", "linear2 is final", "final Linear linear2 = null;");
  }

  @Test
  void layerNameClash() {
    Compilation c = fails("LayerNameClash", 3);
    error(c, "LayerNameClash", "[LayerNameClash] @Layer field l1 has a name the generated LayerNameClashNet uses "
        + "for the output of a Linear layer, which would hide the layer; rename it, e.g. linear1", "Linear l1;");
    error(c, "LayerNameClash", "a1 has a name the generated LayerNameClashNet uses for the output of an activation "
        + "layer, which would hide the layer; rename it, e.g. sigmoid1", "Sigmoid a1;");
    error(c, "LayerNameClash", "params has a name the generated LayerNameClashNet uses for the parameter array",
        "Linear params;");
  }

  @Test
  void layerOutsideNetwork() {
    Compilation c = fails("LayerOutsideNetwork", 2);
    error(c, "LayerOutsideNetwork", "[LayerOutsideNetwork] @Layer field linear1 is in LayerOutsideNetwork, which is "
        + "not annotated @Network, so no network reads it; annotate LayerOutsideNetwork with @Network, or remove "
        + "@Layer", "@Layer(in = 2, out = 1) Linear linear1;");
    error(c, "LayerOutsideNetwork", "[LayerOutsideNetwork] @Layer field LINEAR is in LayerInInterface, which is not "
        + "annotated @Network, so no network reads it; remove @Layer (LayerInInterface is an interface, and only a "
        + "class can be a @Network)", "Linear LINEAR = null;");
  }

  @Test
  void networkNotAClass() {
    Compilation c = fails("NetworkNotAClass", 4);
    error(c, "NetworkNotAClass", "[NetworkNotAClass] @Network marks a class that chainrule extends, but "
        + "NetworkNotAClass is an interface; declare it as `abstract class NetworkNotAClass { … }`",
        "@Network interface NetworkNotAClass {");
    error(c, "NetworkNotAClass", "NetworkNotAClassEnum is an enum", "@Network enum");
    error(c, "NetworkNotAClass", "NetworkNotAClassRecord is a record", "@Network record");
    error(c, "NetworkNotAClass", "NetworkNotAClassAnnotation is an annotation type", "@Network @interface");
  }

  @Test
  void modelFinal() {
    Compilation c = fails("ModelFinal", 2);
    error(c, "ModelFinal", "[ModelFinal] @Network class ModelFinal is final, so the generated ModelFinalNet cannot "
        + "extend it; remove `final`", "final class ModelFinal {");
    error(c, "ModelFinal", "ModelFinalSealed is sealed, so the generated ModelFinalSealedNet cannot extend it; "
        + "remove `sealed` and its `permits` clause", "abstract sealed class ModelFinalSealed");
  }

  @Test
  void modelPrivate() {
    Compilation c = fails("ModelPrivate", 2);
    error(c, "ModelPrivate", "[ModelPrivate] @Network class ModelPrivate.Hidden is private, so the generated "
        + "ModelPrivate_HiddenNet in the same package cannot extend it; remove `private` from Hidden",
        "private abstract static class Hidden {");
    error(c, "ModelPrivate", "ModelPrivate.Middle.Deep is inside private Middle, so the generated "
        + "ModelPrivate_Middle_DeepNet in the same package cannot extend it; remove `private` from Middle",
        "abstract static class Deep {");
  }

  @Test
  void modelInnerClass() {
    Compilation c = fails("ModelInnerClass", 1);
    error(c, "ModelInnerClass", "[ModelInnerClass] @Network class ModelInnerClass.Inner is an inner (non-static) "
        + "class, so the generated ModelInnerClass_InnerNet could only be created inside an instance of "
        + "ModelInnerClass; declare it `static abstract class Inner`", "abstract class Inner {");
  }

  @Test
  void genericModel() {
    Compilation c = fails("GenericModel", 1);
    error(c, "GenericModel", "[GenericModel] @Network class GenericModel has type parameters <T, U>, but chainrule "
        + "does not generate generic networks; remove them", "abstract class GenericModel<");
  }

  @Test
  void noUsableConstructor() {
    Compilation c = fails("NoUsableConstructor", 3);
    error(c, "NoUsableConstructor", "[NoUsableConstructor] the generated NoUsableConstructorNet must call a "
        + "no-argument constructor of NoUsableConstructor, but its constructors all take arguments: "
        + "NoUsableConstructor(int, java.lang.String); add one that takes none, e.g. `NoUsableConstructor() {}`",
        "abstract class NoUsableConstructor {");
    error(c, "NoUsableConstructor", "its no-argument constructor is private; make it package-private or protected",
        "private NoUsableConstructorPrivate() {}");
    error(c, "NoUsableConstructor", "its no-argument constructor throws java.io.IOException; remove the throws "
        + "clause", "NoUsableConstructorThrows() throws IOException {}");
  }

  @Test
  void abstractMethod() {
    Compilation c = fails("AbstractMethod", 3);
    error(c, "AbstractMethod", "[AbstractMethod] the generated AbstractMethodNet would not implement abstract "
        + "method AbstractMethod.describe(); implement it in AbstractMethod, or remove it (the generated class "
        + "implements only threads, forward, predict, evaluate, lossAndGradients, trainStep, fit, release, parameterCount, parameters, setParameters, save, load, toString)", "abstract void describe();");
    error(c, "AbstractMethod", "abstract method AbstractMethod.foward(float[], int); did you mean "
        + "`public float[] forward(float[] x, int rows)`?", "abstract float[] foward(");
    // inherited: reported on the model, since Named may be in a file of its own
    error(c, "AbstractMethod", "abstract method Named.name()", "abstract class AbstractMethod implements Named");
  }

  /** Found by review: javac failed in the generated class, which has no predict for a network without classes. */
  @Test
  void predictWithoutClasses() {
    Compilation c = fails("PredictWithoutClasses", 1);
    error(c, "PredictWithoutClasses", "[AbstractMethod] the generated PredictWithoutClassesNet would not implement "
        + "abstract method PredictWithoutClasses.predict(float[], int); predict names classes, so the generated "
        + "class has it only for a cross-entropy network or one ending in a Sigmoid with 1 output, and this one "
        + "ends in relu1 (ReLU) with 3 outputs; remove it, and threshold forward's outputs yourself",
        "public abstract int[] predict(");
  }

  /** Found by trying: javac failed in the generated class ("does not override abstract method"). */
  @Test
  void abstractMethodThatNoSubclassCanSee() {
    JavaFileObject base = JavaFileObjects.forSourceLines("other.HiddenBase",
        "package other;",
        "",
        "public abstract class HiddenBase {",
        "  abstract void describe();",
        "}");
    JavaFileObject model = Fixtures.model("Hidden",
                "@Network",
        "abstract class Hidden extends other.HiddenBase {",
        "  @Layer(in = 2, out = 1) Linear linear1;",
        "  @Layer Sigmoid sigmoid1;",
        "}");
    RecordingProcessor processor = new RecordingProcessor();
    Compilation c = javac().withProcessors(processor).compile(base, model);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[AbstractMethod] the generated HiddenNet would not implement abstract method "
        + "HiddenBase.describe(); it is package-private in another package, and no class outside that package can "
        + "implement it; make it protected").inFile(model).onLineContaining("abstract class Hidden");
    assertThat(processor.origins).isEmpty();
  }

  @Test
  void generatedMethodClash() {
    Compilation c = fails("GeneratedMethodClash", 12);
    error(c, "GeneratedMethodClash", "[GeneratedMethodClash] GeneratedMethodClash.forward(float[], int) clashes with "
        + "`public float[] forward(float[] x, int rows)` in the generated GeneratedMethodClashNet: yours is final; "
        + "remove `final`, or rename yours", "final float[] forward(");
    error(c, "GeneratedMethodClash", "clashes with `private void forwardPass(float[] X, int rows)` in the generated "
        + "GeneratedMethodClashNet: it is private there, and cannot override yours; rename yours",
        "void forwardPass(");
    error(c, "GeneratedMethodClash", "yours returns double; return float, or rename yours",
        "double lossAndGradients(");
    error(c, "GeneratedMethodClash", "an instance method cannot override your static method",
        "static float trainStep(");
    error(c, "GeneratedMethodClash", "`public static GeneratedMethodClashNet create(long seed)` in the generated "
        + "GeneratedMethodClashNet: a static method cannot hide your instance method", "int create(long seed)");
    error(c, "GeneratedMethodClash", "GeneratedMethodClash.create(int) clashes with `public static "
        + "GeneratedMethodClashNet create(long seed)` in the generated GeneratedMethodClashNet: the generated class "
        + "inherits yours beside it, so a call such as GeneratedMethodClashNet.create(…) may pick yours; rename "
        + "yours", "static GeneratedMethodClash create(int seed)");
    error(c, "GeneratedMethodClash", "GeneratedMethodClash.toString() clashes with `public String toString()` in the "
        + "generated GeneratedMethodClashNet: yours has a body, which the generated one would replace, so it would "
        + "never run; make yours abstract (the generated class implements it), or rename yours",
        "public String toString()");
  }

  /** Issue 8: javac failed inside the generated file; now the user's method is told why. */
  @Test
  void generatedMethodClashOnThrowsClauses() {
    Compilation c = fails("GeneratedMethodClash", 12);
    error(c, "GeneratedMethodClash", "[GeneratedMethodClash] GeneratedMethodClashThrows.save(java.nio.file.Path) "
        + "clashes with `public void save(Path file) throws IOException` in the generated "
        + "GeneratedMethodClashThrowsNet: the generated one throws IOException, which yours does not declare; add "
        + "`throws IOException` to yours, or rename yours", "void save(Path p) {}");
    error(c, "GeneratedMethodClash", "GeneratedMethodClashThrows.load(java.nio.file.Path) clashes with `public void "
        + "load(Path file) throws IOException` in the generated GeneratedMethodClashThrowsNet: the generated one "
        + "throws IOException, which yours does not declare", "abstract void load(Path p);");
    // from an interface: on the class, since Saver may be in a file of its own
    error(c, "GeneratedMethodClash", "Saver.save(java.nio.file.Path) clashes with `public void save(Path file) "
        + "throws IOException` in the generated GeneratedMethodClashInheritedNet: the generated one throws "
        + "IOException, which yours does not declare", "abstract class GeneratedMethodClashInherited");
  }

  /** Issue 8: a concrete forward was replaced by the generated one without a word. */
  @Test
  void generatedMethodClashOnABody() {
    Compilation c = fails("GeneratedMethodClash", 12);
    error(c, "GeneratedMethodClash", "[GeneratedMethodClash] GeneratedMethodClashBody.forward(float[], int) clashes "
        + "with `public float[] forward(float[] x, int rows)` in the generated GeneratedMethodClashBodyNet: yours has "
        + "a body, which the generated one would replace, so it would never run; make yours abstract (the generated "
        + "class implements it), or rename yours", "public float[] forward(float[] x, int rows) { return x; }");
  }

  @Test
  void generatedMethodClashOnAnErasure() {
    Compilation c = fails("GeneratedMethodClash", 12);
    error(c, "GeneratedMethodClash", "[GeneratedMethodClash] PathSaver.save(P) clashes with `public void save(Path "
        + "file) throws IOException` in the generated GeneratedMethodClashErasureNet: yours has the same erasure but "
        + "takes [demo.SpecialPath] as a member of GeneratedMethodClashErasure, so neither overrides the other; "
        + "rename yours", "abstract class GeneratedMethodClashErasure extends");
  }

  @Test
  void netNameClash() {
    RecordingProcessor processor = new RecordingProcessor();
    Compilation c = javac().withProcessors(processor).compile(Fixtures.bad("NetNameClash"));
    assertThat(c).hadErrorCount(3);
    error(c, "NetNameClash", "[NetNameClash] chainrule would generate demo.NetNameClashNet for @Network class "
        + "demo.NetNameClash, but type demo.NetNameClashNet already exists; rename one of them",
        "abstract class NetNameClash {");
    error(c, "NetNameClash", "chainrule would generate demo.NetNameClash_InnerNet for @Network class "
        + "demo.NetNameClash_Inner, but @Network class demo.NetNameClash.Inner generates that class too",
        "abstract class NetNameClash_Inner {");
    error(c, "NetNameClash", "its member type NetNameClashMemberNet would hide the generated class inside itself",
        "abstract class NetNameClashMember {");
    // the first of the two models that want NetNameClash_InnerNet gets it
    assertThat(processor.origins.keySet()).containsExactly("demo.NetNameClash_InnerNet");
  }

  /** Found by trying: javac failed in the generated file ("int cannot be dereferenced"). */
  @Test
  void memberHidesPackage() {
    Compilation c = fails("MemberHidesPackage", 2);
    error(c, "MemberHidesPackage", "[MemberHidesPackage] MemberHidesPackage has a member named chainrule, which would "
        + "hide package chainrule inside the generated MemberHidesPackageNet: it names runtime types such as "
        + "chainrule.internal.Kernels in full when a member of yours takes their simple name; rename the member",
        "abstract class MemberHidesPackage {");
    error(c, "MemberHidesPackage", "MemberHidesPackageType has a member named java, which would hide package java",
        "abstract class MemberHidesPackageType {");
  }

  @Test
  void inheritedLayer() {
    Compilation c = fails("InheritedLayer", 2);
    error(c, "InheritedLayer", "[InheritedLayer] InheritedLayer extends demo.InheritedLayerBase, whose @Layer "
        + "fields (linear1) chainrule does not read: a network's layers are the @Layer fields declared in the "
        + "@Network class itself; move them into InheritedLayer", "abstract class InheritedLayer extends");
    error(c, "InheritedLayer", "[LayerOutsideNetwork] @Layer field linear1 is in InheritedLayerBase",
        "@Layer(in = 2, out = 4) Linear linear1;");
  }

  @Test
  void everyErrorOfAClassInOneCompile() {
    Compilation c = fails("ManyErrors", 7);
    error(c, "ManyErrors", "[ModelFinal]", "final class ManyErrors {");
    error(c, "ManyErrors", "[GeneratedMethodClash]", "final float[] forward(");
    error(c, "ManyErrors", "[LayerFieldModifier]", "private Linear linear1;");
    error(c, "ManyErrors", "[ActivationSizes]", "@Layer(in = 3) Sigmoid sigmoid1;");
    error(c, "ManyErrors", "[LayerShapeMismatch] linear2 takes 8 inputs but sigmoid1 after linear1 gives 10",
        "@Layer(in = 8, out = 1) Linear linear2;");
    error(c, "ManyErrors", "[BceNeedsSigmoid]", "@Layer(in = 8, out = 1) Linear linear2;");
    error(c, "ManyErrors", "[NoUsableConstructor]", "private ManyErrors() {}");
  }

  /** Issue 8: the checks find these errors class first, then methods, then layers; they print in source order. */
  @Test
  void errorsComeOutInSourceOrder() {
    Compilation c = fails("ManyErrors", 7);
    List<Long> lines = c.errors().stream().map(Diagnostic::getLineNumber).toList();
    assertThat(lines).isInOrder();
    assertThat(c.errors().stream().map(e -> e.getMessage(Locale.ROOT).replaceAll("\\].*", "]")).toList())
        .containsExactly("[ModelFinal]", "[GeneratedMethodClash]", "[LayerFieldModifier]", "[ActivationSizes]",
            "[LayerShapeMismatch]", "[BceNeedsSigmoid]", "[NoUsableConstructor]")
        .inOrder();
  }

  @Test
  void layerElementNotTaken() {
    Compilation c = fails("LayerElementNotTaken", 2);
    error(c, "LayerElementNotTaken", "[LayerElementNotTaken] Linear layer linear1 does not take negativeSlope, which "
        + "only LeakyReLU takes; remove it, or make the field a LeakyReLU",
        "@Layer(in = 2, out = 4, negativeSlope = 0.1) Linear linear1;");
    error(c, "LayerElementNotTaken", "ReLU layer relu1 does not take negativeSlope", "ReLU relu1;");
  }

  @Test
  void layerValueOutOfRange() {
    Compilation c = fails("LayerValueOutOfRange", 3);
    error(c, "LayerValueOutOfRange", "[LayerValueOutOfRange] LeakyReLU layer leaky1 has negativeSlope = -0.1, but "
        + "it must be finite and at least 0 as a float (the backward kernel tells the input's sign from the "
        + "output's, which a negative slope would flip); remove it for the default, or write a value that is",
        "LeakyReLU leaky1;");
    error(c, "LayerValueOutOfRange", "leaky2 has negativeSlope = NaN, but it must be finite", "LeakyReLU leaky2;");
    error(c, "LayerValueOutOfRange", "leaky3 has negativeSlope = 1.0E39, but it must be finite", "LeakyReLU leaky3;");
  }

  /** Issue 8: these compiled, with a negative, a wrapped or a zero parameter count. */
  @Test
  void tooManyParameters() {
    Compilation c = fails("TooManyParameters", 4);
    error(c, "TooManyParameters", "[TooManyParameters] Linear layer linear1 has 1 × 2147483647 + 1 = 2147483648 "
        + "parameters, but a network keeps all its parameters in one Java array, which holds at most 2147483639 "
        + "(Integer.MAX_VALUE - 8); use fewer features", "@Layer(in = Integer.MAX_VALUE, out = 1) Linear linear1;");
    error(c, "TooManyParameters", "Linear layer linear1 has 100000 × 100000 + 100000 = 10000100000 parameters",
        "@Layer(in = 100000, out = 100000) Linear linear1;");
    error(c, "TooManyParameters", "Linear layer linear1 has 65536 × 65536 + 65536 = 4295032832 parameters",
        "@Layer(in = 65536, out = 65536) Linear linear1;");
    error(c, "TooManyParameters", "[TooManyParameters] Linear layer linear2 (40000 × 40000 + 40000 = 1600040000 "
        + "parameters) brings the network to 1600040000 + 1600040000 = 3200080000 parameters, but a network keeps "
        + "all its parameters in one Java array, which holds at most 2147483639 (Integer.MAX_VALUE - 8); use fewer "
        + "or smaller layers", "@Layer(in = 40000, out = 40000) Linear linear2;");
  }

  /** Exactly one array's worth still compiles (nothing runs it: that would take 8 GiB). */
  @Test
  void parametersUpToTheLimitCompile() {
    JavaFileObject model = Fixtures.model("AtTheLimit",
                "@Network(loss = Loss.MSE)",
        "abstract class AtTheLimit {",
        "  @Layer(in = 2147483638, out = 1) Linear linear1;",
        "}");
    Compilation c = Fixtures.compile(model);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("demo.AtTheLimitNet").contentsAsUtf8String()
        .contains("public static final int PARAMETER_COUNT = 2147483639;");
  }

  /** Compiles {@code bad/<fixture>.java}: it must fail with exactly {@code errors} errors and generate nothing. */
  private static Compilation fails(String fixture, int errors) {
    RecordingProcessor processor = new RecordingProcessor();
    Compilation c = javac().withProcessors(processor).compile(Fixtures.bad(fixture));
    assertThat(c).failed();
    assertThat(c).hadErrorCount(errors);
    assertThat(processor.origins).isEmpty();
    return c;
  }

  private static void error(Compilation c, String fixture, String message, String line) {
    assertThat(c).hadErrorContaining(message).inFile(Fixtures.bad(fixture)).onLineContaining(line);
  }
}
