namespace Mentia.Storage.Records;

/// <summary>A stored record that cannot be used: missing, corrupt, truncated, altered, misfiled or of an unknown version.</summary>
/// <param name="kind">What the record holds, for the message: "weights", "evaluation".</param>
public abstract class RecordFormatException(string kind, string recordName, string reason, Exception? inner)
    : Exception($"{kind} record '{recordName}' is unusable: {reason}", inner)
{
    public string RecordName { get; } = recordName;
    public string Reason { get; } = reason;
}

/// <summary>A weights record that cannot be used (the run must be trained again).</summary>
public sealed class WeightsFormatException(string recordName, string reason, Exception? inner = null)
    : RecordFormatException("weights", recordName, reason, inner);

/// <summary>A stored evaluation record that cannot be used (that chunk must be evaluated again).</summary>
public sealed class EvaluationFormatException(string recordName, string reason, Exception? inner = null)
    : RecordFormatException("evaluation", recordName, reason, inner);
