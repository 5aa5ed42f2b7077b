using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;
using PoolAnalyzers.Model;

namespace PoolAnalyzers.Rules;

/// <summary>
/// POOL003: a synchronous, thread-blocking checkout inside async code. Directly: <c>BlockingCollection.Take</c>,
/// <c>TryTake(out x, timeout)</c> with a non-zero timeout, AsyncPool's synchronous <c>Take</c>/<c>TryTake</c> with a
/// timeout, a pool gate's <c>Wait</c>/<c>WaitOne</c>/<c>Monitor.Wait</c>, or a method listed in
/// <c>pool_analyzers.checkout_methods</c>. Across calls: a call of the application's own synchronous method (or
/// property) that blocks in one of those, however many of its own methods lie between. The synchronous branch of a
/// dual-path method (<c>if (async) await x.WaitAsync(); else x.Wait();</c>) and synchronous lambdas given to
/// <c>Task.Run</c> are not async code.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SynchronousCheckoutAnalyzer : PoolDiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.SynchronousCheckout];

    internal override void AnalyzeCompilation(CompilationStartAnalysisContext context, PoolModel model)
    {
        context.RegisterOperationAction(
            context =>
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (!IsAsyncCode(invocation, context.ContainingSymbol))
                {
                    return;
                }

                if (model.Sites.At(invocation, context.ContainingSymbol, context.Options) is { } site)
                {
                    var creations = site.Pool?.Creations.Select(c => c.Syntax.GetLocation()).ToList() ?? [];
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SynchronousCheckout,
                        invocation.Syntax.GetLocation(),
                        creations,
                        FixProperties.For(site.Fix, creations.Count),
                        invocation.Syntax.ToString(),
                        site.WaitsFor,
                        site.Remedy));
                }
                else
                {
                    ReportBlockingWrapper(context, invocation, invocation.TargetMethod, model);
                }
            },
            OperationKind.Invocation);

        context.RegisterOperationAction(
            context =>
            {
                var property = (IPropertyReferenceOperation)context.Operation;
                if (property.Property.GetMethod is { } getter && !(property.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, property))
                    && IsAsyncCode(property, context.ContainingSymbol))
                {
                    ReportBlockingWrapper(context, property, getter, model);
                }
            },
            OperationKind.PropertyReference);
    }

    private static bool IsAsyncCode(IOperation operation, ISymbol containingSymbol) =>
        AsyncCode.Contains(operation, containingSymbol) && !AsyncCode.IsSynchronousBranchOfDualPath(operation);

    /// <summary>A call of the application's own method that blocks on a pool: the message names the path to the blocking call.</summary>
    private static void ReportBlockingWrapper(OperationAnalysisContext context, IOperation call, IMethodSymbol called, PoolModel model)
    {
        if (model.Checkouts.Resolve(called) is not { } method || model.Checkouts.PathThrough(method, context.Options) is not { } path)
        {
            return;
        }

        var twin = AsyncTwin(method, model);
        var remedy = twin is null ? Advice.CallAsyncCheckout : $"await its asynchronous twin '{BlockingCheckouts.Describe(twin)}' instead";
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.SynchronousCheckout,
            call.Syntax.GetLocation(),
            call.Syntax.ToString(),
            $"on a pool: '{BlockingCheckouts.Describe(method)}' {path}",
            remedy));
    }

    /// <summary><c>GetConnectionAsync</c> beside <c>GetConnection</c>, returning a task.</summary>
    private static IMethodSymbol? AsyncTwin(IMethodSymbol method, PoolModel model) =>
        method.MethodKind == MethodKind.Ordinary
            ? method.ContainingType.GetMembers(method.Name + "Async").OfType<IMethodSymbol>().FirstOrDefault(m => model.Symbols.IsTaskLike(m.ReturnType))
            : null;
}
