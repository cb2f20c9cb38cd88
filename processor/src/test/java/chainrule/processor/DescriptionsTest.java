package chainrule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import chainrule.Classifier;
import chainrule.Layer;
import chainrule.Loss;
import chainrule.Net;
import chainrule.TorchGenerator;
import chainrule.Trainable;
import chainrule.internal.Kernels;
import chainrule.internal.Workers;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The three descriptions every stage reads ({@link LayerType}, {@link Members}, {@link Naming}) against what
 * they describe: the runtime's kernels, classes and annotation, and {@link Trainable}.
 */
class DescriptionsTest {

  /** Each kernel a layer type names exists with the arguments the writers pass: outputs, inputs, arguments, sizes. */
  @Test
  void everyKernelALayerTypeNamesExistsWithTheArgumentsTheWriterPasses() throws NoSuchMethodException {
    for (LayerType type : LayerType.values()) {
      if (type.role == LayerType.Role.DROPOUT) {
        Kernels.class.getMethod(type.forwardKernel, float[].class, float[].class, float[].class, int.class,
            double.class, TorchGenerator.class);
        Kernels.class.getMethod(type.backwardKernel, float[].class, float[].class, float[].class, int.class);
        continue;
      }
      if (type.role == LayerType.Role.NORMALIZATION) {
        // (y, mean, invStd, x, params, gamma, running, stats, rows, features); evaluation without the batch statistics
        Kernels.class.getMethod(type.forwardKernel, float[].class, float[].class, float[].class, float[].class,
            float[].class, int.class, float[].class, int.class, int.class, int.class);
        Kernels.class.getMethod(type.evaluationKernel, float[].class, float[].class, float[].class, int.class,
            float[].class, int.class, int.class, int.class);
        // (dx, grads, dy, x, mean, invStd, params, gamma, rows, features)
        Kernels.class.getMethod(type.backwardKernel, float[].class, float[].class, float[].class, float[].class,
            float[].class, float[].class, float[].class, int.class, int.class, int.class);
        continue;
      }
      if (type.role == LayerType.Role.AFFINE) {
        Kernels.class.getMethod(type.forwardKernel, float[].class, float[].class, float[].class, int.class, int.class,
            int.class, int.class, int.class, Workers.class);
        Kernels.class.getMethod(type.backwardKernel, float[].class, float[].class, float[].class, float[].class,
            float[].class, int.class, int.class, int.class, int.class, int.class, Workers.class);
        continue;
      }
      List<Class<?>> forward = new ArrayList<>(List.of(float[].class, float[].class));
      List<Class<?>> backward = new ArrayList<>(List.of(float[].class, float[].class, float[].class));
      for (LayerElement argument : type.arguments()) {
        forward.add(float.class);
        backward.add(float.class);
      }
      forward.add(int.class);
      backward.add(int.class);
      Kernels.class.getMethod(type.forwardKernel, forward.toArray(Class<?>[]::new));
      Kernels.class.getMethod(type.backwardKernel, backward.toArray(Class<?>[]::new));
      if (type.fusedKernel != null) {
        Kernels.class.getMethod(type.fusedKernel, float[].class, float[].class, float[].class, int.class, int.class,
            int.class, int.class, int.class, Workers.class);
      }
    }
  }

  /** The generated constructor writes {@code new chainrule.<Type>(arguments…)}. */
  @Test
  void everyActivationsRuntimeClassTakesItsArguments() throws ReflectiveOperationException {
    for (LayerType type : LayerType.values()) {
      Class<?> runtime = Class.forName("chainrule." + type.simpleName);
      if (type.hasParameters()) { // a view of the network's arrays, which the generated constructor creates
        assertWithMessage(type.simpleName).that(runtime.isInterface()).isTrue();
      } else {
        Class<?>[] doubles = new Class<?>[type.arguments().size()];
        Arrays.fill(doubles, double.class);
        assertWithMessage(type.simpleName).that(Modifier.isPublic(runtime.getConstructor(doubles).getModifiers()))
            .isTrue();
      }
    }
  }

