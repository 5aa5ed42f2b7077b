using Microsoft.CodeAnalysis.CSharp;
using PoolAnalyzers.Tests.Verifiers;
using Test = PoolAnalyzers.Tests.Verifiers.PoolTest<PoolAnalyzers.Rules.BlockingPoolAnalyzer, PoolAnalyzers.CodeFixes.Rules.BlockingPoolFixer>;

namespace PoolAnalyzers.Tests.Rules;

public class BlockingPoolTests
{
    private const string Usings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;


        """;

    private const string Types = """

        public class Connection { public int Id; }
        """;

    private static Task VerifyFix(string source, string fixedSource, Action<Test>? configure = null) =>
        Verify.Fix(Usings + source + Types, fixedSource + Types, configure);

    private static Task VerifyNoFix(string source, Action<Test>? configure = null) =>
        Verify.NoFix(Usings + source + Types, configure);

    private static Task VerifyNone(string source, Action<Test>? configure = null) =>
        Verify.Diagnostics(Usings + source + Types, configure);

    [Fact]
    public Task A_BlockingCollection_pool_with_TryTake_and_Add_in_finally_is_swapped_for_AsyncPool() => VerifyFix(
        """
        class RedisPool
        {
            private readonly BlockingCollection<Connection> _pool = {|POOL001:new BlockingCollection<Connection>(10)|};

            public int Use()
            {
                if (!_pool.TryTake(out var connection, TimeSpan.FromSeconds(1)))
                {
                    throw new TimeoutException("No connection available.");
                }

                try
                {
                    return connection.Id;
                }
                finally
                {
                    _pool.Add(connection);
                }
            }
        }
        """,
        """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PoolRuntime;

        class RedisPool
        {
            private readonly AsyncPool<Connection> _pool = new AsyncPool<Connection>(10);

            public int Use()
            {
                if (!_pool.TryTake(out var connection, TimeSpan.FromSeconds(1)))
                {
                    throw new TimeoutException("No connection available.");
                }

                try
                {
                    return connection.Id;
                }
                finally
                {
                    _pool.Add(connection);
                }
            }
        }
        """);

    [Fact]
    public Task The_swap_also_awaits_the_pools_checkouts_in_async_code() => VerifyFix(
        """
        class RedisPool
        {
            private readonly BlockingCollection<Connection> _pool = {|POOL001:new BlockingCollection<Connection>(10)|};

            public async Task<int> UseAsync(CancellationToken token)
            {
                if (!_pool.TryTake(out var connection, TimeSpan.FromSeconds(1)))
                {
                    throw new TimeoutException("No connection available.");
                }

                try { await Task.Delay(1, token); return connection.Id; }
                finally { _pool.Add(connection); }
            }

            public int UseNow()
            {
                var connection = _pool.Take();
                try { return connection.Id; } finally { _pool.Add(connection); }
            }
        }
        """,
        """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PoolRuntime;

        class RedisPool
        {
            private readonly AsyncPool<Connection> _pool = new AsyncPool<Connection>(10);

            public async Task<int> UseAsync(CancellationToken token)
            {
                var connection = await _pool.TryTakeAsync(TimeSpan.FromSeconds(1), token);
                if (connection is null)
                {
                    throw new TimeoutException("No connection available.");
                }

                try { await Task.Delay(1, token); return connection.Id; }
                finally { _pool.Add(connection); }
            }

            public int UseNow()
            {
                var connection = _pool.Take();
                try { return connection.Id; } finally { _pool.Add(connection); }
            }
        }
        """);

    [Fact]
    public Task A_pool_filled_in_the_constructor_with_a_Return_method_and_a_target_typed_creation() => VerifyFix(
        """
        class Pool<T> where T : class
        {
            private BlockingCollection<T> _items;

            public Pool(IEnumerable<T> items, int size)
            {
                _items = {|POOL001:new(boundedCapacity: size)|};
                foreach (var item in items) _items.Add(item);
            }

            public T Get() => _items.Take();

