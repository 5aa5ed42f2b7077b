using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
                if (!AsyncCode.Contains(invocation, context.ContainingSymbol))
                {
                    return;
                }

                if (model.Sites.At(invocation, context.ContainingSymbol, context.Options) is { } site)
                {
                    if (AsyncCode.IsSynchronousBranchOfDualPath(invocation))
                    {
                        return;
                    }

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
                if (property.Property.GetMethod is { } getter && BlockingCheckouts.IsRead(property) && AsyncCode.Contains(property, context.ContainingSymbol))
                {
                    ReportBlockingWrapper(context, property, getter, model);
                }
            },
            OperationKind.PropertyReference);
    }

    /// <summary>
    /// A call of the application's own method that blocks on a pool: the message names the path to the blocking call.
    /// The fix awaits an existing async twin, or writes one where the wrapper's own blocking call has a mechanical
    /// rewrite; otherwise the message says why there is no fix.
    /// </summary>
    private static void ReportBlockingWrapper(OperationAnalysisContext context, IOperation call, IMethodSymbol called, PoolModel model)
    {
        if (model.Checkouts.Resolve(called) is not { } method || model.Checkouts.PathThrough(method, context.Options) is not { Path: { } path } checkout
            || AsyncCode.IsSynchronousBranchOfDualPath(call))
        {
            return;
        }

        var (fix, remedy) = WrapperFix(call, called, method, checkout, context.ContainingSymbol, model);
        var leads = fix == FixKinds.AddAsyncTwin ? new[] { method.DeclaringSyntaxReferences[0].GetSyntax().GetLocation(), checkout.Site!.Operation.Syntax.GetLocation() } : [];
        var creations = fix == FixKinds.AddAsyncTwin && checkout.Site!.Pool is { } pool ? pool.Creations.Select(c => c.Syntax.GetLocation()).ToArray() : [];
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.SynchronousCheckout,
            call.Syntax.GetLocation(),
            leads.Concat(creations),
            FixProperties.For(fix, creations.Length, leads.Length),
            call.Syntax.ToString(),
            $"on a pool: '{BlockingCheckouts.Describe(method)}' {path}",
            remedy));
    }

    private static (string? Fix, string Remedy) WrapperFix(IOperation call, IMethodSymbol called, IMethodSymbol method, CheckoutPath checkout, ISymbol caller, PoolModel model)
    {
        var direct = SymbolEqualityComparer.Default.Equals((called.ReducedFrom ?? called).OriginalDefinition, method)
            && method.MethodKind == MethodKind.Ordinary && !method.IsVirtual && !method.IsAbstract && !method.IsOverride;
        var twins = new List<IMethodSymbol>();
        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            twins.AddRange(type.GetMembers(method.Name + "Async").OfType<IMethodSymbol>());
        }

        if (twins.FirstOrDefault(twin => IsTwinOf(twin, method, model.Symbols) && model.Compilation.IsSymbolAccessibleWithin(twin, caller.ContainingType)) is { } existing)
        {
            return direct && call is IInvocationOperation && AwaitableShapes.CanAwaitAt(call.Syntax)
                ? (FixKinds.CallAsyncTwin, $"await its asynchronous twin '{BlockingCheckouts.Describe(existing)}' instead (the code fix does it)")
                : (null, $"await its asynchronous twin '{BlockingCheckouts.Describe(existing)}' instead");
        }

        var reason = twins.Count > 0 ? $"a '{method.Name}Async' exists that does not take the same arguments"
            : call is not IInvocationOperation || !direct || !IsTwinnable(method) ? $"'{BlockingCheckouts.Describe(method)}' is a property, virtual, an interface member, overloaded, or takes ref, out or params parameters"
            : !checkout.IsDirect ? "the blocking call is in a method it calls"
            : checkout.Site?.Fix is not (FixKinds.TakeAsync or FixKinds.TryTakeAsync or FixKinds.WaitAsync or FixKinds.SwapThenTakeAsync) ? "its blocking call has no mechanical awaitable rewrite"
            : !AwaitableShapes.CanRewriteCheckout(checkout.Site.Operation.Syntax) || !AwaitableShapes.CanAwaitAt(call.Syntax) ? "await cannot go where the blocking call is (inside a lock, or a TryTake shape the fix does not rewrite)"
            : null;
        return reason is null
            ? (FixKinds.AddAsyncTwin, Advice.CallAsyncCheckout + " (the code fix writes the twin)")
            : (null, $"{Advice.CallAsyncCheckout} (no code fix: {reason})");
    }

    /// <summary>
    /// A method the fix can copy into an async twin that compiles: an ordinary method with a body and no overloads (two
    /// twins could collide), no ref, out or params parameters, no ref-like result, not unsafe, not conditional, and a
    /// body with no yield, stackalloc or ref locals (none of which an async method may have).
    /// </summary>
    private static bool IsTwinnable(IMethodSymbol method) =>
        method.ContainingType.TypeKind is TypeKind.Class or TypeKind.Struct
        && method.ContainingType.GetMembers(method.Name).Length == 1
        && !method.ReturnsByRef && !method.ReturnsByRefReadonly && !method.ReturnType.IsRefLikeType
        && method.Parameters.All(parameter => parameter.RefKind == RefKind.None && !parameter.IsParams && !parameter.Type.IsRefLikeType)
        && !method.GetAttributes().Any(attribute => attribute.AttributeClass?.Name == "ConditionalAttribute")
        && method.DeclaringSyntaxReferences.Length == 1
        && method.DeclaringSyntaxReferences[0].GetSyntax() is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null }
        && method.DeclaringSyntaxReferences[0].GetSyntax() is MethodDeclarationSyntax declaration
        && !declaration.Modifiers.Any(modifier => modifier.ValueText == "unsafe")
        && !declaration.DescendantNodes().Any(node => node is YieldStatementSyntax or StackAllocArrayCreationExpressionSyntax or RefTypeSyntax or UnsafeStatementSyntax);

    /// <summary><c>GetConnectionAsync</c> beside <c>GetConnection</c>: the same parameters (and perhaps a last CancellationToken), returning a task of the same result.</summary>
    private static bool IsTwinOf(IMethodSymbol twin, IMethodSymbol method, PoolSymbols symbols)
    {
        if (twin.IsStatic != method.IsStatic || twin.IsExtensionMethod != method.IsExtensionMethod || twin.Arity != method.Arity)
        {
            return false;
        }

        var extra = twin.Parameters.Length - method.Parameters.Length;
        if (extra is not (0 or 1) || (extra == 1 && !PoolSymbols.Is(twin.Parameters[twin.Parameters.Length - 1].Type, symbols.CancellationToken)))
        {
            return false;
        }

        for (var i = 0; i < method.Parameters.Length; i++)
        {
            if (twin.Parameters[i].RefKind != RefKind.None || twin.Parameters[i].Type.Name != method.Parameters[i].Type.Name)
            {
                return false;
            }
        }

        return method.ReturnsVoid
            ? PoolSymbols.Is(twin.ReturnType, symbols.Task) || PoolSymbols.Is(twin.ReturnType, symbols.ValueTask)
            : twin.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } task && symbols.IsTaskLike(task) && task.TypeArguments[0].Name == method.ReturnType.Name;
    }
}