  @Test
  void layerElementsAreExactlyLayersElements() throws NoSuchMethodException {
    assertThat(Stream.of(Layer.class.getDeclaredMethods()).map(Method::getName).toList())
        .containsExactlyElementsIn(Stream.of(LayerElement.values()).map(e -> e.name).toList());
    // torch.nn.LeakyReLU's default negative_slope
    assertThat(Layer.class.getMethod("negativeSlope").getDefaultValue()).isEqualTo(0.01);
  }

  /**
   * The generated class implements its loss's interface (Trainable for float targets, Classifier for labels,
   * both extending Net) with exactly the entries marked as overriding.
   */
  @Test
  void membersImplementTheInterfaceOfTheirLoss() {
    assertThat(Members.interfaceOf(Loss.BCE)).isEqualTo(Trainable.class);
    assertThat(Members.interfaceOf(Loss.MSE)).isEqualTo(Trainable.class);
    assertThat(Members.interfaceOf(Loss.CROSS_ENTROPY)).isEqualTo(Classifier.class);
    for (Loss loss : Loss.values()) {
      Class<?> face = Members.interfaceOf(loss);
      assertThat(Net.class.isAssignableFrom(face)).isTrue();
      for (Method method : face.getMethods()) {
        List<String> parameters = Stream.of(method.getParameterTypes()).map(Class::getCanonicalName).toList();
        Members.Method entry = Members.method(loss, method.getName(), parameters);
        assertWithMessage(loss + ": " + method).that(entry).isNotNull();
        assertWithMessage(method.toString()).that(entry.overrides()).isTrue();
        assertWithMessage(method.toString()).that(entry.exceptions())
            .containsExactlyElementsIn(method.getExceptionTypes());
        if (entry.returns() != Members.Type.NET) {
          assertWithMessage(method.toString()).that(entry.returns().type()).isEqualTo(method.getReturnType());
        }
      }
      for (Members.Method entry : Members.methods(loss)) {
        if (entry.overrides()) {
          boolean inFace = Stream.of(face.getMethods()).anyMatch(m -> m.getName().equals(entry.name()));
          boolean inObject = Stream.of(Object.class.getMethods()).anyMatch(m -> m.getName().equals(entry.name()));
          assertWithMessage(loss + ": " + entry.name()).that(inFace || inObject).isTrue();
        }
      }
    }
    // the types say which loss a network has
    assertThat(Members.method(Loss.CROSS_ENTROPY, "trainStep", List.of("float[]", "float[]", "int",
        "chainrule.Optimizer"))).isNull();
    assertThat(Members.method(Loss.BCE, "lossAndGradients", List.of("float[]", "int[]", "int"))).isNull();
  }

  @Test
  void declarationsReadAsWritten() {
    assertThat(Members.SAVE.declaration("XorNet")).isEqualTo("public void save(Path file) throws IOException");
    assertThat(Members.CREATE.declaration("XorNet")).isEqualTo("public static XorNet create(long seed)");
    assertThat(Members.FORWARD_PASS.declaration("XorNet")).isEqualTo("private void forwardPass(float[] X, int rows)");
  }

  /** Every name Naming makes is recognised by its family, and no fixed member falls into a family. */
  @Test
  void namingFamiliesRecogniseWhatNamingMakes() {
    for (int k = 0; k < 12; k++) {
      for (int j = 1; j < 4; j++) {
        assertThat(Naming.familyOf(Naming.activationOutput(k, j))).isEqualTo("the output of an activation layer");
      }
      assertThat(Naming.familyOf(Naming.linearOutput(k))).isEqualTo("the output of a Linear layer");
      assertThat(Naming.familyOf(Naming.weightOffset(k))).isNotNull();
      assertThat(Naming.familyOf(Naming.biasOffset(k))).isNotNull();
      assertThat(Naming.familyOf(Naming.gradient(Naming.linearOutput(k)))).isEqualTo("a gradient buffer");
    }
    for (Members.Field field : Members.FIELDS) {
      assertWithMessage(field.name()).that(Naming.familyOf(field.name())).isNull();
    }
    assertThat(Naming.familyOf("linear1")).isNull();
    assertThat(Naming.netName("Outer.Inner")).isEqualTo("Outer_InnerNet");
  }
}
