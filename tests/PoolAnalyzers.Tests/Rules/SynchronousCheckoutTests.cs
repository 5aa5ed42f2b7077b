using Microsoft.CodeAnalysis.CSharp;
using PoolAnalyzers.Tests.Verifiers;
using Test = PoolAnalyzers.Tests.Verifiers.PoolTest<PoolAnalyzers.Rules.SynchronousCheckoutAnalyzer, PoolAnalyzers.CodeFixes.Rules.SynchronousCheckoutFixer>;

namespace PoolAnalyzers.Tests.Rules;

public class SynchronousCheckoutTests
{
    private const string Usings = """
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;
        using PoolRuntime;

        """;

    private const string Types = """

        public class Connection { public int Id; }
        """;

    private static Task VerifyFix(string source, string fixedSource, Action<Test>? configure = null) =>
        Verify.Fix(Usings + source + Types, Usings + fixedSource + Types, configure);

    /// <summary>For a fix that swaps the file's last BlockingCollection: the using it no longer needs goes too.</summary>
    private static Task VerifyFixReleasingConcurrent(string source, string fixedSource) =>
        Verify.Fix(Usings + source + Types, Usings.Replace("using System.Collections.Concurrent;\n", string.Empty, StringComparison.Ordinal) + fixedSource + Types, (Action<Test>?)null);

    private static Task VerifyNoFix(string source, Action<Test>? configure = null) =>
        Verify.NoFix(Usings + source + Types, configure);

    private static Task VerifyNone(string source, Action<Test>? configure = null) =>
        Verify.Diagnostics(Usings + source + Types, configure);

