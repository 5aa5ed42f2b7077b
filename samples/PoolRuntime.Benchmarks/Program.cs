using BenchmarkDotNet.Running;

// Run all:  dotnet run -c Release --project samples/PoolRuntime.Benchmarks -- --filter '*'
// Smoke:    dotnet run -c Release --project samples/PoolRuntime.Benchmarks -- --filter '*' --job dry
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
