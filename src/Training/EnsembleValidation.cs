using static TorchSharp.torch;

namespace Mentia.Training;

/// <summary>
/// The validation loss that ends an epoch of <see cref="EnsembleTrainer"/>'s members: the mean cross-entropy over
/// each member's validation hold-out, in chunks of <see cref="Chunk"/> rows, at rate 0 or p_t (masks from the
/// counter stream, <see cref="MaskKeys.Validation"/>, as <see cref="SingleRunTrainer"/> draws them).
/// <see cref="PerMember"/> validates one member with one mm per layer and chunk; <see cref="Batched"/> validates
/// every member whose epoch ended at the same step with one batched product per layer and chunk (baddbmm over
/// the members, one gather of all their rows). The two must agree bit for bit (the loss decides early stopping
/// and the kept weights): tests/Training.Tests/EnsembleValidationTests.cs checks it. The trainer batches on the CPU only.
/// </summary>
internal static class EnsembleValidation
{
    /// <summary>Rows per chunk: bounds the activations of a validation (chunk x width floats per member and layer).</summary>
    public const int Chunk = 2000;

    /// <summary>
    /// Whether <see cref="Batched"/> equals <see cref="PerMember"/> bit for bit in this process: libtorch's MKL runs in
    /// conditional numerical reproducibility with STRICT (the engine's default, <see cref="NativeTuning"/>) or COMPATIBLE.
    /// Measured 2026-12-01 on this Intel Xeon VM: with MKL_CBWR=AUTO (not strict) MKL's batched GEMM accumulates
    /// the bias in another order than addmm and the losses differ in the last bits; with AUTO,STRICT and COMPATIBLE they
    /// are equal. A user's own non-strict MKL_CBWR therefore gets member-by-member validation, the old numbers.
    /// </summary>
    public static bool BatchingIsExact { get; } = IsExact(Environment.GetEnvironmentVariable("MKL_CBWR"), NativeTuning.StrictReproducibility);

    /// <summary>The rule of <see cref="BatchingIsExact"/>: userSetting is the MKL_CBWR the process started with (null: none, so the engine's AUTO,STRICT if it could set it).</summary>
    internal static bool IsExact(string? userSetting, bool engineSetStrict) => userSetting is null
        ? engineSetStrict
        : userSetting.Contains("STRICT", StringComparison.OrdinalIgnoreCase) || userSetting.StartsWith("COMPATIBLE", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// One member's loss: the member in slot <paramref name="slot"/> of the stacked parameters (W_l [R, in, out],
    /// b_l [R, out]), validation rows <paramref name="validationIndex"/> (int64) of xAll [count, 784] and yAll
    /// [count]. The reference the batched path is checked against.
    /// </summary>
    public static double PerMember(IReadOnlyList<Tensor> parameters, int slot, int depth, Tensor xAll, Tensor yAll, Tensor validationIndex, double rate, ulong callKey)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long n = validationIndex.shape[0];
        double sum = 0;
        for (long s = 0; s < n; s += Chunk)
        {
            var idx = validationIndex.narrow(0, s, Math.Min(Chunk, n - s));
            var h = xAll.index_select(0, idx);
            for (int l = 0; l < depth; l++)
            {
                h = addmm(parameters[2 * l + 1][slot], h, parameters[2 * l][slot], 1f, 1f).relu_();
                if (rate > 0)
                {
                    h = h.mul_(Masks.Tensor(h.shape[0], (int)h.shape[1], s * h.shape[1], MaskKeys.Layer(callKey, l), rate, h.device));
                }
            }
            var logits = addmm(parameters[2 * depth + 1][slot], h, parameters[2 * depth][slot], 1f, 1f);
            sum += nn.functional.cross_entropy(logits, yAll.index_select(0, idx), reduction: nn.Reduction.Sum).item<float>();
        }
        return sum / n;
    }

    /// <summary>
    /// The losses of the members in <paramref name="slots"/> (ascending or not, each once), in that order: member i
    /// uses validation rows validationIndex[i], rate rates[i] and mask key callKeys[i]. All validation sets have one
    /// size (training.validationSize). Equal bit for bit to <see cref="PerMember"/> for each.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, or the validation sets in size.</exception>
    public static double[] Batched(IReadOnlyList<Tensor> parameters, IReadOnlyList<int> slots, int depth, Tensor xAll, Tensor yAll,
        IReadOnlyList<Tensor> validationIndex, IReadOnlyList<double> rates, IReadOnlyList<ulong> callKeys)
    {
        int k = slots.Count;
        if (validationIndex.Count != k || rates.Count != k || callKeys.Count != k)
        {
            throw new ArgumentException($"{k} slots need {k} validation sets, rates and keys; got {validationIndex.Count}, {rates.Count}, {callKeys.Count}");
        }
        if (k == 1)
        {
            return [PerMember(parameters, slots[0], depth, xAll, yAll, validationIndex[0], rates[0], callKeys[0])];
        }
        long n = validationIndex[0].shape[0];
        if (validationIndex.Any(v => v.shape[0] != n))
        {
            throw new ArgumentException("the members' validation sets must have one size");
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var device = xAll.device;
        // The members' own slices of the stacks (all of them: the stacks themselves, no copy).
        bool all = k == parameters[0].shape[0] && slots.Select((s, i) => s == i).All(b => b);
        var slotIndex = tensor(slots.Select(s => (long)s).ToArray(), device: device);
        var stacked = parameters.Select(p => all ? p : p.index_select(0, slotIndex)).ToArray();
        // Every member's validation rows, member-major: one gather per chunk instead of one per member.
        var rows = stack(validationIndex.ToArray()); // [k, n]
        var sums = new double[k];
        for (long s = 0; s < n; s += Chunk)
        {
            long c = Math.Min(Chunk, n - s);
            var idx = rows.narrow(1, s, c);
            var h = xAll.index_select(0, idx.reshape(-1)).view(k, c, xAll.shape[1]);
            for (int l = 0; l < depth; l++)
            {
                h = BiasBmm(stacked[2 * l + 1], h, stacked[2 * l]).relu_();
                for (int i = 0; i < k; i++)
                {
                    if (rates[i] > 0)
                    {
                        h[i].mul_(Masks.Tensor(c, (int)h.shape[2], s * h.shape[2], MaskKeys.Layer(callKeys[i], l), rates[i], device));
                    }
                }
            }
            var logits = BiasBmm(stacked[2 * depth + 1], h, stacked[2 * depth]);
            var targets = yAll.index_select(0, idx.reshape(-1)).view(k, c);
            for (int i = 0; i < k; i++)
            {
                sums[i] += nn.functional.cross_entropy(logits[i], targets[i], reduction: nn.Reduction.Sum).item<float>();
            }
        }
        return sums.Select(x => x / n).ToArray();
    }

    /// <summary>
    /// bias[:, None, :] + h @ w for bias [k, out], h [k, rows, in], w [k, in, out]: libtorch's baddbmm with beta = alpha = 1,
    /// which (like addmm) copies the bias into the result and lets the GEMM accumulate onto it. TorchSharp 0.107's
    /// Tensor.baddbmm hands its arguments to libtorch rotated (this, batch1, batch2 arrive as batch1, batch2, self:
    /// bias.baddbmm(h, w) fails on the shapes), so the call is written in the order that arrives right; the
    /// bit-identity test fails if a TorchSharp update changes that.
    /// </summary>
    private static Tensor BiasBmm(Tensor bias, Tensor h, Tensor w) => h.baddbmm(w, bias.unsqueeze(1), 1f, 1f);
}