            public void Return(T item) => _items.Add(item);
        }
        """,
        """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PoolRuntime;

        class Pool<T> where T : class
        {
            private AsyncPool<T> _items;

            public Pool(IEnumerable<T> items, int size)
            {
                _items = new(maxSize: size);
                foreach (var item in items) _items.Add(item);
            }

            public T Get() => _items.Take();

            public void Return(T item) => _items.Add(item);
        }
        """);

    // The file still uses System.Collections.Concurrent after the swap (ConcurrentBag), so its using stays.
    [Fact]
    public Task A_local_pool_that_takes_and_gives_back_the_same_item() => VerifyFix(
        """
        class C
        {
            void Run(Connection[] connections)
            {
                var pool = {|POOL001:new BlockingCollection<Connection>(new ConcurrentBag<Connection>(connections))|};
                var c = pool.Take();
                Console.WriteLine(c.Id);
                pool.Add(c);
            }
        }
        """,
        """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PoolRuntime;

        class C
        {
            void Run(Connection[] connections)
            {
                var pool = new AsyncPool<Connection>(new ConcurrentBag<Connection>(connections), int.MaxValue);
                var c = pool.Take();
                Console.WriteLine(c.Id);
                pool.Add(c);
            }
        }
        """);

    [Fact]
    public Task A_pool_assigned_in_two_constructors_is_swapped_in_both() => VerifyFix(
        """
        class TwoWays
        {
            private BlockingCollection<Connection> _pool;

            public TwoWays() => _pool = {|POOL001:new BlockingCollection<Connection>(4)|};

            public TwoWays(int size) => _pool = {|POOL001:new BlockingCollection<Connection>(size)|};

            public Connection Get() => _pool.Take();

            public void Return(Connection c) => _pool.Add(c);
        }
        """,
        """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PoolRuntime;

        class TwoWays
        {
            private AsyncPool<Connection> _pool;

            public TwoWays() => _pool = new AsyncPool<Connection>(4);

            public TwoWays(int size) => _pool = new AsyncPool<Connection>(size);

            public Connection Get() => _pool.Take();

            public void Return(Connection c) => _pool.Add(c);
        }
        """);

    [Fact]
    public Task No_swap_where_AsyncPool_would_not_compile_or_would_mean_something_else() => VerifyNoFix(
        """
        class ValueTypes
        {
            private readonly BlockingCollection<int> _ids = {|POOL001:new BlockingCollection<int>(4)|};
            public int Get() => _ids.Take();
            public void Return(int id) => _ids.Add(id);
        }

        class Initialized
        {
            private readonly BlockingCollection<Connection> _pool = {|POOL001:new BlockingCollection<Connection>(2) { new Connection(), new Connection() }|};
            public Connection Get() => _pool.Take();
            public void Return(Connection c) => _pool.Add(c);
        }

        class Counted
        {
            private readonly BlockingCollection<Connection> _pool = {|POOL001:new BlockingCollection<Connection>(2)|};
            public Connection Get() => _pool.Count == 0 ? new Connection() : _pool.Take();
            public void Return(Connection c) => _pool.Add(c);
        }

        class TwoInOne
        {
            private readonly BlockingCollection<Connection> _pool = {|POOL001:new BlockingCollection<Connection>(2)|}, _queue = new BlockingCollection<Connection>();
            public Connection Get() => _pool.Take();
            public void Return(Connection c) => _pool.Add(c);
        }

        class Outer
        {
            private readonly BlockingCollection<Connection> _pool = {|POOL001:new BlockingCollection<Connection>(2)|};
            public Connection Get() => _pool.Take();
            public void Return(Connection c) => _pool.Add(c);

            class Drainer
            {
                public void Drain(Outer outer)
                {
                    foreach (var c in outer._pool.GetConsumingEnumerable()) { }
                }
            }
        }
        """);

    [Fact]
    public Task A_work_queue_fed_by_one_side_and_drained_by_the_other_is_not_a_pool() => VerifyNone(
        """
        class Worker
        {
            private readonly BlockingCollection<Connection> _queue = new BlockingCollection<Connection>(100);

