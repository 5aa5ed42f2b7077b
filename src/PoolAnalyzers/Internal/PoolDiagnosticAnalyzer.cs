using Microsoft.CodeAnalysis.Diagnostics;
using PoolAnalyzers.Model;

namespace PoolAnalyzers.Internal;

/// <summary>
/// The base of every rule: generated code skipped, concurrent execution on, and the compilation's pool model (shared
/// by the rules) handed to the rule. A compilation without any of the types a blocking pool is built on
/// (BlockingCollection, SemaphoreSlim, Monitor, AsyncPool) has no model, and the rule registers nothing.
/// </summary>
public abstract class PoolDiagnosticAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
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
}
