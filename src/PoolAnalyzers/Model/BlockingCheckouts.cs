using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.Model;

/// <summary>
/// The application's own synchronous methods that block on a pool: directly (a blocking take, a pool gate's wait, a
/// blocking wait on a checkout task) or by calling such a method, through instance, static and extension methods,
/// property getters, local functions, and interface or virtual calls with exactly one implementation. Each method's
/// verdict is computed once per compilation, on demand; a method on a cycle is taken as not blocking while the cycle
/// is being searched, and a verdict that relied on that is not cached. Only methods whose name the <see cref="CallIndex"/>
/// links to a blocking call are bound.
/// </summary>
internal sealed class BlockingCheckouts(PoolModel model)
{
    /// <summary>How many calls deep a checkout is followed (the <see cref="CallIndex"/> follows names as deep).</summary>
    internal const int MaxDepth = 8;

    private readonly ConcurrentDictionary<IMethodSymbol, CheckoutPath> _verdicts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?> _implementations = new(SymbolEqualityComparer.Default);
    private ImmutableArray<INamedTypeSymbol> _sourceTypes;

    /// <summary>
    /// How the called method blocks, with a path for the message ("calls 'TakeIdle()', which waits in '_idle.Take()'
    /// (ClientPool.cs line 42)"); null when it does not block on a pool or has no source to read.
    /// </summary>
    /// <remarks>
    /// The cache is read here as well as in <see cref="Compute"/> (which reads it for every call it follows) so that
    /// the common case, a method already decided, allocates no search set: this runs for every call in async code.
    /// </remarks>
    public CheckoutPath? PathThrough(IMethodSymbol called, AnalyzerOptions options) =>
        Resolve(called) is not { } method ? null
        : _verdicts.TryGetValue(method, out var known) ? (known.Path is null ? null : known)
        : Compute(method, options, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), 0).Path;

    /// <summary>The method a call runs, as far as the compilation shows; null when it has no body here or more than one candidate.</summary>
    public IMethodSymbol? Resolve(IMethodSymbol called)
    {
        var method = (called.ReducedFrom ?? called).OriginalDefinition;
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.PropertyGet or MethodKind.ExplicitInterfaceImplementation)
            || method.DeclaringSyntaxReferences.IsEmpty || !method.DeclaringSyntaxReferences.All(r => model.IsOwnTree(r.SyntaxTree)))
        {
            // Only the compilation's own methods are followed (an interface of a library, such as IDisposable, is not).
            return null;
        }

        if (method.ContainingType?.TypeKind == TypeKind.Interface || method.IsAbstract || method.IsVirtual || method.IsOverride)
        {
            // Followed only where the compilation has exactly one body it can run.
            if (_implementations.GetOrAdd(method, SingleImplementation) is not { } single)
            {
                return null;
            }

            method = single;
        }

        return method.IsAsync || method.DeclaringSyntaxReferences.IsEmpty || !method.DeclaringSyntaxReferences.All(r => model.IsOwnTree(r.SyntaxTree)) ? null : method;
    }

    /// <summary>
    /// The method's verdict, and whether it holds on its own: a "does not block" that relied on a method still being
    /// searched further up (a cycle) or on the depth limit is used by this search but not cached, so the cached verdicts
    /// do not depend on the order in which methods are asked about.
    /// </summary>
    private (CheckoutPath? Path, bool Settled) Compute(IMethodSymbol method, AnalyzerOptions options, HashSet<IMethodSymbol> searched, int depth)
    {
        if (_verdicts.TryGetValue(method, out var known))
        {
            return (known.Path is null ? null : known, true);
        }

        // A method still being searched further up (a cycle), or searched already in this search without a settled
        // verdict, counts as not blocking here; so does one beyond the depth limit.
        if (depth > MaxDepth || !searched.Add(method))
        {
            return (null, false);
        }

        var (verdict, settled) = model.Index.MayBlock(IndexName(method)) && Body(method) is { } body
            ? Search(body, method, options, searched, depth)
            : (CheckoutPath.NotBlocking, true);

        if (verdict.Path is not null || settled)
        {
            _verdicts.TryAdd(method, verdict);
            settled = true;
        }

        return (verdict.Path is null ? null : verdict, settled);
    }

    /// <summary>
    /// The name the <see cref="CallIndex"/> knows a method by: a property's for its getter, and the enclosing member's for a
    /// local function (whose body is part of that member's text, so the member's entry covers it).
    /// </summary>
    private static string IndexName(IMethodSymbol method)
    {
        ISymbol current = method;
        while (current is IMethodSymbol { MethodKind: MethodKind.LocalFunction } local)
        {
            current = local.ContainingSymbol;
        }

        return current is IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: { } property } ? property.Name : current.Name;
    }

    private (CheckoutPath Verdict, bool Settled) Search(IOperation body, IMethodSymbol method, AnalyzerOptions options, HashSet<IMethodSymbol> searched, int depth)
    {
        var calls = new List<(IOperation Call, IMethodSymbol Target)>();
        // The synchronous branch of a dual-path method blocks only synchronous callers; it is checked last, as it walks.
        foreach (var operation in OwnOperations(body))
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var site = model.Sites.At(invocation, method, options);
                    if ((site is { IsPoolCheckout: true } || (site is null && IsBlockingWaitOnCheckout(invocation, method, options)))
                        && !AsyncCode.IsSynchronousBranchOfDualPath(invocation))
                    {
                        return (new CheckoutPath($"waits in '{invocation.Syntax}' ({Where(invocation.Syntax)})", site, isDirect: true), true);
                    }

                    calls.Add((invocation, invocation.TargetMethod));
                    break;
                case IPropertyReferenceOperation property when IsRead(property):
                    if (property.Property.Name == "Result" && property.Instance is { } task && model.Symbols.IsTaskLike(property.Property.ContainingType)
                        && model.TaskCheckouts.IsPendingCheckout(task, method, options) && !AsyncCode.IsSynchronousBranchOfDualPath(property))
                    {
                        return (new CheckoutPath($"waits in '{property.Syntax}' ({Where(property.Syntax)})", site: null, isDirect: true), true);
                    }

                    if (property.Property.GetMethod is { } getter)
                    {
                        calls.Add((property, getter));
                    }

                    break;
            }
        }

        var settled = true;
        foreach (var (call, target) in calls)
        {
            if (Resolve(target) is not { } callee)
            {
                continue;
            }

            var (inner, innerSettled) = Compute(callee, options, searched, depth + 1);
            settled &= innerSettled;
            if (inner is not null && !AsyncCode.IsSynchronousBranchOfDualPath(call))
            {
                return (new CheckoutPath($"calls '{Describe(callee)}', which {inner.Path}", inner.Site, isDirect: false), true);
            }
        }

        return (CheckoutPath.NotBlocking, settled);
    }

    private bool IsBlockingWaitOnCheckout(IInvocationOperation invocation, IMethodSymbol method, AnalyzerOptions options)
    {
        var name = invocation.TargetMethod.Name;
        var symbols = model.Symbols;
        if (name == "Wait" && !invocation.TargetMethod.IsStatic && symbols.IsTaskLike(invocation.TargetMethod.ContainingType) && invocation.Instance is { } waited)
        {
            return model.TaskCheckouts.IsPendingCheckout(waited, method, options);
        }

        return name == "GetResult"
            && invocation.Instance?.WithoutConversions() is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable }
            && model.TaskCheckouts.IsPendingCheckout(awaitable, method, options);
    }

    /// <summary>The operations a call of the method runs itself: not those of lambdas or local functions it only declares.</summary>
    private static IEnumerable<IOperation> OwnOperations(IOperation body)
    {
        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            yield return operation;
            foreach (var child in operation.ChildOperations.Reverse())
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }
    }

    private IOperation? Body(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            var operation = model.SemanticModel(syntax.SyntaxTree).GetOperation(syntax);
            switch (operation)
            {
                case ILocalFunctionOperation localFunction when (localFunction.Body ?? localFunction.IgnoredBody) is { } body:
                    return body;
                case IMethodBodyOperation or IBlockOperation:
                    return operation;
            }
        }

        return null;
    }

    /// <summary>The one implementation of an interface member, or of an abstract or virtual method, in the compilation's own types.</summary>
    private IMethodSymbol? SingleImplementation(IMethodSymbol method)
    {
        var found = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (HasBody(method))
        {
            found.Add(method);
        }

        foreach (var type in SourceTypes())
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsAbstract && method.ContainingType.TypeKind == TypeKind.Interface)
            {
                continue;
            }

            if (method.ContainingType.TypeKind == TypeKind.Interface)
            {
                if (type.AllInterfaces.Contains(method.ContainingType, SymbolEqualityComparer.Default)
                    && type.FindImplementationForInterfaceMember(method) is IMethodSymbol implementation && HasBody(implementation))
                {
                    found.Add(implementation.OriginalDefinition);
                }
            }
            else
            {
                foreach (var member in type.GetMembers(method.Name).OfType<IMethodSymbol>())
                {
                    for (var overridden = member.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                        {
                            found.Add(member.OriginalDefinition);
                            break;
                        }
                    }
                }
            }

            if (found.Count > 1)
            {
                return null;
            }
        }

        return found.Count == 1 ? found.First() : null;
    }

    private ImmutableArray<INamedTypeSymbol> SourceTypes()
    {
        if (_sourceTypes.IsDefault)
        {
            var types = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            Collect(model.Compilation.Assembly.GlobalNamespace, types);
            ImmutableInterlocked.InterlockedInitialize(ref _sourceTypes, types.ToImmutable());
        }

        return _sourceTypes;

        static void Collect(INamespaceOrTypeSymbol container, ImmutableArray<INamedTypeSymbol>.Builder types)
        {
            foreach (var member in container.GetMembers())
            {
                if (member is INamespaceOrTypeSymbol inner)
                {
                    if (inner is INamedTypeSymbol type)
                    {
                        types.Add(type);
                    }

                    Collect(inner, types);
                }
            }
        }
    }

    private static bool HasBody(IMethodSymbol method) =>
        !method.IsAbstract && method.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax() is BaseMethodDeclarationSyntax { Body: not null } or BaseMethodDeclarationSyntax { ExpressionBody: not null } or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax or LocalFunctionStatementSyntax);

    /// <summary>A property read that runs its getter: not an assignment's target, nor a name in <c>nameof</c>.</summary>
    public static bool IsRead(IPropertyReferenceOperation property)
    {
        if (property.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, property))
        {
            return false;
        }

        for (var current = property.Parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How the message names a method: <c>GetConnection()</c>, or a property's name.</summary>
    public static string Describe(IMethodSymbol method) =>
        method.MethodKind == MethodKind.PropertyGet && method.AssociatedSymbol is { } property ? property.Name : $"{method.Name}()";

    private static string Where(SyntaxNode syntax)
    {
        var line = syntax.GetLocation().GetLineSpan();
        var file = string.IsNullOrEmpty(line.Path) ? "this file" : Path.GetFileName(line.Path);
        return $"{file} line {line.StartLinePosition.Line + 1}";
    }
}

/// <summary>How a method blocks on a pool: the path for the message and the blocking call at its end.</summary>
internal sealed class CheckoutPath(string? path, BlockingSite? site, bool isDirect)
{
    public static readonly CheckoutPath NotBlocking = new(null, null, isDirect: false);

    /// <summary>"waits in '_idle.Take()' (ClientPool.cs line 42)", or "calls 'TakeIdle()', which waits in …"; null when the method does not block.</summary>
    public string? Path { get; } = path;

    /// <summary>The blocking checkout at the end of the path; null for a blocking wait on a checkout task.</summary>
    public BlockingSite? Site { get; } = site;

    /// <summary>The blocking call is in the method itself, not in one it calls.</summary>
    public bool IsDirect { get; } = isDirect;
}
