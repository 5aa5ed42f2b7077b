// Shape: LinkedList<T> pool (warmest page first) gated by Monitor.Wait with a timeout in a while loop inside lock; an async local function checks out through the synchronous Lease(timeout).
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.LinkedListMonitorPool;

public sealed class BrowserPage
{
    public DateTime LastUsed { get; set; }

    public Task<string> ScreenshotAsync(string url) => Task.FromResult(url);
}

public sealed class BrowserPagePool
{
    private readonly object _lock = new();
    private readonly LinkedList<BrowserPage> _idle = new();

    public BrowserPagePool(int pages)
    {
        for (var i = 0; i < pages; i++)
            _idle.AddLast(new BrowserPage());
    }

    public BrowserPage Lease(int timeoutMs)
    {
        lock (_lock)
        {
            while (_idle.Count == 0)
            {
                if (!{|POOL001:Monitor.Wait(_lock, timeoutMs)|})
                    throw new TimeoutException("No browser page became free.");
            }

            var page = _idle.First!.Value;
            _idle.RemoveFirst();
            return page;
        }
    }

    public void PutBack(BrowserPage page)
    {
        page.LastUsed = DateTime.UtcNow;
        lock (_lock)
        {
            _idle.AddFirst(page); // warm pages are handed out first
            Monitor.Pulse(_lock);
        }
    }
}

public sealed class ThumbnailJob
{
    private readonly BrowserPagePool _pages;

    public ThumbnailJob(BrowserPagePool pages) => _pages = pages;

    public async Task<string[]> CaptureAsync(IEnumerable<string> urls)
    {
        async Task<string> CaptureOne(string url)
        {
            var page = {|POOL003:_pages.Lease(5000)|};
            try
            {
                return await page.ScreenshotAsync(url);
            }
            finally
            {
                _pages.PutBack(page);
            }
        }

        return await Task.WhenAll(urls.Select(CaptureOne));
    }
}
