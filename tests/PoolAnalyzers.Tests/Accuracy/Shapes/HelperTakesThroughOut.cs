// Shape: BlockingCollection pool whose take sits in a private helper that hands the item out via out (TryTake with a timeout); the public Acquire() calls the helper; an async login handler calls Acquire().
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Shapes.HelperTakesThroughOut;

public sealed class LdapConnection : IDisposable
{
    public Task<bool> BindAsync(string distinguishedName, string password) =>
        Task.FromResult(distinguishedName.Length > 0 && password.Length > 0);

    public void Dispose() { }
}

public sealed class LdapConnectionPool
{
    private readonly BlockingCollection<LdapConnection> _idle;
    private readonly TimeSpan _waitLimit;

    public LdapConnectionPool(int size, TimeSpan waitLimit)
    {
        _idle = {|POOL001:new BlockingCollection<LdapConnection>(size)|};
        _waitLimit = waitLimit;
        for (var i = 0; i < size; i++)
            _idle.Add(new LdapConnection());
    }

    public LdapConnection Acquire()
    {
        if (!TryTakeIdle(out var connection))
            throw new TimeoutException($"No LDAP connection free after {_waitLimit.TotalSeconds} s.");
        return connection;
    }

    public void Release(LdapConnection connection) => _idle.Add(connection);

    private bool TryTakeIdle(out LdapConnection connection) => _idle.TryTake(out connection, _waitLimit);
}

public sealed class LoginHandler
{
    private readonly LdapConnectionPool _pool;

    public LoginHandler(LdapConnectionPool pool) => _pool = pool;

    public async Task<bool> LoginAsync(string user, string password)
    {
        var connection = {|POOL003:_pool.Acquire()|};
        try
        {
            return await connection.BindAsync($"uid={user},ou=people,dc=example,dc=com", password);
        }
        finally
        {
            _pool.Release(connection);
        }
    }
}
