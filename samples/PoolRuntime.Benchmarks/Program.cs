using BenchmarkDotNet.Running;

// Run all:  dotnet run -c Release --project samples/PoolRuntime.Benchmarks -- --filter '*'
// Smoke:    dotnet run -c Release --project samples/PoolRuntime.Benchmarks -- --filter '*' --job dry
// What a timed-out wait costs under overload (whole-process CPU, not BenchmarkDotNet):
//           dotnet run -c Release --project samples/PoolRuntime.Benchmarks -- timeout-cost
// How often and how long threads waited for locks, from runtime traces taken with the contention keyword:
//           dotnet run -c Release --project samples/PoolRuntime.Benchmarks -- lock-waits <trace.nettrace>...
if (args is [TimeoutCost.Mode])
{
    return await TimeoutCost.RunAsync();
}

if (args is [LockWaits.Mode, .. var traces])
{
    return LockWaits.Run(traces);
}

if (args is [LockWaits.CalibrationMode])
{
    return LockWaits.Calibrate();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
