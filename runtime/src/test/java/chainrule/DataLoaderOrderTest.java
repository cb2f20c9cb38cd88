package chainrule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chainrule.internal.ReferenceTrace;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The draws of PyTorch 1.13's {@code DataLoader(shuffle=True)}, replayed with {@link TorchGenerator} and
 * compared with the epoch orders torch itself produced (reference/dataloader_order.txt): per epoch one
 * {@code randomInt64} for the iterator's base seed, one for the sampler's seed, and {@code randperm(N)} on
 * a generator seeded with the second.
 */
class DataLoaderOrderTest {
  private static final ReferenceTrace TRACE = ReferenceTrace.read("dataloader_order.txt");

  @Test
  void everyRecordedEpochOrderIsReplayedExactly() {
    List<String[]> cases = TRACE.records("case");
    assertEquals(32, cases.size());
    int orders = 0;
    for (String[] c : cases) {
      String id = c[0];
      long seed = Long.parseLong(c[1]);
      String prelude = c[2];
      int n = Integer.parseInt(c[3]);
      TorchGenerator global = new TorchGenerator(seed);
      TorchGenerator sampler = new TorchGenerator(0);
      if (prelude.equals("linear")) {
        float[] scratch = new float[17];
        global.initLinear(scratch, 0, 2, 4);
        global.initLinear(scratch, 12, 4, 1);
      } else if (prelude.equals("unshuffled")) {
        String[] unshuffled = TRACE.recordsStartingWith("unshuffled", id).get(0);
        assertEquals(Long.parseLong(unshuffled[1]), global.randomInt64(), id + ": shuffle=False still draws");
      }
      int[] order = new int[n];
      for (String[] seeds : TRACE.recordsStartingWith("seeds", id)) {
        int epoch = Integer.parseInt(seeds[1]);
        assertEquals(Long.parseLong(seeds[2]), global.randomInt64(), id + " epoch " + epoch + " base seed");
        long samplerSeed = global.randomInt64();
        assertEquals(Long.parseLong(seeds[3]), samplerSeed, id + " epoch " + epoch + " sampler seed");
        sampler.reseed(samplerSeed);
        sampler.randperm(order, n);
        String[] expected = TRACE.recordsStartingWith("order", id).get(epoch);
        assertEquals(String.valueOf(epoch), expected[1]);
        int[] want = Arrays.stream(expected, 2, expected.length).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(want, order, id + " epoch " + epoch);
        orders++;
      }
      assertEquals(Long.parseLong(TRACE.recordsStartingWith("next", id).get(0)[1]), global.randomInt64(),
          id + ": the stream after the last epoch");
    }
    assertEquals(96, orders);
  }

  /**
   * {@code torch.randperm(n, generator=g)} after {@code g.manual_seed(12345)}, for n = 2^24 + 5 (recorded with
   * torch 1.13 on this machine): the 32-bit draw {@code random32 % (n - i)} holds beyond 2^24 rows too.
   */
  @Test
  void randpermOfSixteenMillionRowsMatchesTorch() {
    int n = (1 << 24) + 5;
    int[] perm = new int[n];
    new TorchGenerator(12345).randperm(perm, n);
    assertArrayEquals(new int[] {16469313, 14756442, 16645167, 7735362, 1396089, 2993582, 6164536, 9524011,
        5664544, 3556427}, Arrays.copyOf(perm, 10));
    assertArrayEquals(new int[] {5319977, 3651953, 12518913, 15043962, 15933301, 4538185, 5304003, 14612030,
        3752044, 499448}, Arrays.copyOfRange(perm, n - 10, n));
  }

  @Test
  void reseedIsAFreshGenerator() {
    TorchGenerator reused = new TorchGenerator(1);
    reused.nextInt();
    reused.reseed(777L + (3L << 40));
    TorchGenerator fresh = new TorchGenerator(777);
    for (int i = 0; i < 2000; i++) {
      assertEquals(fresh.nextInt(), reused.nextInt(), "output " + i);
    }
  }

  @Test
  void random64IsTwoOutputsFirstHigh() {
    TorchGenerator a = new TorchGenerator(777);
    TorchGenerator b = new TorchGenerator(777);
    long high = Integer.toUnsignedLong(b.nextInt());
    long low = Integer.toUnsignedLong(b.nextInt());
    long r = a.random64();
    assertEquals(high << 32 | low, r);
    assertEquals(655685735L, r >>> 32);
  }

  @Test
  void stateContinuesTheStreamExactly() {
    TorchGenerator g = new TorchGenerator(777);
    for (int i = 0; i < 700; i++) { // past one twist
      g.nextInt();
    }
    int[] state = new int[TorchGenerator.STATE_WORDS];
    g.state(state);
    TorchGenerator copy = new TorchGenerator(0);
    copy.setState(state);
    for (int i = 0; i < 2000; i++) {
      assertEquals(g.nextInt(), copy.nextInt(), "output " + i);
    }
    state[624] = 625;
    assertEquals("state[624] (the position) must be in [0, 624], was 625",
        assertThrows(IllegalArgumentException.class, () -> copy.setState(state)).getMessage());
    assertEquals("state must hold 625 ints, was 3 ints",
        assertThrows(IllegalArgumentException.class, () -> copy.setState(new int[3])).getMessage());
  }

  @Test
  void randpermChecksItsArguments() {
    TorchGenerator g = new TorchGenerator(0);
    assertEquals("n must be in [0, dst.length = 3], was 4",
        assertThrows(IllegalArgumentException.class, () -> g.randperm(new int[3], 4)).getMessage());
    int[] one = {7};
    g.randperm(one, 1);
    assertArrayEquals(new int[] {0}, one);
    assertEquals(new TorchGenerator(0).nextInt(), g.nextInt(), "randperm(1) draws nothing");
  }
}
