using Microsoft.CodeAnalysis.Testing;
using Test = PoolAnalyzers.Tests.Verifiers.PoolTest<PoolAnalyzers.Rules.MultiplexerPoolAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace PoolAnalyzers.Tests.Rules;

public class MultiplexerPoolTests
{
    private const string Usings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PoolRuntime;
        using StackExchange.Redis;

        """;

    private static Task Verify(string source, Action<Test>? configure = null) =>
        Verifiers.Verify.Diagnostics<PoolAnalyzers.Rules.MultiplexerPoolAnalyzer, EmptyCodeFixProvider>(Usings + source, test =>
        {
            test.ReferenceAssemblies = test.ReferenceAssemblies.AddPackages([new PackageIdentity("StackExchange.Redis", "2.8.16")]);
            configure?.Invoke(test);
        });

    [Fact]
    public Task Exclusive_lease_pools_of_multiplexers_are_reported_whatever_they_are_built_on() => Verify(
        """
        class BlockingPool
        {
            private readonly BlockingCollection<ConnectionMultiplexer> _idle = {|POOL004:new BlockingCollection<ConnectionMultiplexer>(8)|};
            public ConnectionMultiplexer Get() => _idle.Take();
            public void Return(ConnectionMultiplexer c) => _idle.Add(c);
        }

        class AsyncPools
        {
            private readonly AsyncPool<ConnectionMultiplexer> _multiplexers = {|POOL004:new AsyncPool<ConnectionMultiplexer>(8)|};
            private readonly AsyncPool<IDatabase> _databases = {|POOL004:new AsyncPool<IDatabase>(8)|};
        }

        class GatedBag
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4, 4);
            private readonly ConcurrentBag<IConnectionMultiplexer> _idle = {|POOL004:new ConcurrentBag<IConnectionMultiplexer>()|};

            public IConnectionMultiplexer Rent()
            {
                _gate.Wait();
                return _idle.TryTake(out var c) ? c : ConnectionMultiplexer.Connect("localhost");
            }

            public void Return(IConnectionMultiplexer c) { _idle.Add(c); _gate.Release(); }
        }

        class NonBlockingBag
        {
            private readonly ConcurrentBag<ConnectionMultiplexer> _idle = {|POOL004:new ConcurrentBag<ConnectionMultiplexer>()|};
            public ConnectionMultiplexer Rent() => _idle.TryTake(out var c) ? c : ConnectionMultiplexer.Connect("localhost");
            public void Return(ConnectionMultiplexer c) => _idle.Add(c);
        }
        """);

    [Fact]
    public Task Shared_multiplexers_round_robin_arrays_and_pools_of_other_clients_are_not_reported() => Verify(
        """
        static class Shared
        {
            private static readonly Lazy<ConnectionMultiplexer> Connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect("localhost"));
            public static IDatabase Database => Connection.Value.GetDatabase();
        }

        class RoundRobin
        {
            private readonly ConnectionMultiplexer[] _connections = new ConnectionMultiplexer[4];
            private int _next;
            public ConnectionMultiplexer Next() => _connections[Interlocked.Increment(ref _next) % _connections.Length];
        }

        class Owner : IDisposable
        {
            private readonly List<ConnectionMultiplexer> _all = new List<ConnectionMultiplexer>();
            public void Track(ConnectionMultiplexer c) => _all.Add(c);
            public void Dispose() { foreach (var c in _all) c.Dispose(); }
        }

        class SocketClient { }

        class ClientPool
        {
            private readonly BlockingCollection<SocketClient> _idle = new BlockingCollection<SocketClient>(8);
            private readonly AsyncPool<SocketClient> _async = new AsyncPool<SocketClient>(8);
            public SocketClient Get() => _idle.Take();
            public void Return(SocketClient c) => _idle.Add(c);
        }
        """);

    [Fact]
    public Task A_look_alike_ConnectionMultiplexer_outside_StackExchange_Redis_is_not_reported() =>
        Verifiers.Verify.Diagnostics<PoolAnalyzers.Rules.MultiplexerPoolAnalyzer, EmptyCodeFixProvider>(
            """
            using PoolRuntime;

            class ConnectionMultiplexer { }

            class C
            {
                private readonly AsyncPool<ConnectionMultiplexer> _pool = new AsyncPool<ConnectionMultiplexer>(8);
            }
            """);
}
