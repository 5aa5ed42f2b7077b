using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace PoolAnalyzers.CodeFixes.Internal;

/// <summary>One document's edits in a fix, and what the file needs afterwards (usings to add or drop).</summary>
public sealed class FixEdits
{
    private readonly SortedSet<string> _imports = new(StringComparer.Ordinal);
    private bool _swappedToAsyncPool;

    internal FixEdits(DocumentEditor editor) => Editor = editor;

    /// <summary>The editor of the document, over its original nodes.</summary>
    public DocumentEditor Editor { get; }

    /// <summary>A namespace the edited file must import.</summary>
    public void Import(string namespaceName) => _imports.Add(namespaceName);

    /// <summary>
    /// A BlockingCollection pool became an AsyncPool: the file needs <c>using PoolRuntime;</c>, and may no longer need
    /// <c>using System.Collections.Concurrent;</c> (removed if so).
    /// </summary>
    public void SwappedToAsyncPool()
    {
        _swappedToAsyncPool = true;
        Import("PoolRuntime");
    }

    internal async Task<Document> FinishAsync(Document document, CancellationToken cancellationToken)
    {
        var changedRoot = Editor.GetChangedRoot();
        if (changedRoot is CompilationUnitSyntax compilationUnit)
        {
            changedRoot = _imports.Aggregate(compilationUnit, UsingDirectives.Add);
        }

        var changed = document.WithSyntaxRoot(changedRoot);
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return _swappedToAsyncPool
            ? await UnusedUsings.RemoveIfUnusedAsync(changed, "System.Collections.Concurrent", cancellationToken).ConfigureAwait(false)
            : changed;
    }
}
