package chainrule.processor;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** Printing: the reports of a class in source order, suppressed warnings dropped, errors counted. */
class DiagnosticsTest {
  private final List<String> printed = new ArrayList<>();
  private final Messager messager = new Messager() {
    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence message) {
      printed.add(kind + " " + message);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence message, Element e) {
      printMessage(kind, message);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence message, Element e, AnnotationMirror a) {
      printMessage(kind, message);
    }

    @Override
    public void printMessage(
        Diagnostic.Kind kind, CharSequence message, Element e, AnnotationMirror a, AnnotationValue v) {
      printMessage(kind, message);
    }
  };

  @Test
  void printsInPositionOrderKeepingTheOrderFoundWithinAPosition() {
    List<Report> reports = List.of(
        new Report(Message.NO_USABLE_CONSTRUCTOR, Site.at(5), List.of("XorNet", "Xor", "a", "b")),
        new Report(Message.MODEL_FINAL, Site.at(0), List.of("Xor", "final", "XorNet", "remove `final`")),
        new Report(Message.LAYER_SHAPE_MISMATCH, Site.at(3), List.of("linear2", 8, "linear1", 10, 10, 1)),
        new Report(Message.BCE_NEEDS_SIGMOID, Site.at(3), List.of("Xor", "linear2", "Linear")),
        new Report(Message.CONSECUTIVE_LINEARS, new Site(4, true, null, null, null), List.of("l", "k", "")));
    int errors = new Diagnostics(messager).print(reports);
    assertThat(errors).isEqualTo(4);
    assertThat(printed.stream().map(p -> p.replaceAll("\\].*", "]")).toList()).containsExactly(
        "ERROR [ModelFinal]", "ERROR [LayerShapeMismatch]", "ERROR [BceNeedsSigmoid]", "ERROR [NoUsableConstructor]")
        .inOrder();
  }
}
