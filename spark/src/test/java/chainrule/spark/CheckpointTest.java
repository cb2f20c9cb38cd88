package chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Fit;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Spark trained is a normal chainrule network: saved as a checkpoint, a plain JVM loads it. */
class CheckpointTest {
  @TempDir Path dir;

  @Test
  void aPlainNetworkLoadsWhatSparkTrained() throws IOException {
    Data iris = Rows.iris140();
    IrisNet trained = IrisNet.create(1);
    SparkTrainer.of(() -> IrisNet.create(0)).fit(trained, Rows.dataset(iris, Rows.Features.VECTOR, 40, 60, 40),
        Fit.epochs(20).optimizer(new Adam(0.01f)).silent());
    Path file = dir.resolve("iris.chainrule");
    trained.save(file);

    IrisNet loaded = IrisNet.create(99); // other parameters, until it loads the file
    loaded.load(file);
    assertArrayEquals(trained.parameters(), loaded.parameters());
    assertArrayEquals(trained.forward(iris.features(), iris.rows()), loaded.forward(iris.features(), iris.rows()));
  }
}
