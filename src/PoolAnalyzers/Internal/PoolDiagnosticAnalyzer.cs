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
        // Generated code is not analysed (no Analyze flag). The rules report only at operations the driver handed them,
        // which are therefore never in generated code, so the driver need not check each report's location: that
        // check reads every token of the file on the file's first report, which cost more than a rule's own work.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
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