    [Fact]
    public Task Blocking_takes_from_a_BlockingCollection_in_async_code_are_reported_without_a_fix() => VerifyNoFix(
        """
        class C
        {
            private readonly BlockingCollection<Connection> _pool = new BlockingCollection<Connection>(4);

            async Task Run(CancellationToken token)
            {
                var a = {|POOL003:_pool.Take()|};
                var b = {|POOL003:_pool.Take(token)|};
                {|POOL003:_pool.TryTake(out var c, 1000)|};
                {|POOL003:_pool.TryTake(out var d, TimeSpan.FromSeconds(1))|};
                {|POOL003:_pool.TryTake(out var e, Timeout.Infinite)|};
                {|POOL003:_pool.TryTake(out var f, 500, token)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task On_a_BlockingCollection_pool_the_fix_swaps_the_pool_to_AsyncPool_then_awaits_its_checkout() => VerifyFixReleasingConcurrent(
        """
        class RedisPool
        {
            private readonly BlockingCollection<Connection> _pool = new BlockingCollection<Connection>(4);

            public async Task<int> UseAsync(CancellationToken token)
            {
                if (!{|POOL003:_pool.TryTake(out var connection, TimeSpan.FromSeconds(1))|})
                {
                    throw new TimeoutException("No connection available.");
                }

                try { await Task.Yield(); return connection.Id; }
                finally { _pool.Add(connection); }
            }

            public async Task<int> FirstAsync()
            {
                var connection = {|POOL003:_pool.Take()|};
                try { await Task.Yield(); return connection.Id; }
                finally { _pool.Add(connection); }
            }
        }
        """,
        """
        class RedisPool
        {
            private readonly AsyncPool<Connection> _pool = new AsyncPool<Connection>(4);

            public async Task<int> UseAsync(CancellationToken token)
            {
                var connection = await _pool.TryTakeAsync(TimeSpan.FromSeconds(1), token);
                if (connection is null)
                {
                    throw new TimeoutException("No connection available.");
                }

                try { await Task.Yield(); return connection.Id; }
                finally { _pool.Add(connection); }
            }

            public async Task<int> FirstAsync()
            {
                var connection = await _pool.TakeAsync();
                try { await Task.Yield(); return connection.Id; }
                finally { _pool.Add(connection); }
            }
        }
        """);

    [Fact]
    public Task Calls_that_never_wait_and_synchronous_code_are_left_alone() => VerifyNone(
        """
        class C
        {
            private readonly BlockingCollection<Connection> _pool = new BlockingCollection<Connection>(4);
            private readonly ConcurrentBag<Connection> _bag = new ConcurrentBag<Connection>();
            private readonly BlockingCollection<int> _ints = new BlockingCollection<int>();
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

            async Task Run()
            {
                _pool.TryTake(out var a);
                _pool.TryTake(out var b, 0);
                _ints.TryTake(out var i);
                _pool.TryTake(out var c, TimeSpan.Zero);
                _bag.TryTake(out var d);
                _gate.Wait(0);
                _gate.Wait(TimeSpan.Zero);
                _pool.Add(new Connection());
                await Task.Run(() => _pool.Take());
                Func<Connection> later = () => _pool.Take();
            }

            Connection Synchronous() => _pool.Take();
        }
        """);

    [Fact]
    public Task AsyncPool_Take_becomes_await_TakeAsync_passing_the_token_in_scope() => VerifyFix(
        """
        class C
        {
            async Task<int> Run(AsyncPool<Connection> pool, CancellationToken cancellationToken)
            {
                var connection = {|POOL003:pool.Take()|};
                try { return connection.Id; } finally { pool.Add(connection); }
            }

            async Task<int> Other(AsyncPool<Connection> pool) => {|POOL003:pool.Take()|}.Id;
        }
        """,
        """
        class C
        {
            async Task<int> Run(AsyncPool<Connection> pool, CancellationToken cancellationToken)
            {
                var connection = await pool.TakeAsync(cancellationToken);
                try { return connection.Id; } finally { pool.Add(connection); }
            }

            async Task<int> Other(AsyncPool<Connection> pool) => (await pool.TakeAsync()).Id;
        }
        """);

    [Fact]
    public Task AsyncPool_TryTake_with_a_timeout_becomes_TryTakeAsync_and_a_null_test() => VerifyFix(
        """
        class C
        {
            async Task<int> Run(AsyncPool<Connection> pool)
            {
                if (!{|POOL003:pool.TryTake(out var connection, 1000)|})
                {
                    throw new TimeoutException("No connection available.");
                }

                try { return connection.Id; } finally { pool.Add(connection); }
            }

            async Task<int> Positive(AsyncPool<Connection> pool, CancellationToken token)
            {
                Connection c;

                // Keep this comment once.
                if ({|POOL003:pool.TryTake(out c, TimeSpan.FromSeconds(1))|})
                {
                    pool.Add(c);
                    return 1;
                }

                return 0;
            }
        }
        """,
        """
        class C
        {
            async Task<int> Run(AsyncPool<Connection> pool)
            {
                var connection = await pool.TryTakeAsync(1000);
                if (connection is null)
                {
                    throw new TimeoutException("No connection available.");
                }

                try { return connection.Id; } finally { pool.Add(connection); }
            }

            async Task<int> Positive(AsyncPool<Connection> pool, CancellationToken token)
            {
                Connection c;

                // Keep this comment once.
                c = await pool.TryTakeAsync(TimeSpan.FromSeconds(1), token);
                if (c is not null)
                {
                    pool.Add(c);
                    return 1;
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task TryTake_in_CSharp_7_3_tests_with_not_equals() => VerifyFix(
        """
        class C
        {
            async Task<int> Run(AsyncPool<Connection> pool)
            {
                if ({|POOL003:pool.TryTake(out var c, 100)|})
                {
                    pool.Add(c);
                }

                await Task.Yield();
                return 0;
            }
        }
        """,
        """
        class C
        {
            async Task<int> Run(AsyncPool<Connection> pool)
            {
                var c = await pool.TryTakeAsync(100);
                if (c != null)
                {
                    pool.Add(c);
                }

                await Task.Yield();
                return 0;
            }
        }
        """,
        test => test.LanguageVersion = LanguageVersion.CSharp7_3);

    [Fact]
    public Task TryTake_in_a_shape_without_a_faithful_rewrite_gets_no_fix() => VerifyNoFix(
        """
        class C
        {
            async Task<bool> Run(AsyncPool<Connection> pool)
            {
                var ok = {|POOL003:pool.TryTake(out _, 100)|};
                await Task.Yield();
                return ok && {|POOL003:pool.TryTake(out var c, 5)|};
            }
        }
        """);

    [Fact]
    public Task A_pool_gate_Wait_becomes_await_WaitAsync_keeping_its_bool() => VerifyFix(
        """
        class GatedPool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4);
            private readonly ConcurrentStack<Connection> _idle = new ConcurrentStack<Connection>();

            public async Task<Connection> RentAsync(CancellationToken token)
            {
                if (!{|POOL003:_gate.Wait(1000)|})
                {
                    throw new TimeoutException();
                }

                {|POOL003:_gate.Wait()|};
                _idle.TryPop(out var connection);
                await Task.Yield();
                return connection;
            }
        }
        """,
        """
        class GatedPool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4);
            private readonly ConcurrentStack<Connection> _idle = new ConcurrentStack<Connection>();

            public async Task<Connection> RentAsync(CancellationToken token)
            {
                if (!await _gate.WaitAsync(1000, token))
                {
                    throw new TimeoutException();
                }

                await _gate.WaitAsync(token);
                _idle.TryPop(out var connection);
                await Task.Yield();
                return connection;
            }
        }
        """);

    [Fact]
    public Task Async_iterators_and_async_local_functions_are_async_code() => VerifyNoFix(
        """
        class C
        {
            private readonly BlockingCollection<Connection> _queue = new BlockingCollection<Connection>(2);

            async System.Collections.Generic.IAsyncEnumerable<int> Stream()
            {
                await Task.Yield();
                yield return {|POOL003:_queue.Take()|}.Id;
            }

            void Run()
            {
                async Task<int> Local() { await Task.Yield(); return {|POOL003:_queue.Take()|}.Id; }
                int Sync() => _queue.Take().Id;
            }
        }
        """);

    [Fact]
    public Task No_fix_inside_a_lock_and_a_token_declared_later_is_not_passed() => VerifyFix(
        """
        class C
        {
            private readonly object _sync = new object();

            async Task<int> Run(AsyncPool<Connection> pool)
            {
                lock (_sync)
                {
                    var held = {|POOL003:pool.Take()|};
                    pool.Add(held);
                }

                var c = {|POOL003:pool.Take()|};
                using var source = new CancellationTokenSource();
                var later = source.Token;
                await Task.Delay(1, later);
                return c.Id;
            }
        }
        """,
        """
        class C
        {
            private readonly object _sync = new object();

            async Task<int> Run(AsyncPool<Connection> pool)
            {
                lock (_sync)
                {
                    var held = {|POOL003:pool.Take()|};
                    pool.Add(held);
                }

                var c = await pool.TakeAsync();
                using var source = new CancellationTokenSource();
                var later = source.Token;
                await Task.Delay(1, later);
                return c.Id;
            }
        }
        """,
        test => test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow);

    [Fact]
    public Task A_semaphore_that_only_throttles_work_is_not_a_pool_gate() => VerifyNone(
        """
        class Throttle
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4);

            public async Task RunAsync(Func<Task> work)
            {
                _gate.Wait();
                try { await work(); } finally { _gate.Release(); }
            }
        }
        """);

    [Fact]
    public Task Monitor_Wait_on_a_pool_lock_is_reported_without_a_fix() => VerifyNoFix(
        """
        class MonitorPool
        {
            private readonly object _sync = new object();
            private readonly System.Collections.Generic.Stack<Connection> _idle = new System.Collections.Generic.Stack<Connection>();

            public async Task<Connection> RentAsync()
            {
                await Task.Yield();
                lock (_sync)
                {
                    while (_idle.Count == 0)
                    {
                        {|POOL003:Monitor.Wait(_sync)|};
                    }

                    return _idle.Pop();
                }
            }
        }
        """);

    [Fact]
    public Task A_synchronous_method_listed_in_editorconfig_is_a_checkout() => VerifyNone(
        """
        class LegacyPool
        {
            public Connection Borrow() => new Connection();
        }

        class C
        {
            async Task Run(LegacyPool pool)
            {
                var c = {|POOL003:pool.Borrow()|};
                await Task.Yield();
            }
        }
        """,
        test => test.EditorConfig = "pool_analyzers.checkout_methods = LegacyPool.Borrow");

    [Fact]
    public Task ConfigureAwait_is_added_when_editorconfig_asks_for_it() => VerifyFix(
        """
        class C
        {
            async Task<int> Run(AsyncPool<Connection> pool) => {|POOL003:pool.Take()|}.Id;
        }
        """,
        """
        class C
        {
            async Task<int> Run(AsyncPool<Connection> pool) => (await pool.TakeAsync().ConfigureAwait(false)).Id;
        }
        """,
        test => test.EditorConfig = "pool_analyzers.configure_await = true");

    [Fact]
    public Task A_call_into_the_applications_blocking_wrapper_names_the_path_to_the_blocking_take() => VerifyNoFix(
        """
        class ClientPool
        {
            private readonly BlockingCollection<Connection> _idle = new BlockingCollection<Connection>(4);

            public Connection GetConnection() => TakeIdle();

            public void Return(Connection c) => _idle.Add(c);

            private Connection TakeIdle() => _idle.Take();
        }

        class Service
        {
            private readonly ClientPool _pool = new ClientPool();

            async Task<int> RunAsync()
            {
                var connection = {|#0:_pool.GetConnection()|};
                try { await Task.Yield(); return connection.Id; }
                finally { _pool.Return(connection); }
            }

            int Run()
            {
                var connection = _pool.GetConnection();
                try { return connection.Id; }
                finally { _pool.Return(connection); }
            }
        }
        """,
        test => test.ExpectMarked(
            Descriptors.SynchronousCheckout,
            "_pool.GetConnection()",
            "on a pool: 'GetConnection()' calls 'TakeIdle()', which waits in '_idle.Take()' (Test0.cs line 14)",
            "give it an asynchronous twin that awaits the pool, and await that here (no code fix: the blocking call is in a method it calls)"));

    [Fact]
    public Task Wrappers_are_followed_through_static_extension_property_and_local_function_calls() => VerifyNoFix(
        """
        class GatedPool
        {
            public static readonly GatedPool Shared = new GatedPool();
            private readonly SemaphoreSlim _available = new SemaphoreSlim(4, 4);
            private readonly ConcurrentBag<Connection> _idle = new ConcurrentBag<Connection>();

            public Connection Lend()
            {
                _available.Wait();
                return _idle.TryTake(out var c) ? c : new Connection();
            }

            public void Surrender(Connection c)
            {
                _idle.Add(c);
                _available.Release();
            }

            public Connection Current => Lend();

            public static Connection Borrow() => Shared.Lend();
        }

        static class PoolExtensions
        {
            public static Connection Grab(this GatedPool pool) => pool.Lend();
        }

        class Handler
        {
            private readonly GatedPool _pool = GatedPool.Shared;

            async Task<int> HandleAsync()
            {
                var a = {|POOL003:GatedPool.Borrow()|};
                var b = {|POOL003:_pool.Grab()|};
                var c = {|POOL003:_pool.Current|};
                var d = {|POOL003:Obtain()|};
                await Task.Yield();
                return a.Id + b.Id + c.Id + d.Id;

                Connection Obtain() => _pool.Lend();
            }
        }
        """);

    [Fact]
    public Task An_interface_call_is_followed_only_when_the_compilation_has_one_implementation() => VerifyNoFix(
        """
        interface IConnectionSource { Connection Open(); }
        interface IClock { DateTime Now(); }

        class PooledSource : IConnectionSource
        {
            private readonly BlockingCollection<Connection> _idle = new BlockingCollection<Connection>(4);
            public PooledSource() { for (var i = 0; i < 4; i++) _idle.Add(new Connection()); }
            public Connection Open() => _idle.Take();
            public void Close(Connection c) => _idle.Add(c);
        }

        class PooledClock : IClock
        {
            private readonly BlockingCollection<Connection> _idle = new BlockingCollection<Connection>(4);
            public DateTime Now() { var c = _idle.Take(); try { return DateTime.Now; } finally { _idle.Add(c); } }
        }

        class SystemClock : IClock
        {
            public DateTime Now() => DateTime.Now;
        }

        class Repository
        {
            private readonly IConnectionSource _source;
            private readonly IClock _clock;

            public Repository(IConnectionSource source, IClock clock) { _source = source; _clock = clock; }

            async Task<int> LoadAsync()
            {
                var connection = {|POOL003:_source.Open()|};
                var now = _clock.Now();
                await Task.Yield();
                return connection.Id + now.Second;
            }
        }
        """);

    [Fact]
    public Task The_synchronous_branch_of_a_dual_path_method_and_synchronous_lambdas_given_to_Task_Run_are_not_reported() => VerifyNone(
        """
        class DualPathPool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4, 4);
            private readonly ConcurrentStack<Connection> _idle = new ConcurrentStack<Connection>();

            public async ValueTask<Connection> RentCore(bool async, CancellationToken token)
            {
                if (async)
                {
                    await _gate.WaitAsync(token);
                }
                else
                {
                    _gate.Wait(token);
                }

                return _idle.TryPop(out var c) ? c : new Connection();
            }

            public Connection Rent() => RentCore(false, default).GetAwaiter().GetResult();

            public void Return(Connection c) { _idle.Push(c); _gate.Release(); }
        }

        class Caller
        {
            private readonly DualPathPool _pool = new DualPathPool();
            private readonly BlockingCollection<Connection> _idle = new BlockingCollection<Connection>(4);

            async Task<int> RunAsync(CancellationToken token)
            {
                var offloaded = await Task.Run(() => _pool.Rent());
                var taken = await Task.Run(() => _idle.Take());
                var rented = await _pool.RentCore(true, token);
                _idle.Add(taken);
                return offloaded.Id + rented.Id;
            }
        }
        """);

    [Fact]
    public Task A_blocking_read_of_a_work_queue_is_reported_as_what_it_is_without_the_pool_fix() => VerifyNoFix(
        """
        class Jobs
        {
            private readonly BlockingCollection<Connection> _queue = new BlockingCollection<Connection>(100);

            public void Enqueue(Connection job) => _queue.Add(job);

            public async Task ConsumeAsync(CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    if ({|#0:_queue.TryTake(out var job, 1000, token)|})
                    {
                        await Task.Delay(job.Id, token);
                    }
                }
            }

            public Connection Next() => _queue.Take();
        }

        class Caller
        {
            private readonly Jobs _jobs = new Jobs();

            async Task<int> RunAsync()
            {
                var next = _jobs.Next();
                await Task.Yield();
                return next.Id;
            }
        }
        """,
        test => test.ExpectMarked(
            Descriptors.SynchronousCheckout,
            "_queue.TryTake(out var job, 1000, token)",
            "while the work queue '_queue' is empty",
            "read it with a System.Threading.Channels.Channel<T> and await ReadAsync instead, which waits without a thread (no code fix: the queue is not a pool)"));

    [Fact]
    public Task A_wrapper_with_an_async_twin_gets_the_twin_awaited_and_recursion_is_safe() => VerifyFix(
        """
        class Pool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(2, 2);
            private readonly System.Collections.Generic.Stack<Connection> _idle = new System.Collections.Generic.Stack<Connection>();

            public Connection Get(int attempts) => attempts > 0 ? GetOnce() ?? Get(attempts - 1) : Get(attempts + 1);

            private Connection GetOnce()
            {
                _gate.Wait(1000);
                lock (_idle) { return _idle.Count > 0 ? _idle.Pop() : new Connection(); }
            }

            public Task<Connection> GetAsync(int attempts, CancellationToken token = default) => Task.FromResult(new Connection());

            public void Put(Connection c) { lock (_idle) { _idle.Push(c); } _gate.Release(); }
        }

        class Caller
        {
            async Task<int> RunAsync(Pool pool, CancellationToken token)
            {
                var c = {|POOL003:pool.Get(3)|};
                await Task.Yield();
                return c.Id;
            }
        }
        """,
        """
        class Pool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(2, 2);
            private readonly System.Collections.Generic.Stack<Connection> _idle = new System.Collections.Generic.Stack<Connection>();

            public Connection Get(int attempts) => attempts > 0 ? GetOnce() ?? Get(attempts - 1) : Get(attempts + 1);

            private Connection GetOnce()
            {
                _gate.Wait(1000);
                lock (_idle) { return _idle.Count > 0 ? _idle.Pop() : new Connection(); }
            }

            public Task<Connection> GetAsync(int attempts, CancellationToken token = default) => Task.FromResult(new Connection());

            public void Put(Connection c) { lock (_idle) { _idle.Push(c); } _gate.Release(); }
        }

        class Caller
        {
            async Task<int> RunAsync(Pool pool, CancellationToken token)
            {
                var c = await pool.GetAsync(3, token);
                await Task.Yield();
                return c.Id;
            }
        }
        """);

    [Fact]
    public Task The_async_checkout_fix_writes_the_twin_beside_a_gated_wrapper_once_for_all_its_callers() => VerifyFix(
        """
        class GatedPool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4, 4);
            private readonly ConcurrentBag<Connection> _idle = new ConcurrentBag<Connection>();

            public Connection Lend()
            {
                if (!_gate.Wait(1000))
                {
                    throw new TimeoutException();
                }

                return _idle.TryTake(out var c) ? c : new Connection();
            }

            public void Surrender(Connection c)
            {
                _idle.Add(c);
                _gate.Release();
            }
        }

        class Handler
        {
            private readonly GatedPool _pool = new GatedPool();

            async Task<int> FirstAsync(CancellationToken token)
            {
                var c = {|POOL003:_pool.Lend()|};
                try { await Task.Delay(1, token); return c.Id; }
                finally { _pool.Surrender(c); }
            }

            async Task<int> SecondAsync() => {|POOL003:_pool.Lend()|}.Id;

            int Synchronous() => _pool.Lend().Id;
        }
        """,
        """
        class GatedPool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4, 4);
            private readonly ConcurrentBag<Connection> _idle = new ConcurrentBag<Connection>();

            public Connection Lend()
            {
                if (!_gate.Wait(1000))
                {
                    throw new TimeoutException();
                }

                return _idle.TryTake(out var c) ? c : new Connection();
            }

            public async Task<Connection> LendAsync(CancellationToken cancellationToken = default)
            {
                if (!await _gate.WaitAsync(1000, cancellationToken))
                {
                    throw new TimeoutException();
                }

                return _idle.TryTake(out var c) ? c : new Connection();
            }

            public void Surrender(Connection c)
            {
                _idle.Add(c);
                _gate.Release();
            }
        }

        class Handler
        {
            private readonly GatedPool _pool = new GatedPool();

            async Task<int> FirstAsync(CancellationToken token)
            {
                var c = await _pool.LendAsync(token);
                try { await Task.Delay(1, token); return c.Id; }
                finally { _pool.Surrender(c); }
            }

            async Task<int> SecondAsync() => (await _pool.LendAsync()).Id;

            int Synchronous() => _pool.Lend().Id;
        }
        """);

    [Fact]
    public Task The_async_checkout_fix_swaps_a_BlockingCollection_pool_and_keeps_the_synchronous_wrapper() => VerifyFixReleasingConcurrent(
        """
        class ClientPool
        {
            private readonly BlockingCollection<Connection> _idle = new BlockingCollection<Connection>(4);

            public Connection GetConnection() => _idle.Take();

            public void Return(Connection c) => _idle.Add(c);
        }

        class Service
        {
            private readonly ClientPool _pool = new ClientPool();

            async Task<int> RunAsync()
            {
                var connection = {|POOL003:_pool.GetConnection()|};
                try { await Task.Yield(); return connection.Id; }
                finally { _pool.Return(connection); }
            }
        }
        """,
        """
        class ClientPool
        {
            private readonly AsyncPool<Connection> _idle = new AsyncPool<Connection>(4);

            public Connection GetConnection() => _idle.Take();

            public async Task<Connection> GetConnectionAsync(CancellationToken cancellationToken = default) => await _idle.TakeAsync(cancellationToken);

            public void Return(Connection c) => _idle.Add(c);
        }

        class Service
        {
            private readonly ClientPool _pool = new ClientPool();

            async Task<int> RunAsync()
            {
                var connection = await _pool.GetConnectionAsync();
                try { await Task.Yield(); return connection.Id; }
                finally { _pool.Return(connection); }
            }
        }
        """);

    [Fact]
    public Task No_async_checkout_fix_for_a_Monitor_gated_wrapper_and_the_message_says_why() => VerifyNoFix(
        """
        class MonitorPool
        {
            private readonly object _sync = new object();
            private readonly System.Collections.Generic.Queue<Connection> _idle = new System.Collections.Generic.Queue<Connection>();

            public MonitorPool() { _idle.Enqueue(new Connection()); }

            public Connection Acquire()
            {
                lock (_sync)
                {
                    while (_idle.Count == 0) Monitor.Wait(_sync);
                    return _idle.Dequeue();
                }
            }

            public void Release(Connection c) { lock (_sync) { _idle.Enqueue(c); Monitor.Pulse(_sync); } }
        }

        class Caller
        {
            async Task<int> RunAsync(MonitorPool pool)
            {
                var c = {|#0:pool.Acquire()|};
                await Task.Yield();
                return c.Id;
            }
        }
        """,
        test => test.ExpectMarked(
            Descriptors.SynchronousCheckout,
            "pool.Acquire()",
            "on a pool: 'Acquire()' waits in 'Monitor.Wait(_sync)' (Test0.cs line 17)",
            "give it an asynchronous twin that awaits the pool, and await that here (no code fix: its blocking call has no mechanical awaitable rewrite)"));

    [Fact]
    public Task A_virtual_method_with_several_overrides_and_a_name_in_nameof_are_not_followed() => VerifyNone(
        """
        class Source
        {
            protected readonly BlockingCollection<Connection> _idle = new BlockingCollection<Connection>(4);
            public virtual Connection Open() => _idle.Take();
            public void Return(Connection c) => _idle.Add(c);
            public Connection Current => _idle.Take();
        }

        class Direct : Source { public override Connection Open() => new Connection(); }

        class Cached : Source { public override Connection Open() => null; }

        class Caller
        {
            async Task<string> RunAsync(Source source)
            {
                var c = source.Open();
                await Task.Yield();
                return nameof(source.Current) + c.Id;
            }
        }
        """);
}
