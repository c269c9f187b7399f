using Orleans.Runtime;

namespace Mentia.Client.Infrastructure;

/// <summary>
/// A call that a long-running poll (`mentia watch`, `submit --wait`) outlives when the cluster briefly cannot
/// answer: a silo lost and not yet declared dead, the storage emulator down, the sweep grain being placed again
/// after either (Orleans answers those with <see cref="OrleansException"/>s, timeouts, or an
/// <see cref="OperationCanceledException"/> whose message says the request expired). The sweep goes on in the
/// cluster meanwhile, so the watcher waits and tells the reader, instead of ending with an error that reads as
/// if the sweep had failed. Only the caller's own token, or <see cref="Patience"/> of unbroken failure, ends it.
/// </summary>
public static class ClusterPoll
{
    /// <summary>How long a poll keeps retrying one call before it reports the cluster as unavailable.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>Between two tries of a failing call.</summary>
    public static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);

    /// <summary>True for an error of a call to the cluster that says nothing about the sweep, only that the cluster did not answer now.</summary>
    public static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        CommandInterruptedException => false,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        TimeoutException or OrleansException => true,
        _ => false,
    };

    /// <summary>
    /// The call's answer, retried every <see cref="Backoff"/> while it fails transiently, for at most
    /// <paramref name="patience"/> (default <see cref="Patience"/>); <paramref name="waiting"/> is told each failure
    /// (the error, how long the cluster has not answered, and the failures of this call so far: 1 is a new outage). Throws <see cref="ClusterUnavailableException"/> past
    /// the patience, and any other error at once.
    /// </summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, Action<Exception, TimeSpan, int>? waiting, CancellationToken cancellationToken, TimeSpan? patience = null)
    {
        var limit = patience ?? Patience;
        var since = DateTimeOffset.UtcNow;
        var failures = 0;
        while (true)
        {
            try
            {
                return await call().WaitAsync(cancellationToken);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                var silent = DateTimeOffset.UtcNow - since;
                if (silent >= limit)
                {
                    throw new ClusterUnavailableException($"the cluster has not answered for {silent.TotalSeconds:0} s (last: {e.Message})");
                }
                waiting?.Invoke(e, silent, ++failures);
                await Task.Delay(Backoff, cancellationToken);
            }
        }
    }
}
