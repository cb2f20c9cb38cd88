package chainrule;

/** Where a {@code fit} run is, as its {@link Listener}s see it. Valid only during the call. */
public interface Status {
  /** The epoch running (or just ended), from 1. */
  int epoch();

  /** The epochs {@code fit} was asked for. */
  int epochs();

  /** The batch just done within its epoch, from 1. */
  int batch();

  /** Batches per epoch. */
  int batches();

  /** Steps done in this run so far, counting those restored from a backup. */
  long steps();

  /** The loss of the last step, before its update. */
  float batchLoss();

  /** The learning rate of this epoch (NaN if the optimizer does not tell it). */
  float learningRate();

  /** A copy of the history of the epochs ended so far. */
  History history();

  /** Ends training: after this batch when called from {@code batchEnd}, after this epoch from {@code epochEnd}. */
  void stop();
}
