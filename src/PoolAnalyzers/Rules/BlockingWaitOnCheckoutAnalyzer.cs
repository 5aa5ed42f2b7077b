using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;
using PoolAnalyzers.Model;

namespace PoolAnalyzers.Rules;

/// <summary>
/// POOL002: <c>.Result</c>, <c>.Wait()</c>, <c>.Wait(timeout)</c>, <c>.GetAwaiter().GetResult()</c> (also after
/// <c>ConfigureAwait</c>) or <c>.AsTask().Result</c> on a pool checkout task, inside async code.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingWaitOnCheckoutAnalyzer : PoolDiagnosticAnalyzer
{
    private static readonly ImmutableDictionary<string, string?> AwaitFix =
        ImmutableDictionary<string, string?>.Empty.Add(FixKinds.PropertyName, FixKinds.Await);

    private static readonly ImmutableDictionary<string, string?> WhenAnyDelayFix =
        ImmutableDictionary<string, string?>.Empty.Add(FixKinds.PropertyName, FixKinds.AwaitWhenAnyDelay);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.BlockingWaitOnCheckout];

    internal override void AnalyzeCompilation(CompilationStartAnalysisContext context, PoolModel model)
    {
        var symbols = model.Symbols;

        context.RegisterOperationAction(
            context =>
            {
                var result = (IPropertyReferenceOperation)context.Operation;
                if (result.Property.Name == "Result" && symbols.IsTaskLike(result.Property.ContainingType) && result.Instance is { } task)
                {
                    Report(context, result, Unwrap(task, "AsTask"), AwaitFix);
                }
            },
            OperationKind.PropertyReference);

        context.RegisterOperationAction(
            context =>
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;
                if (method.Name == "Wait" && !method.IsStatic && symbols.IsTaskLike(method.ContainingType) && invocation.Instance is { } waited)
                {
                    var fix = invocation.Arguments.Length == 0 ? AwaitFix
                        : invocation.Parent is IExpressionStatementOperation && invocation.Arguments.Length == 1 && OperationFacts.TimeoutArgument(invocation) is not null ? WhenAnyDelayFix
                        : null;
                    Report(context, invocation, Unwrap(waited, "AsTask"), fix);
                }
                else if (method.Name == "GetResult" && method.ContainingType.Name.EndsWith("Awaiter", System.StringComparison.Ordinal)
                    && invocation.Instance?.WithoutConversions() is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable })
                {
                    Report(context, invocation, Unwrap(Unwrap(awaitable, "ConfigureAwait"), "AsTask"), AwaitFix);
                }
            },
            OperationKind.Invocation);

        void Report(OperationAnalysisContext context, IOperation blockingWait, IOperation task, ImmutableDictionary<string, string?>? fix)
        {
            if (AsyncCode.Contains(blockingWait, context.ContainingSymbol) && model.TaskCheckouts.IsPendingCheckout(task, context.ContainingSymbol, context.Options))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.BlockingWaitOnCheckout,
                    blockingWait.Syntax.GetLocation(),
                    fix ?? ImmutableDictionary<string, string?>.Empty,
                    blockingWait.Syntax.ToString()));
            }
        }
    }

    /// <summary>Looks through <c>x.AsTask()</c> or <c>x.ConfigureAwait(..)</c> to <c>x</c>.</summary>
    private static IOperation Unwrap(IOperation operation, string methodName) =>
        operation.WithoutConversions() is IInvocationOperation { Instance: { } inner } invocation && invocation.TargetMethod.Name == methodName
            ? inner
            : operation;
}
