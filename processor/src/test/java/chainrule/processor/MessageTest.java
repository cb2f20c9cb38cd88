package chainrule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalogue of tags: stable, distinct, each with its fixture and its line in the README. */
class MessageTest {

  @Test
  void tagsAreDistinctWords() {
    Set<String> tags = Stream.of(Message.values()).map(m -> m.tag).collect(Collectors.toSet());
    assertThat(tags).hasSize(Message.values().length);
    for (String tag : tags) {
      assertThat(tag).matches("[A-Z][A-Za-z]+");
    }
  }

  @Test
  void renderStartsWithTheTag() {
    assertThat(Message.NO_LAYERS.render("Xor")).startsWith("[NoLayers] @Network class Xor declares no @Layer fields");
  }

  /** Each tag is exercised by {@code bad/<Tag>.java} in ErrorTest or WarningTest; ProcessorError by BuildTest. */
  @Test
  void everyTagHasABadFixture() {
    List<String> fixtures = Fixtures.names("bad");
    for (Message message : Message.values()) {
      if (message != Message.UNEXPECTED) {
        assertWithMessage("bad/%s.java", message.tag).that(fixtures).contains(message.tag);
      }
    }
  }

  @Test
  void everyTagIsDocumented() throws IOException {
    String doc = Files.readString(Fixtures.MODULE.resolveSibling("README.md"));
    assertThat(doc).contains("\n## When the compiler says no\n");
    for (Message message : Message.values()) {
      assertWithMessage("README.md").that(doc).contains("`[" + message.tag + "]`");
    }
  }

  @Test
  void didYouMeanAllowsTwoEditsAndIgnoresCase() {
    List<String> layers = List.of("Linear", "Sigmoid", "ReLU", "Tanh");
    assertThat(Diagnostics.closest("Relu", layers)).isEqualTo("ReLU");
    assertThat(Diagnostics.closest("Sigmod", layers)).isEqualTo("Sigmoid");
    assertThat(Diagnostics.closest("Lnear", layers)).isEqualTo("Linear");
    assertThat(Diagnostics.closest("Dense", layers)).isNull();
  }
}