            public void Produce() => _queue.Add(new Connection());

            public void Consume()
            {
                while (_queue.TryTake(out var item, 1000))
                {
                    Console.WriteLine(item.Id);
                }
            }
        }
        """);

    [Fact]
    public Task A_pool_created_in_a_GetOrAdd_factory_is_reported_without_a_fix() => VerifyNoFix(
        """
        class Pools
        {
            private readonly ConcurrentDictionary<string, BlockingCollection<Connection>> _pools = new();

            public Connection Rent(string host)
            {
                var pool = _pools.GetOrAdd(host, _ => {|POOL001:new BlockingCollection<Connection>(4)|});
                return pool.Take();
            }

            public void Return(string host, Connection connection) => _pools[host].Add(connection);
        }
        """);

    [Fact]
    public Task A_pool_with_a_use_AsyncPool_lacks_gets_no_fix() => VerifyNoFix(
        """
        class C
        {
            private readonly BlockingCollection<Connection> _pool = {|POOL001:new BlockingCollection<Connection>(4)|};

            public Connection Get() => _pool.Take();

            public void Return(Connection c) => _pool.Add(c);

            public void Shutdown() => _pool.CompleteAdding();
        }
        """);

    [Fact]
    public Task A_public_pool_field_gets_no_fix_since_other_code_may_depend_on_its_type() => VerifyNoFix(
        """
        public class C
        {
            public readonly BlockingCollection<Connection> Pool = {|POOL001:new BlockingCollection<Connection>(4)|};

            public Connection Get() => Pool.Take();

            public void Return(Connection c) => Pool.Add(c);
        }
        """);

    [Fact]
    public Task Without_PoolRuntime_the_message_says_to_add_it_and_no_fix_is_offered() => VerifyNoFix(
        """
        class C
        {
            private readonly BlockingCollection<Connection> _pool = {|#0:new BlockingCollection<Connection>(4)|};

            public Connection Get() => _pool.Take();

            public void Release(Connection c) => _pool.Add(c);
        }
        """,
        test =>
        {
            test.TestState.AdditionalReferences.Clear();
            test.FixedState.AdditionalReferences.Clear();
            test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.BlockingPool).WithLocation(0).WithArguments(
                "The pool '_pool' (BlockingCollection<Connection>)",
                "add the PoolRuntime package and use its AsyncPool<T>, which waits without a thread (the code fix then swaps the type)"));
        });

    [Fact]
    public Task A_semaphore_gated_synchronous_checkout_is_reported_at_its_gate() => VerifyNoFix(
        """
        class GatedPool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4, 4);
            private readonly ConcurrentBag<Connection> _idle = new ConcurrentBag<Connection>();

            public Connection Rent()
            {
                if (!{|POOL001:_gate.Wait(1000)|})
                {
                    throw new TimeoutException();
                }

                _idle.TryTake(out var connection);
                return connection ?? new Connection();
            }

            public Connection TryRentNow()
            {
                if (!_gate.Wait(0)) return null;
                _idle.TryTake(out var connection);
                return connection;
            }

