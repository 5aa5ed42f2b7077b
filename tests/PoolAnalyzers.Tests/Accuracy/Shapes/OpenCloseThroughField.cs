// Shape: the item put back is not the local that was taken: Open() stores the connection taken from a static BlockingCollection pool in a field, Close() puts the field back; async code calls Open().
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Shapes.OpenCloseThroughField;

public sealed class SqlConnection
{
    public Task<int> ExecuteAsync(string sql) => Task.FromResult(1);
}

public sealed class DbSession : IDisposable
{
    private const int PoolSize = 8;
    private static readonly BlockingCollection<SqlConnection> Idle = {|POOL001:new BlockingCollection<SqlConnection>(PoolSize)|};

    private SqlConnection? _connection;

    static DbSession()
    {
        for (var i = 0; i < PoolSize; i++)
            Idle.Add(new SqlConnection());
    }

    public void Open()
    {
        if (_connection is null)
            _connection = Idle.Take();
    }

    public Task<int> ExecuteAsync(string sql)
    {
        if (_connection is null)
            throw new InvalidOperationException("Call Open() first.");
        return _connection.ExecuteAsync(sql);
    }

    public void Close()
    {
        if (_connection is not null)
        {
            Idle.Add(_connection);
            _connection = null;
        }
    }

    public void Dispose() => Close();
}

public sealed class AuditLogWriter
{
    public async Task WriteAsync(string userName, string action)
    {
        using var session = new DbSession();
        {|POOL003:session.Open()|};
        await session.ExecuteAsync($"INSERT INTO audit_log (user_name, action) VALUES ('{userName}', '{action}')");
    }

    // Called by the synchronous import tool.
    public void Write(string userName, string action)
    {
        using var session = new DbSession();
        session.Open();
        session.ExecuteAsync($"INSERT INTO audit_log (user_name, action) VALUES ('{userName}', '{action}')").Wait();
    }
}
