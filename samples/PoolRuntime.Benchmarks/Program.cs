using BenchmarkDotNet.Running;

// Run all:  dotnet run -c Release --project samples/PoolRuntime.Benchmarks -- --filter '*'
// Smoke:    dotnet run -c Release --project samples/PoolRuntime.Benchmarks -- --filter '*' --job dry
// What a timed-out wait costs under overload (whole-process CPU, not BenchmarkDotNet):
//           dotnet run -c Release --project samples/PoolRuntime.Benchmarks -- timeout-cost
if (args is [TimeoutCost.Mode])
{
    return await TimeoutCost.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