            public void Return(Connection connection)
            {
                _idle.Add(connection);
                _gate.Release();
            }
        }
        """);

    [Fact]
    public Task A_monitor_gated_checkout_is_reported_at_Monitor_Wait() => VerifyNoFix(
        """
        class MonitorPool
        {
            private readonly object _sync = new object();
            private readonly Stack<Connection> _idle = new Stack<Connection>();

            public Connection Take()
            {
                lock (_sync)
                {
                    while (_idle.Count == 0)
                    {
                        {|POOL001:Monitor.Wait(_sync)|};
                    }

                    return _idle.Pop();
                }
            }
        }
        """);

    [Fact]
    public Task An_async_checkout_is_not_reported_as_POOL001_at_its_gate() => VerifyNone(
        """
        class GatedPool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4, 4);
            private readonly ConcurrentQueue<Connection> _idle = new ConcurrentQueue<Connection>();

            public async Task<Connection> RentAsync()
            {
                _gate.Wait();
                await Task.Yield();
                _idle.TryDequeue(out var connection);
                return connection;
            }
        }
        """);

    [Fact]
    public Task A_synchronous_checkout_in_a_local_function_of_an_async_method_is_reported() => VerifyNoFix(
        """
        class GatedPool
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4, 4);
            private readonly ConcurrentBag<Connection> _idle = new ConcurrentBag<Connection>();

            public async Task<int> RunAsync()
            {
                Connection Get()
                {
                    {|POOL001:_gate.Wait()|};
                    _idle.TryTake(out var c);
                    return c;
                }

                await Task.Yield();
                return Get().Id;
            }
        }
        """);

    [Fact]
    public Task A_work_queue_fed_from_a_method_whose_name_merely_contains_return_is_not_a_pool() => VerifyNone(
        """
        class Orders
        {
            private readonly BlockingCollection<Connection> _orders = new BlockingCollection<Connection>(100);

            public void HandleReturn(Connection order) => _orders.Add(order);

            public Connection Next() => _orders.Take();
        }
        """);

    [Fact]
    public Task A_type_listed_in_editorconfig_is_reported_at_its_creation() => VerifyNoFix(
        """
        namespace Legacy
        {
            public class ConnectionPool { public ConnectionPool(int size) { } }
        }

        class C
        {
            private readonly Legacy.ConnectionPool _pool = {|POOL001:new Legacy.ConnectionPool(8)|};
        }
        """,
        test => test.EditorConfig = "pool_analyzers.blocking_pool_types = Legacy.ConnectionPool");

    [Fact]
    public Task A_using_still_needed_by_a_doc_comment_cref_is_kept() => Verify.Fix(
        """
        using System.Collections.Concurrent;
        using System.Threading.Tasks;

        /// <summary>Hands out connections; the old code used a <see cref="ConcurrentQueue{T}"/>.</summary>
        public class RedisPool
        {
            private readonly BlockingCollection<Connection> _pool = {|POOL001:new BlockingCollection<Connection>(4)|};

            /// <summary>Uses a connection.</summary>
            public async Task<int> UseAsync()
            {
                var connection = _pool.Take();
                try { await Task.Yield(); return connection.Id; }
                finally { _pool.Add(connection); }
            }
        }
        """ + Types,
        """
        using System.Collections.Concurrent;
        using System.Threading.Tasks;
        using PoolRuntime;

        /// <summary>Hands out connections; the old code used a <see cref="ConcurrentQueue{T}"/>.</summary>
        public class RedisPool
        {
            private readonly AsyncPool<Connection> _pool = new AsyncPool<Connection>(4);

            /// <summary>Uses a connection.</summary>
            public async Task<int> UseAsync()
            {
                var connection = await _pool.TakeAsync();
                try { await Task.Yield(); return connection.Id; }
                finally { _pool.Add(connection); }
            }
        }
        """ + Types,
        (Action<Test>?)null);

    [Fact]
    public Task A_using_inside_a_namespace_that_the_swap_leaves_unused_is_removed() => Verify.Fix(
        """
        namespace App
        {
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            class RedisPool
            {
                private readonly BlockingCollection<Connection> _pool = {|POOL001:new BlockingCollection<Connection>(4)|};

                public async Task<int> UseAsync()
                {
                    var connection = _pool.Take();
                    try { await Task.Yield(); return connection.Id; }
                    finally { _pool.Add(connection); }
                }
            }

            public class Connection { public int Id; }
        }
        """,
        """
        using PoolRuntime;

        namespace App
        {
            using System.Threading.Tasks;

            class RedisPool
            {
                private readonly AsyncPool<Connection> _pool = new AsyncPool<Connection>(4);

                public async Task<int> UseAsync()
                {
                    var connection = await _pool.TakeAsync();
                    try { await Task.Yield(); return connection.Id; }
                    finally { _pool.Add(connection); }
                }
            }

            public class Connection { public int Id; }
        }
        """,
        (Action<Test>?)null);

    [Fact]
    public Task The_using_the_swap_leaves_unused_is_removed_and_a_file_header_above_it_is_kept() => Verify.Fix(
        """
        // Licensed to the example under the MIT license.
        using System.Collections.Concurrent;
        using System.Threading.Tasks;

        class RedisPool
        {
            private readonly BlockingCollection<Connection> _pool = {|POOL001:new BlockingCollection<Connection>(4)|};

            public async Task<int> UseAsync()
            {
                if (!_pool.TryTake(out var connection, 1000)) return -1;
                try { await Task.Yield(); return connection.Id; }
                finally { _pool.Add(connection); }
            }
        }
        """ + Types,
        """
        // Licensed to the example under the MIT license.
        using System.Threading.Tasks;
        using PoolRuntime;

        class RedisPool
        {
            private readonly AsyncPool<Connection> _pool = new AsyncPool<Connection>(4);

            public async Task<int> UseAsync()
            {
                var connection = await _pool.TryTakeAsync(1000);
                if (connection is null) return -1;
                try { await Task.Yield(); return connection.Id; }
                finally { _pool.Add(connection); }
            }
        }
        """ + Types,
        (Action<Test>?)null);

    [Fact]
    public Task Works_in_CSharp_7_3() => VerifyFix(
        """
        class RedisPool
        {
            private readonly BlockingCollection<Connection> _pool = {|POOL001:new BlockingCollection<Connection>()|};

            public int Use()
            {
                Connection connection;
                if (!_pool.TryTake(out connection, 1000)) throw new TimeoutException();
                try { return connection.Id; }
                finally { _pool.Add(connection); }
            }
        }
        """,
        """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PoolRuntime;

        class RedisPool
        {
            private readonly AsyncPool<Connection> _pool = new AsyncPool<Connection>();

            public int Use()
            {
                Connection connection;
                if (!_pool.TryTake(out connection, 1000)) throw new TimeoutException();
                try { return connection.Id; }
                finally { _pool.Add(connection); }
            }
        }
        """,
        test => test.LanguageVersion = LanguageVersion.CSharp7_3);

    [Fact]
    public Task A_pool_of_StackExchange_Redis_multiplexers() => VerifyFix(
        """
        using StackExchange.Redis;

        class RedisPool
        {
            private readonly BlockingCollection<ConnectionMultiplexer> _pool = {|POOL001:new BlockingCollection<ConnectionMultiplexer>(10)|};

            public RedisPool(string configuration)
            {
                for (var i = 0; i < 10; i++) _pool.Add(ConnectionMultiplexer.Connect(configuration));
            }

            public TimeSpan Ping()
            {
                if (!_pool.TryTake(out var multiplexer, 1000)) throw new TimeoutException("No connection available.");
                try { return multiplexer.GetDatabase().Ping(); }
                finally { _pool.Add(multiplexer); }
            }
        }
        """,
        """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        using PoolRuntime;
        using StackExchange.Redis;

        class RedisPool
        {
            private readonly AsyncPool<ConnectionMultiplexer> _pool = new AsyncPool<ConnectionMultiplexer>(10);

            public RedisPool(string configuration)
            {
                for (var i = 0; i < 10; i++) _pool.Add(ConnectionMultiplexer.Connect(configuration));
            }

            public TimeSpan Ping()
            {
                if (!_pool.TryTake(out var multiplexer, 1000)) throw new TimeoutException("No connection available.");
                try { return multiplexer.GetDatabase().Ping(); }
                finally { _pool.Add(multiplexer); }
            }
        }
        """,
        test => test.ReferenceAssemblies = test.ReferenceAssemblies.AddPackages([new Microsoft.CodeAnalysis.Testing.PackageIdentity("StackExchange.Redis", "2.8.16")]));

    [Fact]
    public Task An_item_that_comes_back_through_a_method_of_any_name_called_from_another_types_finally() => VerifyNoFix(
        """
        class Lender
        {
            private readonly BlockingCollection<Connection> _idle = {|POOL001:new BlockingCollection<Connection>(4)|};

            public Connection Lend() => _idle.Take();

            public void Keep(Connection c) => _idle.Add(c);

            public int Idle => _idle.Count;
        }

        class User
        {
            private readonly Lender _lender = new Lender();

            public int Use()
            {
                var c = _lender.Lend();
                try { return c.Id; }
                finally { _lender.Keep(c); }
            }
        }
        """);

    [Fact]
    public Task A_take_in_a_helper_that_hands_the_item_out_through_out_and_an_item_put_back_from_a_field() => VerifyFix(
        """
        class HelperPool
        {
            private readonly BlockingCollection<Connection> _idle = {|POOL001:new BlockingCollection<Connection>(4)|};

            public Connection Get() => TryGetIdle(out var c) ? c : new Connection();

            public void Done(Connection c) => _idle.Add(c);

            private bool TryGetIdle(out Connection c) => _idle.TryTake(out c, 1000);
        }

        class Session
        {
            private readonly BlockingCollection<Connection> _channels = {|POOL001:new BlockingCollection<Connection>(2)|};
            private Connection _current;

            public void Open() => _current = _channels.Take();

            public void Close() => _channels.Add(_current);
        }
        """,
        """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PoolRuntime;

        class HelperPool
        {
            private readonly AsyncPool<Connection> _idle = new AsyncPool<Connection>(4);

            public Connection Get() => TryGetIdle(out var c) ? c : new Connection();

            public void Done(Connection c) => _idle.Add(c);

            private bool TryGetIdle(out Connection c) => _idle.TryTake(out c, 1000);
        }

        class Session
        {
            private readonly AsyncPool<Connection> _channels = new AsyncPool<Connection>(2);
            private Connection _current;

            public void Open() => _current = _channels.Take();

            public void Close() => _channels.Add(_current);
        }
        """);

    [Fact]
    public Task Pools_picked_by_a_conditional_or_a_switch_and_keyed_pools_reached_through_TryGetValue() => VerifyNoFix(
        """
        class ReadWritePools
        {
            private readonly BlockingCollection<Connection> _read = {|POOL001:new BlockingCollection<Connection>(8)|};
            private readonly BlockingCollection<Connection> _write = {|POOL001:new BlockingCollection<Connection>(2)|};
            private readonly BlockingCollection<Connection> _admin = {|POOL001:new BlockingCollection<Connection>(1)|};

            public Connection Get(bool readOnly) => (readOnly ? _read : _write).Take();

            public Connection GetFor(int tier)
            {
                var pool = tier switch { 0 => _admin, 1 => _write, _ => _read };
                return pool.Take();
            }

            public void Return(bool readOnly, Connection c) => (readOnly ? _read : _write).Add(c);

            public void ReturnAdmin(Connection c) => _admin.Add(c);
        }

        class TenantPools
        {
            private readonly ConcurrentDictionary<string, BlockingCollection<Connection>> _pools = new ConcurrentDictionary<string, BlockingCollection<Connection>>();

            public void AddTenant(string tenant) => _pools.TryAdd(tenant, {|POOL001:new BlockingCollection<Connection>(4)|});

            public Connection Rent(string tenant) => _pools.TryGetValue(tenant, out var pool) ? pool.Take() : throw new InvalidOperationException();

            public void Release(string tenant, Connection c)
            {
                if (_pools.TryGetValue(tenant, out var pool)) pool.Add(c);
            }
        }
        """);

    [Fact]
    public Task Slot_arrays_lists_and_linked_lists_behind_Monitor_and_WaitHandle_gates() => VerifyNoFix(
        """
        class SlotPool
        {
            private readonly object _sync = new object();
            private readonly Connection[] _slots = { new Connection(), new Connection() };

            public Connection Acquire()
            {
                lock (_sync)
                {
                    while (true)
                    {
                        for (var i = 0; i < _slots.Length; i++)
                        {
                            var c = _slots[i];
                            if (c != null) { _slots[i] = null; return c; }
                        }

                        {|POOL001:Monitor.Wait(_sync)|};
                    }
                }
            }

            public void Release(Connection c)
            {
                lock (_sync)
                {
                    _slots[Array.IndexOf(_slots, null)] = c;
                    Monitor.Pulse(_sync);
                }
            }
        }

        class Client { public bool Active; }

        class ActiveFlagPool
        {
            private readonly Client[] _clients = { new Client(), new Client() };

            public Client GetClient()
            {
                lock (_clients)
                {
                    Client free;
                    while ((free = FindInactive()) == null)
                    {
                        if (!{|POOL001:Monitor.Wait(_clients, 2000)|}) throw new TimeoutException();
                    }

                    return free;
                }
            }

            public void DisposeClient(Client client)
            {
                lock (_clients) { client.Active = false; Monitor.PulseAll(_clients); }
            }

            private Client FindInactive()
            {
                foreach (var i in new[] { 0, 1 })
                {
                    var client = _clients[i];
                    if (!client.Active) { client.Active = true; return client; }
                }

                return null;
            }
        }

        class EventGatedPool
        {
            private readonly AutoResetEvent _returned = new AutoResetEvent(false);
            private readonly LinkedList<Connection> _idle = new LinkedList<Connection>();

            public Connection Obtain()
            {
                while (true)
                {
                    lock (_idle)
                    {
                        if (_idle.Count > 0) { var c = _idle.First.Value; _idle.RemoveFirst(); return c; }
                    }

                    {|POOL001:_returned.WaitOne()|};
                }
            }

            public void GiveBack(Connection c)
            {
                lock (_idle) { _idle.AddLast(c); }
                _returned.Set();
            }
        }
        """);

    [Fact]
    public Task Offloading_the_take_to_Task_Run_still_blocks_a_pool_thread() => VerifyNoFix(
        """
        class OffloadedPool
        {
            private readonly BlockingCollection<Connection> _idle = {|POOL001:new BlockingCollection<Connection>(4)|};

            public Task<Connection> RentAsync() => Task.Run(() => _idle.Take());

            public void Return(Connection c) => _idle.Add(c);

            public int Count => _idle.Count;
        }
        """);

    [Fact]
    public Task Schedulers_blocking_queues_mutexes_throttles_and_pools_that_never_wait_are_not_blocking_pools() => VerifyNone(
        """
        class Scheduler
        {
            private readonly Queue<Action> _work = new Queue<Action>();

            public void Post(Action action) { lock (_work) { _work.Enqueue(action); Monitor.Pulse(_work); } }

            public void WorkerLoop()
            {
                while (true)
                {
                    Action next;
                    lock (_work)
                    {
                        while (_work.Count == 0) Monitor.Wait(_work);
                        next = _work.Dequeue();
                    }

                    next();
                }
            }
        }

        class BlockingQueue
        {
            private readonly object _sync = new object();
            private readonly Queue<Connection> _items = new Queue<Connection>();

            public void Enqueue(Connection item) { lock (_sync) { _items.Enqueue(item); Monitor.Pulse(_sync); } }

            public Connection Dequeue()
            {
                lock (_sync)
                {
                    while (_items.Count == 0) Monitor.Wait(_sync);
                    return _items.Dequeue();
                }
            }
        }

        class Cache
        {
            private readonly SemaphoreSlim _mutex = new SemaphoreSlim(1, 1);
            private readonly List<Connection> _items = new List<Connection>();

            public Connection Latest()
            {
                _mutex.Wait();
                try { var last = _items[_items.Count - 1]; _items.RemoveAt(_items.Count - 1); return last; }
                finally { _mutex.Release(); }
            }

            public void Add(Connection c) { _mutex.Wait(); try { _items.Add(c); } finally { _mutex.Release(); } }
        }

        class Throttle
        {
            private readonly SemaphoreSlim _slots = new SemaphoreSlim(10);

            public void Run(Action work) { _slots.Wait(); try { work(); } finally { _slots.Release(); } }
        }

        class NeverWaits
        {
            private readonly BlockingCollection<Connection> _idle = new BlockingCollection<Connection>();

            public Connection Get() => _idle.TryTake(out var c) ? c : new Connection();

            public void Return(Connection c) => _idle.Add(c);
        }
        """);

    [Fact]
    public Task On_a_pool_of_multiplexers_the_message_points_at_POOL004_and_the_swap_stays() => VerifyNoFix(
        """
        using StackExchange.Redis;

        class RedisPool
        {
            private readonly BlockingCollection<ConnectionMultiplexer> _pool = {|#0:new BlockingCollection<ConnectionMultiplexer>(10)|};

            public ConnectionMultiplexer Get() => _pool.Take();

            public void Return(ConnectionMultiplexer c) => _pool.Add(c);

            public int Idle => _pool.Count;
        }
        """,
        test =>
        {
            test.ReferenceAssemblies = test.ReferenceAssemblies.AddPackages([new Microsoft.CodeAnalysis.Testing.PackageIdentity("StackExchange.Redis", "2.8.16")]);
            test.ExpectMarked(
                Descriptors.BlockingPool,
                "The pool '_pool' (BlockingCollection<ConnectionMultiplexer>)",
                "make it an async pool such as PoolRuntime.AsyncPool<T>, which waits without a thread (no code fix: it reads Count, which counts idle items here but live ones on AsyncPool<T>); better still, a multiplexer is made to be shared: see POOL004");
        });

    [Fact]
    public Task A_target_typed_field_initializer_is_the_pools_creation() => VerifyNoFix(
        """
        class Pool
        {
            private readonly BlockingCollection<Connection> _idle = {|POOL001:new(4)|};

            public Connection Get() => _idle.Take();

            public void Return(Connection c) => _idle.Add(c);

            public int Idle => _idle.Count;
        }
        """);

    [Fact]
    public Task Mutex_guarded_lists_signalled_queues_queue_facades_and_rotations_are_not_pools() => VerifyNone(
        """
        class Search { public string Q; }

        class RecentSearches
        {
            private readonly SemaphoreSlim _mutex = new SemaphoreSlim(1, 1);
            private readonly List<Search> _recent = new List<Search>();

            public void Record(string q) { _mutex.Wait(); try { _recent.Add(new Search { Q = q }); } finally { _mutex.Release(); } }

            public Search PopLatest()
            {
                _mutex.Wait();
                try { var s = _recent[_recent.Count - 1]; _recent.RemoveAt(_recent.Count - 1); return s; }
                finally { _mutex.Release(); }
            }
        }

        class JobQueue
        {
            private readonly ConcurrentQueue<Connection> _jobs = new ConcurrentQueue<Connection>();
            private readonly SemaphoreSlim _available = new SemaphoreSlim(0);

            public void Post() { _jobs.Enqueue(new Connection()); _available.Release(); }

            public Connection Next() { _available.Wait(); _jobs.TryDequeue(out var job); return job; }
        }

        class RenderQueue
        {
            private readonly BlockingCollection<Connection> _jobs = new BlockingCollection<Connection>(new ConcurrentQueue<Connection>(), 100);

            public void Enqueue(Connection job) => _jobs.Add(job);

            public Connection Dequeue() => _jobs.Take();
        }

        class Ring
        {
            private readonly BlockingCollection<Connection> _ring = new BlockingCollection<Connection>();

            public Connection Next() { var c = _ring.Take(); _ring.Add(c); return c; }
        }

        class Retry
        {
            private readonly BlockingCollection<Connection> _jobs = new BlockingCollection<Connection>();

            public void Work() { var job = _jobs.Take(); try { Console.WriteLine(job.Id); } catch (Exception) { _jobs.Add(job); } }
        }
        """);
}
