namespace Mentia.Training;

/// <summary>
/// The engine's own helper threads for its fused kernels (<see cref="Kernels"/>): a fork-join loop whose
/// caller takes part, with helpers that spin briefly between loops and then sleep. A training step makes a
/// few such loops, each well under a millisecond, so a helper is useful only if it answers within
/// microseconds. The .NET thread pool does that in a quiet process, but in a silo it also runs Orleans'
/// messages, timers and result deliveries: there its threads ran 28 % of the blocks of the same ensemble
/// against 54 % in one process. These helpers run 17-18 % in both (BENCHMARKS.md, "Cluster"), so the engine
/// behaves the same whatever hosts it. One loop runs at a time; a caller that finds the helpers busy runs its
/// loop alone, with the same numbers (every block writes its own memory).
/// </summary>
internal static class KernelWorkers
{
    // About 50 microseconds of spinning (measured on the 2-core dev machine): it covers back-to-back kernels,
    // and ends before it would keep a core from libtorch's threads through a whole matrix product.
    private const int SpinIterations = 64;
    private const int MaxHelpers = 63;

    private static readonly object Growth = new();
    private static volatile Helper[] _helpers = [];
    private static int _busy;

    /// <summary>Runs body(0) .. body(count - 1) on up to <paramref name="threads"/> threads, the caller's included.</summary>
    public static void For(int count, int threads, Action<int> body)
    {
        int helpers = Math.Min(Math.Min(threads, count) - 1, MaxHelpers);
        if (helpers <= 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }
            return;
        }
        try
        {
            var pool = Ensure(helpers);
            var loop = new Loop(count, body);
            for (int h = 0; h < helpers; h++)
            {
                pool[h].Post(loop);
            }
            loop.Work();
            loop.WaitDone();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static Helper[] Ensure(int helpers)
    {
        var pool = _helpers;
        if (pool.Length >= helpers)
        {
            return pool;
        }
        lock (Growth)
        {
            if (_helpers.Length < helpers)
            {
                var grown = new Helper[helpers];
                _helpers.CopyTo(grown, 0);
                for (int h = _helpers.Length; h < helpers; h++)
                {
                    grown[h] = new Helper(h);
                }
                _helpers = grown;
            }
            return _helpers;
        }
    }

    /// <summary>One parallel loop: indices handed out one at a time; done when every index has run.</summary>
    private sealed class Loop(int count, Action<int> body)
    {
        private int _next = -1;
        private int _done;
        private Exception? _error;

        public void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref _next)) < count)
            {
                try
                {
                    body(i);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref _error, ex, null);
                }
                Interlocked.Increment(ref _done);
            }
        }

        /// <summary>Waits for the indices helpers took and are still running (a helper that wakes late finds none left).</summary>
        public void WaitDone()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _done) < count)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
            if (_error is { } error)
            {
                throw new AggregateException(error);
            }
        }
    }

    private sealed class Helper
    {
        private readonly SemaphoreSlim _wake = new(0);
        private Loop? _loop;
        private int _sleeping;

        public Helper(int index)
        {
            new Thread(Run) { IsBackground = true, Name = $"mentia-kernel-{index + 1}" }.Start();
        }

        public void Post(Loop loop)
        {
            Volatile.Write(ref _loop, loop);
            // Exchange is a full fence: either the helper sees the loop before it sleeps, or we see it asleep.
            if (Interlocked.Exchange(ref _sleeping, 0) == 1)
            {
                _wake.Release();
            }
        }

        private void Run()
        {
            while (true)
            {
                Take()?.Work();
            }
        }

        private Loop? Take()
        {
            for (int s = 0; s < SpinIterations; s++)
            {
                if (Interlocked.Exchange(ref _loop, null) is { } loop)
                {
                    return loop;
                }
                Thread.SpinWait(30);
            }
            Interlocked.Exchange(ref _sleeping, 1);
            if (Volatile.Read(ref _loop) is not null && Interlocked.Exchange(ref _sleeping, 0) == 1)
            {
                return Interlocked.Exchange(ref _loop, null);
            }
            // Either nothing was posted, or the poster cleared the flag and releases the semaphore: consume it.
            _wake.Wait();
            return Interlocked.Exchange(ref _loop, null);
        }
    }
}
