package chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {

  /** The labelled ticks as written: {@code "0.5"}, or {@code "10^-3"} for a superscript. */
  private static List<String> labels(Scale scale) {
    List<String> labels = new ArrayList<>();
    for (Scale.Tick t : scale.ticks()) {
      if (t.text() != null) {
        labels.add(t.exponent() == null ? t.text() : t.text() + "^" + t.exponent());
      }
    }
    return labels;
  }

  private static int minorTicks(Scale scale) {
    return (int) scale.ticks().stream().filter(t -> !t.major()).count();
  }

  @Test
  void linearTicksAreRoundStepsWithAsManyDecimalsAsTheStepNeeds() {
    assertEquals(List.of("0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"), labels(Scale.linear(-0.03, 0.73, 8, false)));
    assertEquals(List.of("-1.00", "-0.75", "-0.50", "-0.25", "0.00", "0.25", "0.50", "0.75", "1.00"),
        labels(Scale.linear(-1, 1, 9, false)));
    assertEquals(List.of("0", "2", "4", "6", "8"), labels(Scale.linear(-0.1, 8.1, 5, false)));
    assertEquals(List.of("0", "500", "1000", "1500", "2000"), labels(Scale.linear(-99.9, 2099.9, 6, false)));
    assertEquals(List.of("1.0×10^-7", "1.5×10^-7", "2.0×10^-7", "2.5×10^-7", "3.0×10^-7"),
        labels(Scale.linear(0.9e-7, 3.1e-7, 8, false)), "small values in powers of ten");
    assertEquals(List.of("0", "2×10^6", "4×10^6", "6×10^6", "8×10^6"), labels(Scale.linear(-1e5, 8e6, 5, false)));
  }

  @Test
  void integerTicksNeverFallBetweenEpochs() {
    assertEquals(List.of("1", "2", "3"), labels(Scale.linear(0.9, 3.1, 8, true)));
    assertEquals(List.of("0", "10", "20", "30", "40", "50", "60"), labels(Scale.linear(-1.95, 61.95, 8, true)));
  }

  @Test
  void logTicksAreDecadesWithMinorTicksBetween() {
    Scale scale = Scale.log(0.00085, 1.2, 8);
    assertEquals(List.of("10^-3", "10^-2", "10^-1", "10^0"), labels(scale));
    assertEquals(3 * 8 + 1, minorTicks(scale), "2..9 × 10^k in range: 0.0009, then 3 decades of 8");
    assertEquals(List.of("10^-12", "10^-9", "10^-6", "10^-3", "10^0"), labels(Scale.log(1e-12, 1, 5)),
        "every third decade of 13");
  }

  @Test
  void withinOneDecadeLogTicksAreOneTwoFiveThenEveryDigitThenLinear() {
    Scale scale = Scale.log(0.04, 0.8, 8);
    assertEquals(List.of("0.05", "0.1", "0.2", "0.5"), labels(scale));
    assertEquals(List.of("0.3", "0.4", "0.5", "0.6", "0.7"), labels(Scale.log(0.28, 0.75, 8)));
    assertEquals(List.of("0.63", "0.64", "0.65", "0.66", "0.67", "0.68", "0.69"), labels(Scale.log(0.625, 0.695, 8)));
    assertEquals(List.of("2×10^-5", "5×10^-5", "10^-4", "2×10^-4"), labels(Scale.log(1.5e-5, 2.5e-4, 8)));
  }

  @Test
  void fractionIsLinearOrLogarithmic() {
    assertEquals(0.25, Scale.linear(-1, 3, 5, false).fraction(0), 1e-12);
    assertEquals(0.5, Scale.log(1, 100, 5).fraction(10), 1e-12);
    assertEquals(-0.5, Scale.log(1, 100, 5).fraction(0.1), 1e-12);
    assertEquals(Double.NaN, Scale.log(1, 100, 5).fraction(0));
  }
}
