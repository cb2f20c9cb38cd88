package chainrule.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.internal.ChildJvm;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorWarmup} says warm only when it is: once it does, its dummy products (every branch of the
 * vector kernels) allocate nothing on any thread, which happens only when C2 has compiled them. No time is
 * asserted; the wait has a generous limit so that a broken warm-up fails instead of hanging.
 */
class VectorWarmupTest {
  private static final long LIMIT_NANOS = 300_000_000_000L;

  @Test
  void warmMeansTheVectorKernelsAreCompiled() throws InterruptedException {
    if ("false".equals(System.getProperty("chainrule.vector"))) {
      return; // runtime/pom.xml's scalar-path run (with -Dtest naming this class): nothing here is used
    }
    assertTrue(Fast.VECTOR, "tests run with --add-modules jdk.incubator.vector (see runtime/pom.xml)");
    long start = System.nanoTime();
    while (!VectorWarmup.warm()) {
      assertTrue(System.nanoTime() - start < LIMIT_NANOS, "not warm after 300 s");
      Thread.sleep(10);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    VectorWarmup.Dummies dummies = new VectorWarmup.Dummies();
    dummies.round(true);
    dummies.round(false); // their arrays are made; from here on only the kernels could allocate
    long before = threads.getCurrentThreadAllocatedBytes();
    dummies.round(true);
    dummies.round(false);
    assertEquals(0, threads.getCurrentThreadAllocatedBytes() - before, "bytes allocated by warm kernels");
  }

  @Test
  void withoutC2TheThreadEndsAtOnceAndTheProductsStayScalar() throws Exception {
    assertTrue(VectorWarmup.c2(), "this JVM compiles with C2");
    Process child = ChildJvm.of(VectorWarmupChild.class,
        List.of("--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1"))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, child.waitFor(), out);
    assertEquals("c2 false\nthread alive false, warm false\n", out.replace(System.lineSeparator(), "\n"));
  }
}
