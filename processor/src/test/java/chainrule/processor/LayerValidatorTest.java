package chainrule.processor;

import static chainrule.processor.Declarations.layer;
import static chainrule.processor.Declarations.linear;
import static chainrule.processor.Declarations.model;
import static chainrule.processor.Declarations.tags;
import static com.google.common.truth.Truth.assertThat;

import chainrule.Loss;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layer checks and the parameter layout, on hand-made declarations: no compiler. */
class LayerValidatorTest {

  @Test
  void theLecturesNetworkBecomesAModelWithPyTorchsLayout() {
    Validator.Result result = Validator.validate(model(Loss.BCE,
        linear(1, "linear1", 2, 2), layer(2, "sigmoid1", LayerType.SIGMOID),
        linear(3, "linear2", 2, 1), layer(4, "sigmoid2", LayerType.SIGMOID)), null);
    assertThat(result.reports()).isEmpty();
    NetworkModel model = result.model().orElseThrow();
    Layout layout = model.layout();
    assertThat(layout.total()).isEqualTo(9);
    assertThat(layout.slots().stream().map(s -> s.layer().field() + "." + s.tensor().name() + "@" + s.offset()
        + "+" + s.count()).toList())
        .containsExactly("linear1.weight@0+4", "linear1.bias@4+2", "linear2.weight@6+2", "linear2.bias@8+1")
        .inOrder();
  }

  /** Issue 8: an int count wrapped to 1410165408; in long it is 10000100000, too many for one array. */
  @Test
  void aLayerTooLargeForOneArrayIsTaggedOnThatLayer() {
    Validator.Result result = Validator.validate(model(Loss.MSE, linear(1, "linear1", 100000, 100000)), null);
    assertThat(result.model()).isEmpty();
    assertThat(result.reports()).hasSize(1);
    Report report = result.reports().get(0);
    assertThat(report.message()).isEqualTo(Message.TOO_MANY_PARAMETERS);
    assertThat(report.site()).isEqualTo(Site.at(1));
    assertThat(report.text()).contains("100000 × 100000 + 100000 = 10000100000 parameters");
    assertThat(report.text()).contains("at most 2147483639 (Integer.MAX_VALUE - 8)");
  }

  /** 65536 × 65536 wraps to 0 in int; Integer.MAX_VALUE inputs and one output wrap to a negative count. */
  @Test
  void countsThatWrapInIntAreSeen() {
    assertThat(tags(Validator.validate(model(Loss.MSE, linear(1, "linear1", 65536, 65536)), null).reports()))
        .containsExactly("TooManyParameters");
    assertThat(tags(Validator.validate(model(Loss.MSE, linear(1, "linear1", Integer.MAX_VALUE, 1)), null).reports()))
        .containsExactly("TooManyParameters");
  }

  @Test
  void theNetworksTotalIsTaggedOnceOnTheLayerThatCrossesTheLimit() {
    Validator.Result result = Validator.validate(model(Loss.MSE,
        linear(1, "linear1", 40000, 40000), layer(2, "relu1", LayerType.RELU),
        linear(3, "linear2", 40000, 40000), layer(4, "relu2", LayerType.RELU),
        linear(5, "linear3", 40000, 40000)), null);
    assertThat(result.reports()).hasSize(1);
    assertThat(result.reports().get(0).site()).isEqualTo(Site.at(3));
    assertThat(result.reports().get(0).text())
        .contains("linear2 (40000 × 40000 + 40000 = 1600040000 parameters) brings the network to "
            + "1600040000 + 1600040000 = 3200080000 parameters");
  }

  @Test
  void exactlyOneArrayIsAllowed() {
    Validator.Result result = Validator.validate(model(Loss.MSE, linear(1, "linear1", 2147483638, 1)), null);
    assertThat(result.reports()).isEmpty();
    assertThat(result.model().orElseThrow().layout().total()).isEqualTo(Layout.MAX_LENGTH);
  }

