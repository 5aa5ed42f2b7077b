using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PoolAnalyzers.Model;

namespace PoolAnalyzers.Internal;

/// <summary>
/// The base of every rule: generated code skipped, concurrent execution on, and the compilation's pool model (shared
/// by the rules) handed to the rule. Generated code is skipped here rather than by the analyzer driver (see
/// <see cref="GeneratedCode"/>): the rules report through <see cref="Report"/>. A compilation without any of the types a blocking pool is built on
/// (BlockingCollection, SemaphoreSlim, Monitor, AsyncPool) has no model, and the rule registers nothing.
/// </summary>
public abstract class PoolDiagnosticAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (PoolModel.For(start.Compilation) is { } model)
            {
                AnalyzeCompilation(start, model);
            }
        });
    }

    internal abstract void AnalyzeCompilation(CompilationStartAnalysisContext context, PoolModel model);

    /// <summary>
    /// Reports a diagnostic, unless it is in generated code. The rules run in generated files too (which are few and
    /// small); checking each of their operations would cost more than what it saves.
    /// </summary>
    private protected static void Report(OperationAnalysisContext context, PoolModel model, Diagnostic diagnostic)
    {
        if (!model.GeneratedCode.Contains(diagnostic.Location.SourceTree, context.ContainingSymbol, context.Options))
        {
            context.ReportDiagnostic(diagnostic);
        }
    }
}
