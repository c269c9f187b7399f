using Xunit;

// Engine tests share two cores and measure process memory: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