  @Test
  void leakyReluTakesItsSlopeOrPyTorchsDefault() {
    Validator.Result result = Validator.validate(model(Loss.MSE,
        linear(1, "linear1", 3, 4), layer(2, "leaky1", LayerType.LEAKY_RELU),
        linear(3, "linear2", 4, 4),
        Declarations.field(4, "leaky2", LayerType.LEAKY_RELU, Map.of(LayerElement.NEGATIVE_SLOPE, 0.2)),
        linear(5, "linear3", 4, 1)), null);
    assertThat(result.reports()).isEmpty();
    List<LayerModel> layers = result.model().orElseThrow().layers();
    assertThat(layers.get(1).arguments()).containsExactly(0.01);
    assertThat(layers.get(3).arguments()).containsExactly(0.2);
    assertThat(layers.get(3).describe()).isEqualTo("LeakyReLU(negativeSlope = 0.2)");
    assertThat(layers.get(3).in()).isEqualTo(4);
  }

  @Test
  void anElementOnATypeThatDoesNotTakeItIsTagged() {
    Validator.Result result = Validator.validate(model(Loss.MSE,
        Declarations.field(1, "linear1", LayerType.LINEAR,
            Map.of(LayerElement.IN, 2, LayerElement.OUT, 4, LayerElement.NEGATIVE_SLOPE, 0.1)),
        Declarations.field(2, "relu1", LayerType.RELU, Map.of(LayerElement.NEGATIVE_SLOPE, 0.2)),
        Declarations.field(3, "leaky1", LayerType.LEAKY_RELU, Map.of(LayerElement.OUT, 4)),
        linear(4, "linear2", 4, 1)), null);
    assertThat(tags(result.reports()))
        .containsExactly("LayerElementNotTaken", "LayerElementNotTaken", "ActivationSizes", "ConsecutiveActivations")
        .inOrder();
    assertThat(result.reports().get(1).text())
        .isEqualTo("[LayerElementNotTaken] ReLU layer relu1 does not take negativeSlope, which only LeakyReLU "
            + "takes; remove it, or make the field a LeakyReLU");
    assertThat(result.model()).isEmpty();
  }

  @Test
  void aSlopeMustBeAFiniteNonNegativeFloat() {
    for (double bad : new double[] {-0.1, Double.NaN, Double.NEGATIVE_INFINITY, 1e39}) {
      Validator.Result result = Validator.validate(model(Loss.MSE, linear(1, "linear1", 2, 2),
          Declarations.field(2, "leaky1", LayerType.LEAKY_RELU, Map.of(LayerElement.NEGATIVE_SLOPE, bad))), null);
      assertThat(tags(result.reports())).containsExactly("LayerValueOutOfRange");
      assertThat(result.model()).isEmpty();
    }
    for (double fine : new double[] {0.0, -0.0, 1e-50, 3.0}) {
      Validator.Result result = Validator.validate(model(Loss.MSE, linear(1, "linear1", 2, 2),
          Declarations.field(2, "leaky1", LayerType.LEAKY_RELU, Map.of(LayerElement.NEGATIVE_SLOPE, fine))), null);
      assertThat(result.reports()).isEmpty();
    }
  }

  @Test
  void aLayerFieldNamedLikeAGeneratedFieldIsTagged() {
    Validator.Result result = Validator.validate(model(Loss.MSE,
        linear(1, "generator", 2, 2), layer(2, "a1_2", LayerType.TANH), linear(3, "linear2", 2, 1)), null);
    assertThat(result.reports().stream().map(Report::text).toList()).containsExactly(
        "[LayerNameClash] @Layer field generator has a name the generated XorNet uses for the random generator, "
            + "which would hide the layer; rename it, e.g. linear1",
        "[LayerNameClash] @Layer field a1_2 has a name the generated XorNet uses for the output of an activation "
            + "layer, which would hide the layer; rename it, e.g. tanh1");
  }

  /** ARCHITECTURE is one string constant, and a class file holds at most 65535 bytes of one. */
  @Test
  void anArchitectureStringTooLongForAClassFileIsTagged() {
    String longName = "linear" + "x".repeat(70_000);
    Validator.Result result = Validator.validate(model(Loss.MSE, linear(1, longName, 2, 1)), null);
    assertThat(tags(result.reports())).containsExactly("NetworkTooLarge");
    assertThat(result.reports().get(0).text()).contains("its ARCHITECTURE string would take 70031 bytes, more than "
        + "the 65535 a class-file constant holds; use shorter field names");
  }

  @Test
  void validatingTwiceGivesTheSameResult() {
    ModelDeclaration declaration = model(Loss.MSE, linear(1, "linear1", 0, 4), linear(2, "linear2", 3, 1));
    assertThat(Validator.validate(declaration, null)).isEqualTo(Validator.validate(declaration, null));
  }
}
