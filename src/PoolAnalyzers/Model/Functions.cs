using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace PoolAnalyzers.Model;

/// <summary>
/// Compares the functions operations run in (methods, local functions, lambdas). Methods compare as symbols; local
/// functions and lambdas by their syntax, since each semantic model binds its own symbols for them.
/// </summary>
internal sealed class FunctionComparer : IEqualityComparer<ISymbol>
{
    public static readonly FunctionComparer Instance = new();

    public bool Equals(ISymbol? x, ISymbol? y)
    {
        if (IsInner(x) || IsInner(y))
        {
            return x is not null && y is not null && Syntax(x) is { } a && Syntax(y) is { } b && a.SyntaxTree == b.SyntaxTree && a.Span == b.Span;
        }

        return SymbolEqualityComparer.Default.Equals(x, y);
    }

    public int GetHashCode(ISymbol obj) =>
        IsInner(obj) && Syntax(obj) is { } syntax ? syntax.Span.GetHashCode() : SymbolEqualityComparer.Default.GetHashCode(obj);

    private static bool IsInner(ISymbol? symbol) =>
        symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction };

    private static SyntaxNode? Syntax(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Length > 0 ? symbol.DeclaringSyntaxReferences[0].GetSyntax() : null;
}
