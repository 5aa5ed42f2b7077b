// The fault tests hold timing bounds and count unobserved task exceptions, which .NET reports process-wide; the other
// tests of this assembly run dotnet build and dotnet format. None runs in parallel, so that none disturbs another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
