using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace PoolAnalyzers.Internal;

/// <summary>
/// What one type does with each BlockingCollection it creates, gathered over all its members (partial declarations
/// included) so that POOL001 can tell a pool from a work queue: a pool takes items out and puts the same items back
/// (in a <c>finally</c>, in a Return/Release-style method, or the very item it took), where a work queue is fed by one
/// side and drained by the other. It also records whether every use of the collection exists on AsyncPool, which is
/// what makes the type swap safe.
/// </summary>
internal sealed class BlockingCollectionUsage(PoolSymbols symbols, INamedTypeSymbol type)
{
    private static readonly string[] ReturnLikeNames = ["Return", "Release", "Recycle", "Restore", "CheckIn", "GiveBack", "PutBack", "Free"];

    private readonly Dictionary<ISymbol, Storage> _storages = new(SymbolEqualityComparer.Default);

    public void OnCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!symbols.IsBlockingCollection(creation.Type) || !InThisType(context) || CreationStorage(creation) is not { } storage)
        {
            return;
        }

        lock (_storages)
        {
            Get(storage).Creations.Add(creation);
        }
    }

    public void OnInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!symbols.IsBlockingCollection(method.ContainingType) || !InThisType(context) || OperationFacts.Storage(invocation.Instance) is not { } storage)
        {
            return;
        }

        switch (method.Name)
        {
            case "Take" or "TryTake":
                var taken = TakenInto(invocation);
                lock (_storages)
                {
                    var usage = Get(storage);
                    usage.IsTakenFrom = true;
                    if (taken is not null)
                    {
                        usage.TakenLocals.Add(taken);
                    }
                }

                break;

            case "Add" or "TryAdd" when invocation.Arguments.Length > 0:
                var function = OperationFacts.EnclosingFunction(invocation, context.ContainingSymbol);
                var putBack = OperationFacts.IsInFinally(invocation) || IsReturnLike(function?.Name);
                var added = invocation.Arguments[0].Value.WithoutConversions() is ILocalReferenceOperation local ? local.Local : null;
                lock (_storages)
                {
                    var usage = Get(storage);
                    usage.IsPutBack |= putBack;
                    if (added is not null)
                    {
                        usage.AddedLocals.Add(added);
                    }
                }

                break;
        }
    }

    /// <summary>Every read of a BlockingCollection field, property or local: is it a use AsyncPool also offers?</summary>
    public void OnReference(OperationAnalysisContext context)
    {
        var reference = context.Operation;
        if (!symbols.IsBlockingCollection(reference.Type) || !InThisType(context))
        {
            return;
        }

        ISymbol? symbol = reference switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };
        if (symbol is null || IsSupportedUse(reference))
        {
            return;
        }

        lock (_storages)
        {
            Get(symbol).HasUnsupportedUse = true;
        }
    }

    public void Report(SymbolAnalysisContext context)
    {
        var hasAsyncPool = symbols.AsyncPool is not null;
        lock (_storages)
        {
            foreach (var pair in _storages)
            {
                var (storage, usage) = (pair.Key, pair.Value);
                if (usage.Creations.Count == 0 || !usage.IsPool)
                {
                    continue;
                }

                var swappable = hasAsyncPool && IsSwappable(storage, usage);
                var properties = swappable
                    ? ImmutableDictionary<string, string?>.Empty.Add(FixKinds.PropertyName, FixKinds.SwapToAsyncPool)
                    : ImmutableDictionary<string, string?>.Empty;
                var elementType = ((INamedTypeSymbol)usage.Creations[0].Type!).TypeArguments[0].ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                var subject = $"The pool '{storage.Name}' (BlockingCollection<{elementType}>)";
                var advice = hasAsyncPool
                    ? "use PoolRuntime.AsyncPool<T>, which waits without a thread (the code fix swaps the type)"
                    : "add the PoolRuntime package and use its AsyncPool<T>, which waits without a thread (the code fix then swaps the type)";
                foreach (var creation in usage.Creations)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingPool, creation.Syntax.GetLocation(), properties, subject, advice));
                }
            }
        }
    }

    // Return(..), ReturnConnection(..), ReleaseAsync(..): the name starts with the verb ("HandleReturn" does not count).
    private static bool IsReturnLike(string? name) =>
        name is not null && ReturnLikeNames.Any(word => name.StartsWith(word, StringComparison.Ordinal));

    /// <summary>Where a new collection is kept: the field, property or local it initialises or is assigned to, or the dictionary whose factory lambda creates it.</summary>
    private static ISymbol? CreationStorage(IOperation creation)
    {
        var current = creation;
        while (current.Parent is IConversionOperation conversion)
        {
            current = conversion;
        }

        switch (current.Parent)
        {
            case IFieldInitializerOperation field when field.InitializedFields.Length == 1:
                return field.InitializedFields[0];
            case IPropertyInitializerOperation property when property.InitializedProperties.Length == 1:
                return property.InitializedProperties[0];
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return declarator.Symbol;
            case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                return OperationFacts.Storage(assignment.Target);
            case IReturnOperation returned:
                // _pools.GetOrAdd(key, _ => new BlockingCollection<T>(...)): the pool lives in the dictionary.
                for (IOperation? parent = returned.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation)
                    {
                        return parent.Parent?.Parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                            ? OperationFacts.Storage(invocation.Instance)
                            : null;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The local an item is taken into: TryTake's out argument, or the local Take() initialises.</summary>
    private static ILocalSymbol? TakenInto(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.Name == "TryTake" && invocation.Arguments.Length > 0)
        {
            return invocation.Arguments[0].Value switch
            {
                ILocalReferenceOperation local => local.Local,
                IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
                _ => null,
            };
        }

        var parent = invocation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => local.Local,
            _ => null,
        };
    }

    /// <summary>Uses that compile unchanged once the collection is an AsyncPool&lt;T&gt;.</summary>
    private bool IsSupportedUse(IOperation reference)
    {
        switch (reference.Parent)
        {
            case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, reference):
                var parameters = invocation.TargetMethod.Parameters;
                return invocation.TargetMethod.Name switch
                {
                    "Add" or "TryAdd" => parameters.Length == 1,
                    "Take" => parameters.Length == 0 || (parameters.Length == 1 && PoolSymbols.Is(parameters[0].Type, symbols.CancellationToken)),
                    "TryTake" => parameters.Length switch
                    {
                        1 or 2 => true,
                        3 => parameters[1].Type.SpecialType == SpecialType.System_Int32,
                        _ => false,
                    },
                    "Dispose" => true,
                    _ => false,
                };
            case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, reference):
                // Not Count: a BlockingCollection counts its idle items, an AsyncPool its live ones.
                return property.Property.Name is "BoundedCapacity";
            case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, reference):
                return assignment.Value.WithoutConversions() is IObjectCreationOperation;
            default:
                return false;
        }
    }

    private static bool IsSwappable(ISymbol storage, Storage usage)
    {
        var declaredPrivately = storage switch
        {
            ILocalSymbol => true,
            IFieldSymbol field => field.DeclaredAccessibility == Accessibility.Private,
            IPropertySymbol property => property.DeclaredAccessibility == Accessibility.Private,
            _ => false,
        };
        var declaredType = storage switch
        {
            ILocalSymbol local => local.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
        var declaration = storage.DeclaringSyntaxReferences.Length == 1 ? storage.DeclaringSyntaxReferences[0] : null;

        // Nested types can use a private field, and their operations are not part of this type's analysis: with
        // nested types around, a field's every use is not known, so it is not swapped.
        var allUsesSeen = storage is ILocalSymbol || storage.ContainingType.GetTypeMembers().IsEmpty;
        return declaredPrivately
            && allUsesSeen
            && declaration is not null
            && declaration.GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclarationSyntax { Variables.Count: > 1 } }
            && declaredType is INamedTypeSymbol { Name: "BlockingCollection", TypeArguments.Length: 1 } collection
            && collection.TypeArguments[0].IsReferenceType
            && !usage.HasUnsupportedUse
            && usage.Creations.All(c => HasMappableArguments(c) && c.Initializer is null && c.Syntax.SyntaxTree == declaration.SyntaxTree);
    }

    /// <summary>(), (boundedCapacity), (collection) and (collection, boundedCapacity) all have an AsyncPool constructor.</summary>
    private static bool HasMappableArguments(IObjectCreationOperation creation) =>
        creation.Arguments.Length <= 2
        && creation.Arguments.All(argument => argument.Parameter?.Type.SpecialType == SpecialType.System_Int32 || argument.Parameter?.Type.Name == "IProducerConsumerCollection");

    private bool InThisType(OperationAnalysisContext context) =>
        SymbolEqualityComparer.Default.Equals(context.ContainingSymbol as INamedTypeSymbol ?? context.ContainingSymbol.ContainingType, type);

    private Storage Get(ISymbol symbol)
    {
        if (!_storages.TryGetValue(symbol, out var usage))
        {
            usage = new Storage();
            _storages.Add(symbol, usage);
        }

        return usage;
    }

    private sealed class Storage
    {
        public List<IObjectCreationOperation> Creations { get; } = [];

        public bool IsTakenFrom { get; set; }

        public bool IsPutBack { get; set; }

        public HashSet<ILocalSymbol> TakenLocals { get; } = new(SymbolEqualityComparer.Default);

        public HashSet<ILocalSymbol> AddedLocals { get; } = new(SymbolEqualityComparer.Default);

        public bool HasUnsupportedUse { get; set; }

        /// <summary>Items go out and the same items come back: a pool, not a work queue.</summary>
        public bool IsPool => IsTakenFrom && (IsPutBack || AddedLocals.Overlaps(TakenLocals));
    }
}
