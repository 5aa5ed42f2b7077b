using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;
using PoolAnalyzers.Model;

namespace PoolAnalyzers.Rules;

/// <summary>
/// POOL004: an exclusive-lease pool of StackExchange.Redis multiplexed objects (<c>ConnectionMultiplexer</c>,
/// <c>IConnectionMultiplexer</c>, <c>IDatabase</c>, <c>ISubscriber</c>, <c>IServer</c>), whatever it is built on:
/// an <c>AsyncPool&lt;T&gt;</c> or <c>ObjectPool&lt;T&gt;</c>, or a container the pool model classifies as a pool
/// (a <c>BlockingCollection&lt;T&gt;</c>, a gated bag, stack or queue). Reported at the pool's creation. No code fix:
/// whether callers rely on the lease (as a throttle, or for exclusive use) is not visible in the code.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MultiplexerPoolAnalyzer : PoolDiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.MultiplexerPool];

    internal override void AnalyzeCompilation(CompilationStartAnalysisContext context, PoolModel model)
    {
        // Without StackExchange.Redis in the compilation there is nothing to find.
        if (model.Symbols.MultiplexedTypes.IsEmpty)
        {
            return;
        }

        context.RegisterOperationAction(context => AnalyzeCreation(context, model), OperationKind.ObjectCreation);
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, PoolModel model)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol { TypeArguments.Length: 1 } type || !model.Symbols.IsMultiplexed(type.TypeArguments[0]))
        {
            return;
        }

        var item = type.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (IsExclusivePool(type, model.Symbols))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.MultiplexerPool, creation.Syntax.GetLocation(), $"'{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'", item));
            return;
        }

        if (!model.Symbols.IsItemContainer(type) || (context.ContainingSymbol as INamedTypeSymbol ?? context.ContainingSymbol.ContainingType) is not { } owner)
        {
            return;
        }

        var pools = model.Pools(owner);
        if (pools.Containers.FirstOrDefault(container => container.Creations.Any(c => c.Syntax == creation.Syntax)) is { } container && IsLeasedOut(container, pools))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.MultiplexerPool, creation.Syntax.GetLocation(), $"The pool '{container.Storage.Name}'", item));
        }
    }

    /// <summary>AsyncPool, ObjectPool or a type derived from them.</summary>
    private static bool IsExclusivePool(INamedTypeSymbol type, PoolSymbols symbols)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (symbols.ExclusivePools.Contains(current.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A container whose items are lent out and come back, or that a pool's gate hands out.</summary>
    private static bool IsLeasedOut(Container container, TypePools pools) =>
        container.IsPool
        || pools.Waits.Any(wait => pools.GatedContainer(wait) == container && pools.ItemsHandedOutBy(wait.Function).Contains(container));
}
