using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace PoolAnalyzers.Model;

/// <summary>
/// The pool model of one compilation, shared by the three rules and the code fixes: each type's pools
/// (<see cref="TypePools"/>), the blocking checkout methods (<see cref="BlockingCheckouts"/>), and the syntax index
/// that keeps the cross-call search cheap (<see cref="CallIndex"/>). Everything is computed on demand, once, and cached
/// for the life of the compilation.
/// </summary>
internal sealed class PoolModel
{
    private static readonly ConditionalWeakTable<Compilation, PoolModel?> Models = new();

    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _semanticModels = new();
    private readonly ConcurrentDictionary<INamedTypeSymbol, Lazy<TypePools>> _types = new(SymbolEqualityComparer.Default);

    private PoolModel(PoolSymbols symbols)
    {
        Symbols = symbols;
        Index = new CallIndex(symbols.Compilation);
        Sites = new BlockingSites(this);
        Checkouts = new BlockingCheckouts(this);
        TaskCheckouts = new TaskCheckouts(this);
    }

    public PoolSymbols Symbols { get; }

    public Compilation Compilation => Symbols.Compilation;

    /// <summary>What a single call blocks on: a take, a gate's wait, a blocking wait on a checkout task.</summary>
    public BlockingSites Sites { get; }

    /// <summary>The application's own methods that block on a pool, directly or through the methods they call.</summary>
    public BlockingCheckouts Checkouts { get; }

    /// <summary>The asynchronous checkouts: the tasks a blocking wait on which POOL002 reports.</summary>
    public TaskCheckouts TaskCheckouts { get; }

    /// <summary>The syntax index that keeps the cross-call search from binding methods that cannot block.</summary>
    public CallIndex Index { get; }

    /// <summary>The model of a compilation; null when it has none of the types a blocking pool is built on.</summary>
    public static PoolModel? For(Compilation compilation) =>
        Models.GetValue(compilation, c => PoolSymbols.TryCreate(c) is { } symbols ? new PoolModel(symbols) : null);

    /// <summary>Whether a tree is one of this compilation's (in an IDE, a project reference's source symbols point at another's).</summary>
    public bool IsOwnTree(SyntaxTree? tree) => tree is not null && Compilation.ContainsSyntaxTree(tree);

    /// <summary>The pools of a type (its nested types' uses included).</summary>
    public TypePools Pools(INamedTypeSymbol type) =>
        _types.GetOrAdd(type.OriginalDefinition, t => new Lazy<TypePools>(() => TypePoolsBuilder.Build(this, t), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The type whose members use a storage: a field's or property's type, a local's method's type.</summary>
    public static INamedTypeSymbol? OwnerOf(ISymbol storage) => storage switch
    {
        ILocalSymbol local => local.ContainingType ?? local.ContainingSymbol?.ContainingType,
        _ => storage.ContainingType,
    };

    /// <summary>Whether a method of this name is called inside a <c>finally</c> anywhere in the compilation.</summary>
    public bool IsCalledInFinally(string name) => Index.IsCalledInFinally(name);

    /// <summary>
    /// A semantic model for a tree the analyzer is not currently in, bound once per tree and compilation. The pool
    /// model reads other members of a type and the bodies of called methods, which live in other files; the cost is
    /// bounded by the syntax pre-checks of <see cref="CallIndex"/> and the per-type and per-method caches.
    /// </summary>
    public SemanticModel SemanticModel(SyntaxTree tree) =>
#pragma warning disable RS1030 // Bounded and cached: see the summary.
        _semanticModels.GetOrAdd(tree, t => Compilation.GetSemanticModel(t));
#pragma warning restore RS1030
}
