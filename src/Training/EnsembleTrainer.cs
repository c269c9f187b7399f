// Over 250 lines on purpose: the batched training loop is one procedure (science.md, "One training run", for R
// members at once); split into pieces it would scatter the order of random draws that reproducibility rests on.
using Mentia.Core.Records;
using System.Diagnostics;
using Mentia.Core.Data;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using TorchSharp;
using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>
/// R training runs of one architecture at once: weights stacked as [R, in, out] (biases [R, out]) and applied
/// with batched matrix products, gradients by hand (the network is small and fixed), masks and cross-entropy
/// by fused kernels, and Adam as one pass over all members' parameters. It is the protocol of
/// <see cref="SingleRunTrainer"/> member by member: each member keeps its own p_t, subset and N, seed,
/// initialisation, batch order, masks (the same counter-stream masks the single trainer draws), learning-rate
/// schedule and early-stopping state. A member whose epoch ends is validated on its own hold-out; a member that stops is
/// frozen with its best weights and dropped from the stacks while the others go on.
/// Members whose epochs end at the same step are validated together (<see cref="EnsembleValidation"/>).
/// </summary>
public static class EnsembleTrainer
{
    private static long _validationTicks;

    /// <summary>Whether members whose epochs end together are validated with one batched product (the default); off, one by one. The bench compares the two; the numbers are the same.</summary>
    internal static bool BatchedValidation { get; set; } = true;

