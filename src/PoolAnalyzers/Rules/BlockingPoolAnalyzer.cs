using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.Rules;

/// <summary>
/// POOL001: a pool built on a thread-blocking queue or gate. Reported at (a) the creation of a BlockingCollection
/// that is used as a pool, (b) the blocking gate call of a synchronous checkout method that then takes an item from a
/// collection of pooled items, and (c) the creation of a type listed in <c>pool_analyzers.blocking_pool_types</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingPoolAnalyzer : PoolDiagnosticAnalyzer
{
    private static readonly HashSet<string> TakeMethods = ["TryTake", "TryDequeue", "TryPop", "Dequeue", "Pop", "RemoveAt"];

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.BlockingPool];

    internal override void AnalyzeCompilation(CompilationStartAnalysisContext context, PoolSymbols symbols)
    {
        if (symbols.BlockingCollection is not null)
        {
            context.RegisterSymbolStartAction(
                start =>
                {
                    var usage = new BlockingCollectionUsage(symbols, (INamedTypeSymbol)start.Symbol);
                    start.RegisterOperationAction(usage.OnCreation, OperationKind.ObjectCreation);
                    start.RegisterOperationAction(usage.OnInvocation, OperationKind.Invocation);
                    start.RegisterOperationAction(usage.OnReference, OperationKind.FieldReference, OperationKind.PropertyReference, OperationKind.LocalReference);
                    start.RegisterSymbolEndAction(usage.Report);
                },
                SymbolKind.NamedType);
        }

        var gates = new PoolGates(symbols);
        context.RegisterOperationBlockStartAction(block => AnalyzeCheckoutMethod(block, symbols, gates));
        context.RegisterOperationAction(context => AnalyzeConfiguredPoolCreation(context, symbols), OperationKind.ObjectCreation);
    }

    /// <summary>(b): a synchronous method that waits on a pool gate and then takes an item from the pool's collection.</summary>
    private static void AnalyzeCheckoutMethod(OperationBlockStartAnalysisContext block, PoolSymbols symbols, PoolGates gates)
    {
        // An async method may hold a synchronous checkout in a local function or lambda: each gate wait is judged by
        // the function it is in (below), not by the method that owns the block.
        if (block.OwningSymbol is not IMethodSymbol)
        {
            return;
        }

        var gateWaits = new List<IInvocationOperation>();
        var takes = new List<IInvocationOperation>();
        block.RegisterOperationAction(
            context =>
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (TakeMethods.Contains(invocation.TargetMethod.Name)
                    && (symbols.IsPooledItemCollection(invocation.TargetMethod.ContainingType) || symbols.IsBlockingCollection(invocation.TargetMethod.ContainingType))
                    && OperationFacts.Storage(invocation.Instance) is IFieldSymbol or IPropertySymbol)
                {
                    lock (takes)
                    {
                        takes.Add(invocation);
                    }
                }
                else if (gates.IsBlockingGateWait(invocation) && !AsyncCode.Contains(invocation, context.ContainingSymbol))
                {
                    lock (takes)
                    {
                        gateWaits.Add(invocation);
                    }
                }
            },
            OperationKind.Invocation);

        block.RegisterOperationBlockEndAction(context =>
        {
            lock (takes)
            {
                if (takes.Count == 0)
                {
                    return;
                }

                var lastTake = takes.Max(take => take.Syntax.SpanStart);
                foreach (var wait in gateWaits.Where(wait => wait.Syntax.SpanStart < lastTake))
                {
                    var subject = $"The checkout '{block.OwningSymbol.Name}', which waits in '{wait.Syntax}',";
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingPool, wait.Syntax.GetLocation(), subject, Advice(symbols)));
                }
            }
        });
    }

    /// <summary>(c): the creation of a type the project lists as a blocking pool.</summary>
    private static void AnalyzeConfiguredPoolCreation(OperationAnalysisContext context, PoolSymbols symbols)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol type)
        {
            return;
        }

        var configured = PoolAnalyzerOptions.GetNameList(context.Options, creation.Syntax.SyntaxTree, PoolAnalyzerOptions.BlockingPoolTypesKey);
        if (PoolAnalyzerOptions.Matches(configured, type))
        {
            var subject = $"'{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' (listed in {PoolAnalyzerOptions.BlockingPoolTypesKey})";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingPool, creation.Syntax.GetLocation(), subject, Advice(symbols)));
        }
    }

    private static string Advice(PoolSymbols symbols) => symbols.AsyncPool is not null
        ? "make the pool async with PoolRuntime.AsyncPool<T>, which waits without a thread"
        : "make the pool async: add the PoolRuntime package, whose AsyncPool<T> waits without a thread";
}
