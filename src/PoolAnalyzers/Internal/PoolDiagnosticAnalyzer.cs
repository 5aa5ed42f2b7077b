using Microsoft.CodeAnalysis.Diagnostics;

namespace PoolAnalyzers.Internal;

/// <summary>
/// The base of every rule: generated code skipped, concurrent execution on, and the well-known symbols resolved once
/// per compilation. A compilation without any pool-related type gets no callbacks at all.
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
            if (PoolSymbols.TryCreate(start.Compilation) is { } symbols)
            {
                AnalyzeCompilation(start, symbols);
            }
        });
    }

    internal abstract void AnalyzeCompilation(CompilationStartAnalysisContext context, PoolSymbols symbols);
}
