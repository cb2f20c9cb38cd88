package chainrule.processor;

import static chainrule.processor.Members.BACKWARD_CAPACITY;
import static chainrule.processor.Members.ENSURE_BACKWARD_CAPACITY;
import static chainrule.processor.Members.ENSURE_FORWARD_CAPACITY;
import static chainrule.processor.Members.FORWARD_CAPACITY;
import static chainrule.processor.Members.RELEASE;
import static chainrule.processor.Members.ROWS;

import chainrule.internal.Buffers;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import java.util.List;

/**
 * Writes how the buffers of the passes grow and are freed. The forward buffers (what inference needs) and
 * the gradient buffers (what only training needs) grow apart, each to the largest batch its pass has seen,
 * so that inference never allocates gradients. Sizes are checked in {@code long} before anything changes,
 * and new buffers are assigned only when all of them have been allocated: a batch too large leaves the
 * network as it was.
 */
final class BufferWriter {
  private final ClassName net;
  private final PassWriter passes;

  BufferWriter(NetworkModel model, ClassName net, PassWriter passes) {
    this.net = net;
    this.passes = passes;
  }

  MethodSpec ensureForwardCapacity() {
    return ensure(ENSURE_FORWARD_CAPACITY, FORWARD_CAPACITY, passes.forwardBuffers());
  }

  MethodSpec ensureBackwardCapacity() {
    return ensure(ENSURE_BACKWARD_CAPACITY, BACKWARD_CAPACITY, passes.gradientBuffers());
  }

  MethodSpec release() {
    MethodSpec.Builder method = Poet.method(RELEASE, net)
        .addJavadoc("Frees the buffers of the passes; the next pass allocates them again, as large as its batch.\n")
        .addJavadoc("The parameters stay.\n");
    for (PassWriter.Buffer buffer : passes.buffers()) {
      method.addStatement("$N = null", buffer.name());
    }
    return method
        .addStatement("$N = 0", FORWARD_CAPACITY)
        .addStatement("$N = 0", BACKWARD_CAPACITY)
        .build();
  }

  /** The width of the widest buffer, floats a row: it bounds the rows of one pass. */
  int widest() {
    return passes.buffers().stream().mapToInt(PassWriter.Buffer::width).max().orElseThrow();
  }

  private MethodSpec ensure(Members.Method declaration, Members.Field capacity, List<PassWriter.Buffer> buffers) {
    MethodSpec.Builder method = Poet.method(declaration, net)
        .beginControlFlow("if ($N <= $N)", ROWS, capacity)
        .addStatement("return")
        .endControlFlow();
    if (buffers.isEmpty()) {
      return method.addStatement("$N = $N", capacity, ROWS).build();
    }
    int widest = widest();
    method.addComment("rows × $L floats, the widest buffer, must fit in one array: then every product below fits in an int",
            widest)
        .addStatement("$T.checkRows($N, $L)", Buffers.class, ROWS, widest)
        .addComment("new buffers into locals first, so that running out of memory leaves the network as it was");
    for (PassWriter.Buffer buffer : buffers) {
      if (buffer.width() == 1) {
        method.addStatement("float[] $N = new float[$N]", buffer.name(), ROWS);
      } else {
        method.addStatement("float[] $N = new float[$N * $L]", buffer.name(), ROWS, buffer.width());
      }
    }
    for (PassWriter.Buffer buffer : buffers) {
      method.addStatement("this.$N = $N", buffer.name(), buffer.name());
    }
    return method.addStatement("$N = $N", capacity, ROWS).build();
  }
}