    /// <summary>Time spent in validation by every ensemble of this process since it started (the bench reads it for validation's share).</summary>
    internal static TimeSpan ValidationTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _validationTicks));

    private sealed class Member(int index, TrainingRun run, RunData draw, TrainingSettings settings, Device device)
    {
        public int Index { get; } = index;
        public TrainingRun Run { get; } = run;
        public int[] Order { get; } = (int[])draw.Subset.Clone();
        public Tensor ValidationIndex { get; } = tensor(draw.Validation.Select(i => (long)i).ToArray(), device: device).DetachFromDisposeScope();
        public SplitMixRng BatchRng = new(Seeds.Derive(run.Seed, Seeds.Stream.BatchOrder));
        public ulong MaskSeed { get; } = Seeds.Derive(run.Seed, Seeds.Stream.TrainingMasks);
        public RunSchedule Schedule { get; } = new(settings);
        public List<EpochRecord> Curve { get; } = [];
        public float[][] Best { get; set; } = [];
        public int Position;
        public long Step;
        public double EpochLoss;
        public double EpochLearningRate;
    }

    /// <summary>
    /// Trains <paramref name="runs"/> (one architecture) as one batched ensemble; returns one model per run, in
    /// their order. <paramref name="epochEnded"/>, when given, is called on the training thread after each
    /// member's epoch (its run, and that epoch's 1-based number; a stopped member's last call is its last epoch):
    /// progress only, it cannot change a number. <paramref name="memberStopped"/>, when given, gets each member's model
    /// as soon as that member stops, while the others train on (a caller may evaluate it there: the rest of the
    /// ensemble's numbers do not depend on when that happens).
    /// </summary>
    public static IReadOnlyList<TrainedModel> Train(IReadOnlyList<TrainingRun> runs, TrainingSettings settings, MnistDataset data, EngineOptions options, CancellationToken ct,
        Action<TrainingRun, int, bool>? epochEnded = null, Action<TrainedModel>? memberStopped = null)
    {
        if (runs.Count == 0)
        {
            return [];
        }
        var arch = runs[0].Architecture;
        if (runs.Any(j => j.Architecture != arch))
        {
            throw new ArgumentException("an ensemble trains one architecture: all runs must share width and depth", nameof(runs));
        }
        var device = options.Apply();
        bool cpu = device.type == DeviceType.CPU;
        int threads = options.KernelThreads;
        var clock = Stopwatch.StartNew();
        using var runScope = NewDisposeScope(); // whatever the run creates is freed when it returns
        var (xAll, yAll) = DataCache.Get(data.Train, device);
        var labels = data.Train.Labels;
        int depth = arch.Depth, batch = settings.BatchSize;
        var members = runs.Select((j, i) => new Member(i, j, RunData.Draw(j, settings, data.Train.Count), settings, device)).ToList();

        // Stacked parameters, in the order W0, b0, W1, b1, ..., W_depth, b_depth; W_l is [R, in, out].
        var parameters = new List<Tensor>();
        for (int l = 0; l <= depth; l++)
        {
            int fin = Fcnn.LayerInputs(arch, l), fout = Fcnn.LayerOutputs(arch, l);
            var w = new float[members.Count * fin * fout];
            var b = new float[members.Count * fout];
            for (int r = 0; r < members.Count; r++)
            {
                var (wOutIn, bias) = Init.Layer(Seeds.Derive(members[r].Run.Seed, Seeds.Stream.Initialisation), l, fin, fout);
                Transpose(wOutIn, fout, fin, w.AsSpan(r * fin * fout, fin * fout));
                bias.CopyTo(b, r * fout);
            }
            parameters.Add(tensor(w, new long[] { members.Count, fin, fout }).to(device).DetachFromDisposeScope());
            parameters.Add(tensor(b, new long[] { members.Count, fout }).to(device).DetachFromDisposeScope());
        }
        var active = new List<Member>(members);
        for (int r = 0; r < active.Count; r++)
        {
            active[r].Best = Snapshot(parameters, r);
        }
        using var adam = new StackedAdam(parameters, threads);
        var results = new TrainedModel[members.Count];
        try
        {
            while (active.Count > 0)
            {
                ct.ThrowIfCancellationRequested();
                foreach (var m in active.Where(m => m.Position == 0))
                {
                    m.BatchRng.Shuffle(m.Order);
                    m.EpochLoss = 0;
                    m.EpochLearningRate = m.Schedule.LearningRate;
                }
                Step(active, parameters, adam, xAll, labels, arch, batch, cpu, threads, device);

                bool finished = false;
                var ended = Enumerable.Range(0, active.Count).Where(r => active[r].Position >= active[r].Order.Length).ToArray();
                double[] losses = ended.Length == 0 ? [] : Validate(active, ended, parameters, depth, xAll, yAll, settings.ValidationDropout);
                for (int e = 0; e < ended.Length; e++)
                {
                    int r = ended[e];
                    var m = active[r];
                    m.Position = 0;
                    double validationLoss = losses[e];
                    m.Curve.Add(new EpochRecord(m.Schedule.Epoch + 1, m.EpochLoss / m.Order.Length, validationLoss, m.EpochLearningRate));
                    var (improved, stop) = m.Schedule.EndEpoch(validationLoss);
                    if (improved)
                    {
                        m.Best = Snapshot(parameters, r);
                    }
                    epochEnded?.Invoke(m.Run, m.Schedule.Epoch, stop is not null);
                    if (stop is { } reason)
                    {
                        results[m.Index] = Finish(m, arch, reason, clock.Elapsed, settings, device, members.Count);
                        memberStopped?.Invoke(results[m.Index]);
                        m.Position = -1; // marks the member for removal
                        finished = true;
                    }
                }
                if (finished)
                {
                    var keep = Enumerable.Range(0, active.Count).Where(r => active[r].Position >= 0).ToArray();
                    active = keep.Select(r => active[r]).ToList();
                    if (active.Count == 0)
                    {
                        break;
                    }
                    using var keepIndex = tensor(keep.Select(r => (long)r).ToArray(), device: device);
                    for (int i = 0; i < parameters.Count; i++)
                    {
                        var kept = parameters[i].index_select(0, keepIndex).DetachFromDisposeScope();
                        parameters[i].Dispose();
                        parameters[i] = kept;
                    }
                    adam.Keep(keepIndex);
                }
            }
        }
        finally
        {
            foreach (var p in parameters)
            {
                p.Dispose();
            }
            foreach (var m in members)
            {
                m.ValidationIndex.Dispose();
            }
        }
        return results;
    }

    /// <summary>One optimisation step of every active member: each its own mini-batch (padded with zero-weight rows at an epoch's end), masks, loss and Adam update.</summary>
    private static unsafe void Step(List<Member> active, List<Tensor> parameters, StackedAdam adam, Tensor xAll, byte[] labels, Architecture arch, int batch, bool cpu, int threads, Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int members = active.Count, depth = arch.Depth;
        var index = new long[members * batch];
        var target = new int[members * batch];
        var rowWeight = new float[members * batch];
        var counts = new int[members];
        for (int r = 0; r < members; r++)
        {
            var m = active[r];
            int count = Math.Min(batch, m.Order.Length - m.Position);
            counts[r] = count;
            for (int i = 0; i < batch; i++)
            {
                int sample = m.Order[i < count ? m.Position + i : m.Position];
                index[r * batch + i] = sample;
                target[r * batch + i] = labels[sample];
                rowWeight[r * batch + i] = i < count ? 1f / count : 0f;
            }
        }
        var x = xAll.index_select(0, tensor(index, device: device)).view(members, batch, Fcnn.Inputs);
        var acts = new Tensor[depth + 1];
        var backFactor = new Tensor[depth];
        acts[0] = x;
        for (int l = 0; l < depth; l++)
        {
            var z = bmm(acts[l], parameters[2 * l]);
            var bias = parameters[2 * l + 1];
            if (cpu)
            {
                var a = empty_like(z);
                var d = empty_like(z);
                var jobs = new Kernels.ReluDropoutJob[members];
                float* pz = Native.F(z), pa = Native.F(a), pd = Native.F(d), pb = Native.F(bias);
                int width = arch.Width;
                for (int r = 0; r < members; r++)
                {
                    double p = active[r].Run.TrainRate;
                    long o = (long)r * batch * width;
                    jobs[r] = new Kernels.ReluDropoutJob
                    {
                        Z = pz + o, Bias = pb + r * width, A = pa + o, D = pd + o, Rows = batch, Cols = width,
                        Key = MaskKeys.Layer(MaskKeys.TrainingStep(active[r].MaskSeed, active[r].Step), l),
                        Threshold = Mix.Threshold(p), Scale = (float)(1.0 / (1.0 - p)), Relu = true,
                    };
                }
                Kernels.ReluDropout(jobs, threads);
                acts[l + 1] = a;
                backFactor[l] = d;
            }
            else
            {
                var zb = z.add_(bias.unsqueeze(1));
                var mask = stack(active.Select(m => Masks.Tensor(batch, arch.Width, 0, MaskKeys.Layer(MaskKeys.TrainingStep(m.MaskSeed, m.Step), l), m.Run.TrainRate, device)).ToArray());
                backFactor[l] = zb.gt(0).to_type(ScalarType.Float32).mul_(mask);
                acts[l + 1] = zb.relu().mul_(mask);
            }
        }
        var logits = bmm(acts[depth], parameters[2 * depth]).add_(parameters[2 * depth + 1].unsqueeze(1)).contiguous();
        var losses = new double[members];
        Tensor dLogits;
        if (cpu)
        {
            dLogits = empty_like(logits);
            float* pl = Native.F(logits), pg = Native.F(dLogits);
            int rows = batch * Fcnn.Classes;
            for (int r = 0; r < members; r++)
            {
                losses[r] = Kernels.CrossEntropyGrad(pl + (long)r * rows, pg + (long)r * rows, batch, Fcnn.Classes, target.AsSpan(r * batch, batch), rowWeight.AsSpan(r * batch, batch));
            }
        }
        else
        {
            var y = tensor(target.Select(t => (long)t).ToArray(), device: device).view(members, batch);
            var w = tensor(rowWeight, device: device).view(members, batch);
            var logp = logits.log_softmax(2);
            var nll = -logp.gather(2, y.unsqueeze(2)).squeeze(2);
            var perMember = (nll * w).sum(1L).cpu().data<float>().ToArray();
            for (int r = 0; r < members; r++)
            {
                losses[r] = perMember[r];
            }
            dLogits = logp.exp().sub_(nn.functional.one_hot(y, Fcnn.Classes).to_type(ScalarType.Float32)).mul_(w.unsqueeze(2));
        }
        var grads = new Tensor[parameters.Count];
        var dz = dLogits;
        for (int l = depth; l >= 0; l--)
        {
            grads[2 * l] = bmm(acts[l].transpose(1, 2), dz);
            grads[2 * l + 1] = dz.sum(1L);
            if (l > 0)
            {
                dz = bmm(dz, parameters[2 * l].transpose(1, 2)).mul_(backFactor[l - 1]);
            }
        }
        Span<double> lr = stackalloc double[members];
        for (int r = 0; r < members; r++)
        {
            lr[r] = active[r].Schedule.LearningRate;
        }
        adam.Step(parameters, grads, members, lr);
        for (int r = 0; r < members; r++)
        {
            var m = active[r];
            m.EpochLoss += losses[r] * counts[r];
            m.Position += counts[r];
            m.Step++;
        }
    }

    /// <summary>
    /// The validation losses of the members in slots <paramref name="ended"/> (their epochs ended at this step), in
    /// that order: one batched product per layer and chunk (<see cref="EnsembleValidation.Batched"/>, equal bit for bit to
    /// validating each alone), or member by member where <see cref="BatchedValidation"/> is off, MKL's mode would not
    /// make the two equal (<see cref="EnsembleValidation.BatchingIsExact"/>) or the device is not the CPU.
    /// </summary>
    private static double[] Validate(List<Member> active, int[] ended, List<Tensor> parameters, int depth, Tensor xAll, Tensor yAll, ValidationDropout dropout)
    {
        long start = Stopwatch.GetTimestamp();
        var rates = ended.Select(r => dropout == ValidationDropout.Train ? active[r].Run.TrainRate : 0.0).ToArray();
        var keys = ended.Select(r => MaskKeys.Validation(active[r].MaskSeed, active[r].Schedule.Epoch + 1)).ToArray();
        // Only on the CPU: the bit identity is MKL's (strict mode); cuBLAS' batched and single GEMMs make no such promise,
        // and a member's validation must not depend on which companions' epochs end with its own (the cluster groups freely).
        var losses = BatchedValidation && EnsembleValidation.BatchingIsExact && xAll.device_type == DeviceType.CPU
            ? EnsembleValidation.Batched(parameters, ended, depth, xAll, yAll, ended.Select(r => active[r].ValidationIndex).ToArray(), rates, keys)
            : ended.Select((r, i) => EnsembleValidation.PerMember(parameters, r, depth, xAll, yAll, active[r].ValidationIndex, rates[i], keys[i])).ToArray();
        Interlocked.Add(ref _validationTicks, Stopwatch.GetTimestamp() - start);
        return losses;
    }

    private static float[][] Snapshot(List<Tensor> parameters, int r)
    {
        using var scope = NewDisposeScope();
        return parameters.Select(p => p[r].cpu().contiguous().data<float>().ToArray()).ToArray();
    }

    private static TrainedModel Finish(Member m, Architecture arch, StopReason reason, TimeSpan elapsed, TrainingSettings settings, Device device, int ensembleSize)
    {
        var layout = ModelWeights.Layout(arch);
        var tensors = new List<WeightTensor>(layout.Count);
        for (int l = 0; l <= arch.Depth; l++)
        {
            int fin = Fcnn.LayerInputs(arch, l), fout = Fcnn.LayerOutputs(arch, l);
            var w = new float[fin * fout];
            Transpose(m.Best[2 * l], fin, fout, w);
            tensors.Add(new WeightTensor(layout[2 * l].Name, layout[2 * l].Shape, w));
            tensors.Add(new WeightTensor(layout[2 * l + 1].Name, layout[2 * l + 1].Shape, (float[])m.Best[2 * l + 1].Clone()));
        }
        var s = m.Schedule;
        var weights = new ModelWeights
        {
            Architecture = arch,
            TrainRate = m.Run.TrainRate,
            Size = m.Run.Size,
            Replica = m.Run.Replica,
            Seed = m.Run.Seed,
            Epochs = s.Epoch,
            BestValidationLoss = s.BestLoss,
            Tensors = tensors,
        };
        var outcome = new TrainingOutcome(m.Run, s.Epoch, s.BestEpoch, reason, s.BestLoss, m.Curve, elapsed,
            settings.ValidationDropout, KeptWeights.BestValidationEpoch, device.ToString(), $"ensemble R={ensembleSize}");
        return new TrainedModel(outcome, weights);
    }

    /// <summary>dst[c, r] = src[r, c] for a rows x cols row-major src.</summary>
    private static void Transpose(ReadOnlySpan<float> src, int rows, int cols, Span<float> dst)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                dst[c * rows + r] = src[r * cols + c];
            }
        }
    }
}
