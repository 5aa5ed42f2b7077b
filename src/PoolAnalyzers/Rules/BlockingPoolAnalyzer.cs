using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;
using PoolAnalyzers.Model;

namespace PoolAnalyzers.Rules;

/// <summary>
/// POOL001: a pool built on a thread-blocking queue or gate. Reported at (a) the creation of a BlockingCollection that
/// the pool model classifies as a pool, (b) the gate wait of a synchronous checkout (a function that waits on a pool's
/// semaphore, handle or Monitor and hands out an item), and (c) the creation of a type listed in
/// <c>pool_analyzers.blocking_pool_types</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingPoolAnalyzer : PoolDiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.BlockingPool];

    internal override void AnalyzeCompilation(CompilationStartAnalysisContext context, PoolModel model)
    {
        context.RegisterOperationAction(context => AnalyzeCreation(context, model), OperationKind.ObjectCreation);
        context.RegisterOperationAction(context => AnalyzeGateWait(context, model), OperationKind.Invocation);
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, PoolModel model)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (model.Symbols.IsBlockingCollection(creation.Type))
        {
            ReportBlockingCollectionPool(context, creation, model);
        }
        else if (creation.Type is INamedTypeSymbol type
            && PoolAnalyzerOptions.Matches(PoolAnalyzerOptions.GetNameList(context.Options, creation.Syntax.SyntaxTree, PoolAnalyzerOptions.BlockingPoolTypesKey), type))
        {
            // (c) a type the project lists as a blocking pool.
            var subject = $"'{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' (listed in {PoolAnalyzerOptions.BlockingPoolTypesKey})";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingPool, creation.Syntax.GetLocation(), subject, PoolAdvice(model)));
        }
    }

    /// <summary>(a): a BlockingCollection whose items leave in checkouts and come back, and whose checkout can wait.</summary>
    private static void ReportBlockingCollectionPool(OperationAnalysisContext context, IObjectCreationOperation creation, PoolModel model)
    {
        var type = context.ContainingSymbol as INamedTypeSymbol ?? context.ContainingSymbol.ContainingType;
        if (type is null)
        {
            return;
        }

        var pools = model.Pools(type);
        var pool = pools.Containers.FirstOrDefault(container => container.Creations.Any(c => c.Syntax == creation.Syntax));
        if (pool is not { IsPool: true, HasBlockingTake: true })
        {
            return;
        }

        var elementType = pool.ElementType?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "T";
        var subject = $"The pool '{pool.Storage.Name}' (BlockingCollection<{elementType}>)";
        var blocker = PoolSwap.Blocker(pool, pools);
        string advice;
        var properties = FixProperties.For(null);
        var additional = Enumerable.Empty<Location>();
        if (blocker is not null)
        {
            advice = Advice.NoSwap(blocker);
        }
        else if (model.Symbols.AsyncPool is null)
        {
            advice = Advice.AddPoolRuntimeThenFix;
        }
        else
        {
            advice = Advice.UseAsyncPoolWithFix;

            // The fix swaps every creation of the pool and awaits its blocking takes in async code in the same edit.
            var asyncTakes = pool.Takes.Where(take => take.Blocks && take.Function is IMethodSymbol { IsAsync: true } && !AsyncCode.IsSynchronousBranchOfDualPath(take.Operation));
            properties = FixProperties.For(FixKinds.SwapToAsyncPool, pool.Creations.Count);
            additional = pool.Creations.Select(c => c.Syntax.GetLocation()).Concat(asyncTakes.Select(take => take.Operation.Syntax.GetLocation()));
        }

        if (model.Symbols.IsMultiplexed(pool.ElementType))
        {
            advice += Advice.SeeMultiplexerPool;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingPool, creation.Syntax.GetLocation(), additional, properties, subject, advice));
    }

    /// <summary>(b): a synchronous function that waits on a pool's gate and hands out an item.</summary>
    private static void AnalyzeGateWait(OperationAnalysisContext context, PoolModel model)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name is not ("Wait" or "WaitOne") || AsyncCode.Contains(invocation, context.ContainingSymbol)
            || (context.ContainingSymbol as INamedTypeSymbol ?? context.ContainingSymbol.ContainingType) is not { } type)
        {
            return;
        }

        var pools = model.Pools(type);
        if (pools.WaitAt(invocation.Syntax) is { } wait && pools.IsBlockingGatedCheckout(wait))
        {
            var subject = $"The checkout '{FunctionName(wait.Function)}', which waits in '{invocation.Syntax}',";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingPool, invocation.Syntax.GetLocation(), subject, PoolAdvice(model)));
        }
    }

    private static string FunctionName(ISymbol function) =>
        function is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } ? "lambda" : function.Name;

    private static string PoolAdvice(PoolModel model) => model.Symbols.AsyncPool is not null ? Advice.MakePoolAsync : Advice.AddPoolRuntime;
}
