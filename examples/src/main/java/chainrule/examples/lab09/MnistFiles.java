package chainrule.examples.lab09;

import chainrule.Data;
import chainrule.Idx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The four IDX files of MNIST or Fashion-MNIST (same names, same format) in one directory, read the way the
 * lab-09 notebooks see them: the training images through {@code ToTensor()} ({@code pixel / 255f}), the test
 * images both ways, because labs 1–5 test on the raw 0–255 pixels ({@code test_data.view(-1, 784).float()}).
 *
 * @param train 60 000 rows × 784 features in [0, 1], class labels
 * @param testRaw 10 000 × 784 raw pixels, 0–255, as floats
 * @param testLabels the 10 000 test labels
 */
public record MnistFiles(Data train, float[] testRaw, int[] testLabels) {
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
  /** Where the programs look unless given {@code --data DIR}: relative to the working directory, the repository root. */
  public static final Path DEFAULT_DIR = Path.of("data", "fashion-mnist");
  /** Pixels per image, 28 × 28. */
  public static final int PIXELS = 784;
  /** Classes: digits, or Fashion-MNIST's ten kinds of clothing. */
  public static final int CLASSES = 10;
  /** The most epochs a program runs: each keeps a few values an epoch, and one takes seconds at least. */
  public static final int MAX_EPOCHS = 100_000;

  /** Reads the four files from {@code dir}. */
  public static MnistFiles read(Path dir) throws IOException {
    for (String name : new String[] {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS}) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        throw new IllegalArgumentException("--data " + dir + " must hold " + name + " (MNIST or Fashion-MNIST IDX "
            + "files; run from the repository root for the default data/fashion-mnist), but " + dir.resolve(name)
            + " is not a file");
      }
    }
    Data train = Idx.labels(dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS));
    Idx.Array images = Idx.read(dir.resolve(TEST_IMAGES));
    Idx.Array labels = Idx.read(dir.resolve(TEST_LABELS));
    int rows = images.dimensions()[0];
    if (images.itemSize() != PIXELS || train.inputs() != PIXELS || labels.values().length != rows) {
      throw new IllegalArgumentException(dir + " must hold 28 × 28 images with one label each, has training rows of "
          + train.inputs() + " pixels, test rows of " + images.itemSize() + " pixels, " + rows + " test images and "
          + labels.values().length + " test labels");
    }
    int[] testLabels = new int[rows];
    for (int r = 0; r < rows; r++) {
      float label = labels.values()[r];
      if (!(label >= 0 && label < CLASSES && label == Math.rint(label))) {
        throw new IllegalArgumentException(dir.resolve(TEST_LABELS) + " item " + r + " is " + label
            + "; MNIST and Fashion-MNIST labels are the classes 0 to " + (CLASSES - 1));
      }
      testLabels[r] = (int) label;
    }
    return new MnistFiles(train, images.values(), testLabels);
  }

  /** Test images. */
  public int testRows() {
    return testLabels.length;
  }

  /** The test images as {@code ToTensor()} gives them, {@code pixel / 255f} (the batch-norm notebook's test). */
  public float[] testScaled() {
    float[] x = testRaw.clone();
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] / 255f;
    }
    return x;
  }
}
