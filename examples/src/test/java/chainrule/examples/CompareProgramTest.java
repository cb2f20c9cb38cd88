package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompareProgramTest {

  @Test
  void generatedAndHandWrittenAreBitIdenticalForAllSteps() {
    CompareProgram.Result result = CompareProgram.compare(new PrintStream(new ByteArrayOutputStream()));
    assertTrue(result.identical(),
        "max loss diff " + result.maxLossDiff() + ", max parameter diff " + result.maxParamDiff());
    assertEquals(0.0, result.maxParamDiff());
  }
}
