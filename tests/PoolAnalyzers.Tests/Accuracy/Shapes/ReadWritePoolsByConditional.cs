// Shape: two BlockingCollection pools in one class (replicas and primary) picked by a conditional expression; async code takes from the picked pool directly and through Rent(readOnly).
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Shapes.ReadWritePoolsByConditional;

public sealed class PgConnection
{
    public PgConnection(bool readOnly) => IsReadOnly = readOnly;

    public bool IsReadOnly { get; }

    public Task<int> QueryAsync(string sql) => Task.FromResult(sql.Length);
}

public sealed class ReplicaAwarePool
{
    private readonly BlockingCollection<PgConnection> _readPool = {|POOL001:new BlockingCollection<PgConnection>(12)|};
    private readonly BlockingCollection<PgConnection> _writePool = {|POOL001:new BlockingCollection<PgConnection>(4)|};

    public ReplicaAwarePool()
    {
        for (var i = 0; i < 12; i++)
            _readPool.Add(new PgConnection(readOnly: true));
        for (var i = 0; i < 4; i++)
            _writePool.Add(new PgConnection(readOnly: false));
    }

    public PgConnection Rent(bool readOnly)
    {
        var pool = readOnly ? _readPool : _writePool;
        return pool.Take();
    }

    public void Return(PgConnection connection)
    {
        var pool = connection.IsReadOnly ? _readPool : _writePool;
        pool.Add(connection);
    }

    public async Task<int> ExecuteAsync(string sql, bool readOnly)
    {
        var pool = readOnly ? _readPool : _writePool;
        var connection = {|POOL003:pool.Take()|};
        try
        {
            return await connection.QueryAsync(sql);
        }
        finally
        {
            pool.Add(connection);
        }
    }
}

public sealed class CustomerQueries
{
    private readonly ReplicaAwarePool _db;

    public CustomerQueries(ReplicaAwarePool db) => _db = db;

    public Task<int> CountAsync() => _db.ExecuteAsync("SELECT COUNT(*) FROM customers", readOnly: true);

    public async Task<int> RenameAsync(int id, string name)
    {
        var connection = {|POOL003:_db.Rent(readOnly: false)|};
        try
        {
            return await connection.QueryAsync($"UPDATE customers SET name = '{name}' WHERE id = {id}");
        }
        finally
        {
            _db.Return(connection);
        }
    }
}
