namespace Mentia.Core.Specs;

/// <summary>The commented spec that `mentia spec example` prints; a test keeps it valid.</summary>
public static class SpecExample
{
    public const string Yaml = """
        # A Mentia sweep spec (YAML; the same keys work in JSON). Vocabulary: docs/results.md.
        # Every field is validated; `mentia spec validate FILE` lists all problems at once.
        name: my-sweep            # letters, digits, '-', '_', '.'; names the sweep's storage paths
        seed: 12345               # every random draw derives from this, the cell and the replica index

        model:
          widths: [100]           # hidden units per layer, 1..4096
          depths: [2]             # hidden layers, 1..32

        dropout:
          # Training rate p_t and evaluation rate p_e: a list, or a range {from, to, step}; each in [0, 1).
          p_t: [0.0, 0.2, 0.5, 0.8]
          p_e: {from: 0.0, to: 0.9, step: 0.1}   # `to` is included when it lies on the grid; a transition needs >= 4 p_e

        N: [250, 500, 1000, 2000]       # training-set sizes; N + training.validationSize <= 60000; alpha needs >= 3
        replicas: 4               # n: independent trainings per (width, depth, p_t, N); error bars need >= 2, collapses without the few-runs flag >= 4
        passes: 5                 # m: evaluation passes (fresh masks) per trained model and p_e

        training:                 # all optional; these are the defaults of docs/science.md
          learningRate: 0.001     # Adam, no weight decay; (0, 1]
          batchSize: 64
          maxEpochs: 200
          earlyStopPatience: 10   # epochs without a better validation loss; the best epoch's weights are kept
          plateauPatience: 5      # epochs of stalled validation loss before the learning rate is cut
          plateauFactor: 0.5      # the cut; (0, 1)
          validationSize: 10000   # held out of the 60,000 for early stopping and the scheduler
          validationDropout: off  # off: validation loss without dropout; train: at p_t

        analysis:                 # all optional
          bootstrapResamples: 1000  # B, resampling training runs
          thresholdSigma: 2.0       # a phase is called where |alpha| exceeds this many standard errors
          chanceTolerance: 0.05     # relative distance from ln 10 that counts as chance-level loss; at every N: amentia
          fss:
            ansatz: [bkt, algebraic]
            n0: 1                   # the BKT ansatz' fixed microscopic scale N0
            contour: 1.3x           # error-bar contour: 'Fx' (F x chi2_min) or '+1' (chi2_min + 1)
            # window: [0.3, 0.9]    # optional p_e window for the collapse

        # budget:                 # optional: the hardware the sweep is meant for; a warning when even the least
        #   hours: 24             #   possible work (evaluation exactly, training at 1 + earlyStopPatience epochs) exceeds the hours
        #   devices: 1            #   devices busy at once (silos x devices; 1 for mentia run)
        #   gflops: 40            #   sustained GFLOP/s of one device on Mentia's work (BENCHMARKS.md: ~40-110 on 2 CPU cores)

        """;
}
