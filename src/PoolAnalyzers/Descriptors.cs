using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace PoolAnalyzers;

/// <summary>Every rule's descriptor, in one place.</summary>
internal static class Descriptors
{
    /// <summary>
    /// Where the rule pages live: <c>docs/rules</c> in the repository these analyzers were built from, as its git remote
    /// told the build (recorded in the assembly's <c>RepositoryUrl</c> metadata). Null when the build had no web remote:
    /// the rules then have no help link rather than an invented one. Each descriptor links to <c>{HelpBase}/POOL00N.md</c>.
    /// </summary>
    public static readonly string? HelpBase = RulePagesIn(BuiltFrom());

    private const string Category = "Reliability";

    public static readonly DiagnosticDescriptor BlockingPool = new(
        DiagnosticIds.BlockingPool,
        title: "Pool blocks a thread per waiting caller",
        messageFormat: "{0} blocks a thread-pool thread for every caller that waits for an item, which starves the thread pool under load; {1}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A pool whose checkout waits in BlockingCollection<T>.Take/TryTake, SemaphoreSlim.Wait, Semaphore.WaitOne or Monitor.Wait parks one thread per waiting caller. Used from async code, the thread pool grows by about one thread per 500 ms while requests queue up. Use an async-native pool such as PoolRuntime.AsyncPool<T>.",
        helpLinkUri: HelpLink(DiagnosticIds.BlockingPool));

    public static readonly DiagnosticDescriptor BlockingWaitOnCheckout = new(
        DiagnosticIds.BlockingWaitOnCheckout,
        title: "Blocking wait on a pool checkout in async code",
        messageFormat: "'{0}' blocks this thread until the pool hands out an item; await the checkout instead",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Waiting synchronously (.Result, .Wait(), .GetAwaiter().GetResult()) for a pool checkout inside async code holds a thread-pool thread for as long as the pool makes the caller wait, which starves the thread pool when the pool is busy.",
        helpLinkUri: HelpLink(DiagnosticIds.BlockingWaitOnCheckout));

    public static readonly DiagnosticDescriptor SynchronousCheckout = new(
        DiagnosticIds.SynchronousCheckout,
        title: "Synchronous pool checkout in async code",
        messageFormat: "'{0}' blocks this thread {1}; {2}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A synchronous checkout inside async code (BlockingCollection<T>.Take, TryTake with a timeout, a pool gate's Wait, or a call of the application's own method that blocks in one of those) parks a thread-pool thread for every caller waiting for an item.",
        helpLinkUri: HelpLink(DiagnosticIds.SynchronousCheckout));

    public static readonly DiagnosticDescriptor MultiplexerPool = new(
        DiagnosticIds.MultiplexerPool,
        title: "Pool of Redis multiplexers",
        messageFormat: "{0} hands each {1} to one caller at a time, but a {1} is thread-safe and pipelines concurrent commands over its connection, so the pool turns a pipeline into one request at a time; share one instance instead (several, picked round-robin, only where one connection is measured to be the bottleneck)",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "StackExchange.Redis's ConnectionMultiplexer (and the IDatabase, ISubscriber and IServer it hands out) is made to be shared: every concurrent command is pipelined over one socket. A pool that leases it to one caller at a time serializes those commands. On the project's benchmark one shared multiplexer served 7-131 times the requests of any pool of them.",
        helpLinkUri: HelpLink(DiagnosticIds.MultiplexerPool));

    public static string? HelpLink(string id) => HelpBase is null ? null : $"{HelpBase}/{id}.md";

    /// <summary>The rule pages' folder in a repository with a web address (<c>https://host/owner/name[.git]</c>); null otherwise.</summary>
    internal static string? RulePagesIn(string? repositoryUrl)
    {
        if (repositoryUrl is null || !Uri.TryCreate(repositoryUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.AbsolutePath.Trim('/').Length == 0)
        {
            return null;
        }

        var repository = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (repository.EndsWith(".git", StringComparison.Ordinal))
        {
            repository = repository.Substring(0, repository.Length - ".git".Length);
        }

        return $"{repository}/blob/main/docs/rules";
    }

    private static string? BuiltFrom() =>
        typeof(Descriptors).Assembly.GetCustomAttributes(typeof(AssemblyMetadataAttribute), inherit: false)
            .OfType<AssemblyMetadataAttribute>()
            .FirstOrDefault(metadata => metadata.Key == "RepositoryUrl")?.Value;
}
