using Microsoft.CodeAnalysis.CSharp;
using PoolAnalyzers.Tests.Verifiers;
using Test = PoolAnalyzers.Tests.Verifiers.PoolTest<PoolAnalyzers.Rules.BlockingWaitOnCheckoutAnalyzer, PoolAnalyzers.CodeFixes.Rules.BlockingWaitOnCheckoutFixer>;

namespace PoolAnalyzers.Tests.Rules;

public class BlockingWaitOnCheckoutTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using PoolRuntime;

        """;

    private const string CustomPool = """

        public class Connection { public int Id; }

        public class ConnectionPool
        {
            public Task<Connection> GetConnectionAsync() => Task.FromResult(new Connection());
            public Task<Connection> GetAsync(CancellationToken token) => Task.FromResult(new Connection());
        }
        """;

    private static Task VerifyFix(string source, string fixedSource, Action<Test>? configure = null) =>
        Verify.Fix(Usings + source + CustomPool, Usings + fixedSource + CustomPool, configure);

    private static Task VerifyNone(string source, Action<Test>? configure = null) =>
        Verify.Diagnostics(Usings + source + CustomPool, configure);

    [Fact]
    public Task Result_on_an_AsyncPool_rent_becomes_await() => VerifyFix(
        """
        class C
        {
            async Task Run(AsyncPool<Connection> pool)
            {
                using var lease = {|POOL002:pool.RentAsync().Result|};
                await Task.Yield();
            }
        }
        """,
        """
        class C
        {
            async Task Run(AsyncPool<Connection> pool)
            {
                using var lease = await pool.RentAsync();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task GetAwaiter_GetResult_and_AsTask_Result_become_await() => VerifyFix(
        """
        class C
        {
            async Task Run(AsyncPool<Connection> pool, ConnectionPool custom)
            {
                var a = {|POOL002:pool.TakeAsync().GetAwaiter().GetResult()|};
                var b = {|POOL002:pool.TryTakeAsync(100).AsTask().Result|};
                var c = {|POOL002:custom.GetConnectionAsync().ConfigureAwait(false).GetAwaiter().GetResult()|};
                await Task.Yield();
            }
        }
        """,
        """
        class C
        {
            async Task Run(AsyncPool<Connection> pool, ConnectionPool custom)
            {
                var a = await pool.TakeAsync();
                var b = await pool.TryTakeAsync(100);
                var c = await custom.GetConnectionAsync().ConfigureAwait(false);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Await_is_parenthesized_inside_a_larger_expression() => VerifyFix(
        """
        class C
        {
            async Task<int> Run(ConnectionPool pool) => {|POOL002:pool.GetConnectionAsync().Result|}.Id + 1;
        }
        """,
        """
        class C
        {
            async Task<int> Run(ConnectionPool pool) => (await pool.GetConnectionAsync()).Id + 1;
        }
        """);

    [Fact]
    public Task Wait_becomes_await_and_Wait_with_a_timeout_becomes_an_await_of_WhenAny_with_a_Delay_when_its_result_is_unused() => VerifyFix(
        """
        class C
        {
            async Task Run(ConnectionPool pool, CancellationToken token)
            {
                {|POOL002:pool.GetConnectionAsync().Wait()|};
                {|POOL002:pool.GetAsync(token).Wait(1000)|};
                {|POOL002:pool.GetAsync(token).Wait(TimeSpan.FromSeconds(1))|};
                if ({|POOL002:pool.GetConnectionAsync().Wait(500)|}) { }
            }
        }
        """,
        """
        class C
        {
            async Task Run(ConnectionPool pool, CancellationToken token)
            {
                await pool.GetConnectionAsync();
                await Task.WhenAny(pool.GetAsync(token), Task.Delay(1000));
                await Task.WhenAny(pool.GetAsync(token), Task.Delay(TimeSpan.FromSeconds(1)));
                if ({|POOL002:pool.GetConnectionAsync().Wait(500)|}) { }
            }
        }
        """,
        test =>
        {
            test.NumberOfFixAllIterations = 1; // Fix All applies both kinds of rewrite in one pass
            test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow; // if (t.Wait(500)) keeps its diagnostic: no fix
        });

    [Fact]
    public Task Async_lambdas_and_local_functions_are_async_code() => VerifyFix(
        """
        class C
        {
            void Run(ConnectionPool pool)
            {
                Func<Task<int>> lambda = async () => {|POOL002:pool.GetConnectionAsync().Result|}.Id;
                async Task<int> Local() => {|POOL002:pool.GetConnectionAsync().Result|}.Id;
            }
        }
        """,
        """
        class C
        {
            void Run(ConnectionPool pool)
            {
                Func<Task<int>> lambda = async () => (await pool.GetConnectionAsync()).Id;
                async Task<int> Local() => (await pool.GetConnectionAsync()).Id;
            }
        }
        """);

    [Fact]
    public Task No_fix_where_an_await_cannot_go() => Verify.NoFix<PoolAnalyzers.Rules.BlockingWaitOnCheckoutAnalyzer, PoolAnalyzers.CodeFixes.Rules.BlockingWaitOnCheckoutFixer>(
        Usings + """
        class C
        {
            private readonly object _sync = new object();

            async Task Run(ConnectionPool pool, ConnectionPool maybe)
            {
                lock (_sync)
                {
                    var c = {|POOL002:pool.GetConnectionAsync().Result|};
                }

                try { await Task.Yield(); }
                catch (Exception) when ({|POOL002:pool.GetConnectionAsync().Result|}.Id > 0) { }

                var id = maybe?{|POOL002:.GetConnectionAsync().Result|}.Id;
            }
        }
        """ + CustomPool);

    [Fact]
    public Task Synchronous_code_is_left_alone() => VerifyNone(
        """
        class C
        {
            private readonly Connection _connection;

            C(ConnectionPool pool) => _connection = pool.GetConnectionAsync().Result;

            Connection Property => new ConnectionPool().GetConnectionAsync().Result;

            static void Main() => new ConnectionPool().GetConnectionAsync().Wait();

            async Task Run(ConnectionPool pool)
            {
                await Task.Run(() => pool.GetConnectionAsync().Result);
                Func<Connection> sync = () => pool.GetConnectionAsync().GetAwaiter().GetResult();
            }
        }
        """);

    [Fact]
    public Task A_task_known_complete_is_left_alone() => VerifyNone(
        """
        class C
        {
            async Task Run(ConnectionPool pool)
            {
                var first = pool.GetConnectionAsync();
                var second = pool.GetConnectionAsync();
                await Task.WhenAll(first, second);
                var a = first.Result;
                var b = second.GetAwaiter().GetResult();

                var third = pool.GetConnectionAsync();
                await third;
                var c = third.Result;

                var raced = pool.GetConnectionAsync();
                if (await Task.WhenAny(raced, Task.Delay(100)) == raced)
                {
                    var d = raced.Result;
                }

                var winner = await Task.WhenAny(pool.GetConnectionAsync(), pool.GetConnectionAsync());
                var e = winner.Result;

                await pool.GetConnectionAsync().ContinueWith(t => t.Result.Id);
            }
        }
        """);

    [Fact]
    public Task A_task_that_only_raced_in_WhenAny_may_still_be_pending() => VerifyFix(
        """
        class C
        {
            async Task<int> Run(ConnectionPool pool)
            {
                var raced = pool.GetConnectionAsync();
                await Task.WhenAny(raced, Task.Delay(100));
                return {|POOL002:raced.Result|}.Id;
            }
        }
        """,
        """
        class C
        {
            async Task<int> Run(ConnectionPool pool)
            {
                var raced = pool.GetConnectionAsync();
                await Task.WhenAny(raced, Task.Delay(100));
                return (await raced).Id;
            }
        }
        """);

    [Fact]
    public Task A_checkout_held_in_a_local_is_found() => VerifyFix(
        """
        class C
        {
            async Task Run(ConnectionPool pool)
            {
                var pending = pool.GetConnectionAsync();
                var connection = {|POOL002:pending.Result|};
                await Task.Yield();
            }
        }
        """,
        """
        class C
        {
            async Task Run(ConnectionPool pool)
            {
                var pending = pool.GetConnectionAsync();
                var connection = await pending;
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Tasks_that_are_not_checkouts_are_left_alone() => VerifyNone(
        """
        class Worker
        {
            public Task<int> GetAsync() => Task.FromResult(1);
        }

        class C
        {
            async Task Run(Worker worker, SemaphoreSlim throttle)
            {
                var a = Task.FromResult(1).Result;
                var b = worker.GetAsync().Result;
                throttle.WaitAsync().Wait();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task A_pool_gate_WaitAsync_is_a_checkout() => VerifyFix(
        """
        class GatedPool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4);
            private readonly System.Collections.Concurrent.ConcurrentBag<Connection> _idle = new System.Collections.Concurrent.ConcurrentBag<Connection>();

            async Task<Connection> RentAsync()
            {
                {|POOL002:_gate.WaitAsync().Wait()|};
                await Task.Yield();
                _idle.TryTake(out var c);
                return c;
            }
        }
        """,
        """
        class GatedPool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4);
            private readonly System.Collections.Concurrent.ConcurrentBag<Connection> _idle = new System.Collections.Concurrent.ConcurrentBag<Connection>();

            async Task<Connection> RentAsync()
            {
                await _gate.WaitAsync();
                await Task.Yield();
                _idle.TryTake(out var c);
                return c;
            }
        }
        """);

    [Fact]
    public Task A_method_listed_in_editorconfig_is_a_checkout() => VerifyFix(
        """
        class Broker
        {
            public Task<Connection> LendAsync() => Task.FromResult(new Connection());
        }

        class C
        {
            async Task Run(Broker broker)
            {
                var c = {|POOL002:broker.LendAsync().Result|};
                await Task.Yield();
            }
        }
        """,
        """
        class Broker
        {
            public Task<Connection> LendAsync() => Task.FromResult(new Connection());
        }

        class C
        {
            async Task Run(Broker broker)
            {
                var c = await broker.LendAsync();
                await Task.Yield();
            }
        }
        """,
        test => test.EditorConfig = "pool_analyzers.checkout_methods = M:Broker.LendAsync");

    [Fact]
    public Task ConfigureAwait_is_added_when_editorconfig_asks_for_it() => VerifyFix(
        """
        class C
        {
            async Task Run(AsyncPool<Connection> pool)
            {
                using var lease = {|POOL002:pool.RentAsync().Result|};
                await Task.Yield();
            }
        }
        """,
        """
        class C
        {
            async Task Run(AsyncPool<Connection> pool)
            {
                using var lease = await pool.RentAsync().ConfigureAwait(false);
                await Task.Yield();
            }
        }
        """,
        test => test.EditorConfig = "pool_analyzers.configure_await = true");

    [Fact]
    public Task Works_in_CSharp_7_3() => VerifyFix(
        """
        class C
        {
            async Task<int> Run(ConnectionPool pool)
            {
                var connection = {|POOL002:pool.GetConnectionAsync().GetAwaiter().GetResult()|};
                return connection.Id;
            }
        }
        """,
        """
        class C
        {
            async Task<int> Run(ConnectionPool pool)
            {
                var connection = await pool.GetConnectionAsync();
                return connection.Id;
            }
        }
        """,
        test => test.LanguageVersion = LanguageVersion.CSharp7_3);
}
