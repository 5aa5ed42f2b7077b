// Shape: a property getter that blocks on a BlockingCollection pool (Current => _idle.Take()); async code reads the property (POOL003 on the member access) and a non-blocking IdleCount property (not reported).
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Shapes.PropertyGetterCheckout;

public sealed class TranslationEngine
{
    public Task<string> TranslateAsync(string text, string language) => Task.FromResult(text);
}

public sealed class TranslationEnginePool
{
    private readonly BlockingCollection<TranslationEngine> _idle = {|POOL001:new BlockingCollection<TranslationEngine>(4)|};

    public TranslationEnginePool()
    {
        for (var i = 0; i < 4; i++)
            _idle.Add(new TranslationEngine());
    }

    // Waits until an engine is free.
    public TranslationEngine Current => _idle.Take();

    public int IdleCount => _idle.Count;

    public void Recycle(TranslationEngine engine) => _idle.Add(engine);
}

public sealed class TranslationController
{
    private readonly TranslationEnginePool _pool;

    public TranslationController(TranslationEnginePool pool) => _pool = pool;

    public async Task<string> TranslateAsync(string text, string language)
    {
        if (_pool.IdleCount == 0)
            Console.WriteLine("All translation engines are busy; waiting for one.");

        var engine = {|POOL003:_pool.Current|};
        try
        {
            return await engine.TranslateAsync(text, language);
        }
        finally
        {
            _pool.Recycle(engine);
        }
    }
}
