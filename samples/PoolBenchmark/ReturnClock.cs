using System.Diagnostics;
namespace PoolBenchmark;

/// <summary>
/// When each connection was last given back, so that the next worker to hold it can measure the hand-off: the time
/// from one worker's give-back to the next one running with that connection (the pool's own work plus the thread
/// pool's scheduling of the waiter). While workers queue for every connection, as the main job's 5000 do, that is all
/// the gap holds; a connection that sat idle in the pool (more connections than waiters) adds its idle time.
/// The connections are known up front and the map is never written after, so reading it needs no lock.
/// </summary>
public sealed class ReturnClock<TConnection>
    where TConnection : class
{
    private readonly Dictionary<TConnection, int> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly long[] _returnedAt;

    public ReturnClock(IReadOnlyList<TConnection> connections)
    {
        _returnedAt = new long[connections.Count];
        for (var i = 0; i < connections.Count; i++)
        {
            _slots.Add(connections[i], i);
        }
    }

    /// <summary>Called right before the connection goes back to the pool.</summary>
    public void Returned(TConnection connection) => Volatile.Write(ref _returnedAt[_slots[connection]], Stopwatch.GetTimestamp());

    /// <summary>Stopwatch ticks from the connection's last give-back to <paramref name="heldAt"/>; null before its first give-back.</summary>
    public long? TicksSinceReturn(TConnection connection, long heldAt)
    {
        var returnedAt = Volatile.Read(ref _returnedAt[_slots[connection]]);
        return returnedAt == 0 ? null : heldAt - returnedAt;
    }
}
