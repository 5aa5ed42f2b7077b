// Shape: LDAP connection pool with the connections in a T[] and a parallel bool[] of in-use flags, gated by SemaphoreSlim.Wait(timeout); Obtain() finds a free slot under lock, Surrender() clears the flag; an ASP.NET-style async controller calls Obtain(timeout).
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindLdapSlotFlagsPool;

public sealed class LdapConnection
{
    public Task<string?> SearchAsync(string baseDn, string filter) => Task.FromResult<string?>(filter);
}

public sealed class LdapConnectionPool
{
    private readonly LdapConnection[] _connections;
    private readonly bool[] _inUse;
    private readonly SemaphoreSlim _slotsFree;
    private readonly object _flagsLock = new();

    public LdapConnectionPool(int size)
    {
        _connections = new LdapConnection[size];
        _inUse = new bool[size];
        _slotsFree = new SemaphoreSlim(size, size);
        for (var i = 0; i < size; i++)
            _connections[i] = new LdapConnection();
    }

    public LdapConnection Obtain(TimeSpan timeout)
    {
        if (!{|POOL001:_slotsFree.Wait(timeout)|})
            throw new TimeoutException("All LDAP connections are busy.");

        lock (_flagsLock)
        {
            for (var i = 0; i < _inUse.Length; i++)
            {
                if (!_inUse[i])
                {
                    _inUse[i] = true;
                    return _connections[i];
                }
            }
        }

        throw new InvalidOperationException("Semaphore and slot flags disagree.");
    }

    public void Surrender(LdapConnection connection)
    {
        lock (_flagsLock)
        {
            var index = Array.IndexOf(_connections, connection);
            _inUse[index] = false;
        }

        _slotsFree.Release();
    }
}

public sealed class UserDirectoryController
{
    private static readonly TimeSpan ObtainTimeout = TimeSpan.FromSeconds(5);
    private readonly LdapConnectionPool _ldap;

    public UserDirectoryController(LdapConnectionPool ldap) => _ldap = ldap;

    public async Task<string> GetUserAsync(string uid)
    {
        var connection = {|POOL003:_ldap.Obtain(ObtainTimeout)|};
        try
        {
            var entry = await connection.SearchAsync("ou=people,dc=example,dc=org", $"(uid={uid})");
            return entry ?? "not found";
        }
        finally
        {
            _ldap.Surrender(connection);
        }
    }
}
