using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.Model;

/// <summary>Walks every member body of one type (nested types included) once and records what <see cref="TypePools"/> holds.</summary>
internal sealed class TypePoolsBuilder
{
    private static readonly HashSet<string> TakeNames = ["Take", "TryTake", "Dequeue", "TryDequeue", "Pop", "TryPop"];
    private static readonly HashSet<string> PutNames = ["Add", "TryAdd", "Enqueue", "Push", "AddLast", "AddFirst"];
    private static readonly HashSet<string> RemoveNames = ["RemoveAt", "RemoveFirst", "RemoveLast", "Remove"];

    private readonly PoolModel _model;
    private readonly PoolSymbols _symbols;
    private readonly INamedTypeSymbol _type;
    private readonly Dictionary<ISymbol, Container> _containers = new(SymbolEqualityComparer.Default);
    private readonly List<GateWait> _waits = [];
    private readonly List<GateRelease> _releases = [];
    private readonly HashSet<ITypeSymbol> _createdTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _slotWriters = new(FunctionComparer.Instance);
    private readonly List<(ISymbol Function, ITypeSymbol ItemType)> _itemMarkers = [];
    private readonly List<(ISymbol Function, Container Container, IOperation Operation)> _removals = [];
    private readonly List<(ISymbol Function, Container Container, IOperation Read)> _elementReads = [];
    private readonly List<(ISymbol Function, IMethodSymbol Target, IInvocationOperation Call)> _helperCalls = [];
    private readonly HashSet<ISymbol> _signals = new(SymbolEqualityComparer.Default);
    private readonly List<(ISymbol Gate, ISymbol Function)> _asyncWaits = [];
    private bool _hasNestedTypes;

    private TypePoolsBuilder(PoolModel model, INamedTypeSymbol type)
    {
        _model = model;
        _symbols = model.Symbols;
        _type = type;
    }

    public static TypePools Build(PoolModel model, INamedTypeSymbol type)
    {
        var builder = new TypePoolsBuilder(model, type);
        builder.VisitType(type);
        return builder.Finish();
    }

    /// <summary>
    /// Binds and walks only the members that can matter: those whose syntax names one of the type's containers, gates
    /// or lock objects, an item type, Monitor or a BlockingCollection, and (three rounds) those that call such members.
    /// A service class with a pool field and twenty unrelated async methods has three or four members walked, not
    /// twenty-four; binding the rest again would cost as much as compiling them.
    /// </summary>
    private void VisitType(INamedTypeSymbol type)
    {
        var bodies = new List<(ISymbol Member, SyntaxNode Body)>();
        Collect(type, bodies);

        // Which names each member's text mentions, among the relevant ones and the members' own names (a text scan:
        // a tenth of the cost of walking tokens).
        var relevant = new HashSet<string>(StringComparer.Ordinal) { "Monitor", "BlockingCollection" };
        AddRelevantNames(type, relevant);
        var known = new NameTable();
        foreach (var name in relevant.Concat(bodies.Select(b => b.Member.Name)))
        {
            known.Add(name);
        }

        // A field's or property's initializer counts as mentioning the member it initialises (`_idle = new(4)`).
        var texts = new Dictionary<SyntaxTree, string>();
        var mentions = bodies.Select(b => known.Find(TextOf(b.Body.SyntaxTree), b.Body.Span.Start, b.Body.Span.End).Select(found => found.Name)
            .Concat(b.Member is IFieldSymbol or IPropertySymbol ? [b.Member.Name] : []).ToList()).ToList();
        var walked = new bool[bodies.Count];
        for (var round = 0; round < 4; round++)
        {
            var added = false;
            for (var i = 0; i < bodies.Count; i++)
            {
                if (!walked[i] && mentions[i].Any(relevant.Contains))
                {
                    walked[i] = true;
                    added |= relevant.Add(bodies[i].Member.Name);
                }
            }

            if (!added)
            {
                break;
            }
        }

        for (var i = 0; i < bodies.Count; i++)
        {
            if (walked[i] && _model.SemanticModel(bodies[i].Body.SyntaxTree).GetOperation(bodies[i].Body) is { } root)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    Visit(operation, bodies[i].Member);
                }
            }
        }

        // A type's members usually share one file: its text is made into a string once, not once per member.
        string TextOf(SyntaxTree tree)
        {
            if (!texts.TryGetValue(tree, out var text))
            {
                texts.Add(tree, text = tree.GetText().ToString());
            }

            return text;
        }
    }

    private void Collect(INamedTypeSymbol type, List<(ISymbol Member, SyntaxNode Body)> bodies)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is INamedTypeSymbol nested)
            {
                _hasNestedTypes = true;
                Collect(nested, bodies);
                continue;
            }

            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                if (!_model.IsOwnTree(reference.SyntaxTree))
                {
                    continue;
                }

                var syntax = reference.GetSyntax();
                var body = member switch
                {
                    IMethodSymbol => syntax,
                    IFieldSymbol when syntax is VariableDeclaratorSyntax { Initializer: { } initializer } => initializer,
                    IPropertySymbol when syntax is PropertyDeclarationSyntax { Initializer: { } initializer } => initializer,
                    _ => null,
                };
                if (body is not null)
                {
                    bodies.Add((member, body));
                }
            }
        }
    }

    /// <summary>The names of the type's containers, gates and lock objects (fields and properties), and of the items its containers hold.</summary>
    private void AddRelevantNames(INamedTypeSymbol type, HashSet<string> names)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is INamedTypeSymbol nested)
            {
                AddRelevantNames(nested, names);
                continue;
            }

            var memberType = member switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                _ => null,
            };
            if (ContainerTypeOf(memberType) is { } container)
            {
                names.Add(member.Name);
                if (PoolSymbols.ElementType(container) is { } element)
                {
                    names.Add(element.Name);
                }
            }
            else if (_symbols.IsSemaphoreSlim(memberType) || _symbols.IsWaitHandle(memberType) || memberType?.SpecialType == SpecialType.System_Object)
            {
                names.Add(member.Name);
            }
        }
    }

    private void Visit(IOperation operation, ISymbol member)
    {
        switch (operation)
        {
            case IObjectCreationOperation creation:
                VisitCreation(creation, member);
                break;
            case IArrayCreationOperation { Initializer.ElementValues.Length: > 0 } array:
                foreach (var storage in CreationStorages(array))
                {
                    if (ContainerFor(storage) is { } filled)
                    {
                        filled.IsFilledByOwner = true;
                    }
                }

                break;
            case IInvocationOperation invocation:
                VisitInvocation(invocation, member);
                break;
            case IArrayElementReferenceOperation element:
                VisitElement(element, element.ArrayReference, member);
                break;
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } list } indexer when list.Type is INamedTypeSymbol { Name: "List" }:
                VisitElement(indexer, list, member);
                break;
            case IFieldReferenceOperation or IPropertyReferenceOperation or ILocalReferenceOperation when _symbols.IsBlockingCollection(operation.Type):
                VisitBlockingCollectionUse(operation);
                break;
            case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: { Type: { } itemType } } } when itemType.IsReferenceType && !IsOwnType(itemType as INamedTypeSymbol):
                // client.Active = true, slot.InUse = false: a checkout that marks the item it hands out as busy.
                _itemMarkers.Add((Function(operation, member), itemType));
                break;
        }
    }

    private void VisitCreation(IObjectCreationOperation creation, ISymbol member)
    {
        if (creation.Type is { } created)
        {
            _createdTypes.Add(created);
        }

        // new SemaphoreSlim(0), new Semaphore(0, n): no free slot at the start, a signal.
        if ((_symbols.IsSemaphoreSlim(creation.Type) || _symbols.IsWaitHandle(creation.Type))
            && creation.Arguments.Length > 0 && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: 0 })
        {
            _signals.UnionWith(CreationStorages(creation));
        }

        if (!_symbols.IsItemContainer(creation.Type))
        {
            return;
        }

        // Items handed to the constructor fill it; an empty collection (new ConcurrentQueue<T>(), which only picks the
        // order) does not.
        var filled = creation.Initializer is { Initializers.Length: > 0 }
            || creation.Arguments.Any(argument => argument.Parameter?.Type is INamedTypeSymbol { TypeArguments.Length: 1 } or IArrayTypeSymbol
                && argument.Value.WithoutConversions() is not IObjectCreationOperation { Arguments.Length: 0, Initializer: null });
        foreach (var storage in CreationStorages(creation))
        {
            if (ContainerFor(storage, creation.Type) is not { } container)
            {
                continue;
            }

            container.Creations.Add(creation);

            container.IsFilledByOwner |= filled;
        }
    }

    private void VisitInvocation(IInvocationOperation invocation, ISymbol member)
    {
        var method = invocation.TargetMethod;
        var function = Function(invocation, member);
        if (ItemFlow.IsFactoryCall(invocation))
        {
            _createdTypes.Add(method.ReturnType);
        }

        if (invocation.Instance is { } instance && (_symbols.IsItemContainer(method.ContainingType) || _symbols.IsItemContainer(instance.Type)))
        {
            foreach (var container in OperationFacts.Storages(instance).Select(storage => ContainerFor(storage)).OfType<Container>())
            {
                VisitContainerCall(invocation, container, function);
            }
        }

        if (GateOf(invocation) is { } wait)
        {
            _waits.Add(new GateWait(invocation, wait.Gate, function, wait.Kind));
        }
        else if (method.Name == "WaitAsync" && _symbols.IsSemaphoreSlim(method.ContainingType) && OperationFacts.Storage(invocation.Instance) is { } awaited)
        {
            _asyncWaits.Add((awaited, function));
        }
        else if (ReleasedGate(invocation) is { } released)
        {
            _releases.Add(new GateRelease(released, function, OperationFacts.IsInFinally(invocation)));
        }

        if (method.MethodKind == MethodKind.LocalFunction || IsOwnType(method.ContainingType))
        {
            _helperCalls.Add((function, method.OriginalDefinition, invocation));
        }
    }

    private void VisitContainerCall(IInvocationOperation invocation, Container container, ISymbol function)
    {
        var method = invocation.TargetMethod;
        if (TakeNames.Contains(method.Name))
        {
            var outArgument = invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.RefKind == RefKind.Out);
            var handsOut = method.ReturnType.SpecialType == SpecialType.System_Boolean ? outArgument?.Value : invocation;
            var escapes = handsOut is not null && (ReferenceEquals(handsOut, invocation) ? ItemFlow.Escapes(invocation) : ItemFlow.TargetEscapes(handsOut));
            var blocks = _symbols.IsBlockingCollection(method.ContainingType)
                && (method.Name == "Take" || (method.Name == "TryTake" && OperationFacts.TimeoutArgument(invocation) is { } timeout && !OperationFacts.IsZeroTimeout(timeout.Value)));
            container.Takes.Add(new Take(invocation, function, escapes, blocks));
            if (handsOut is not null && WrittenTo(handsOut) is { } takenInto)
            {
                container.TakenInto.Add(takenInto);
            }
        }
        else if (PutNames.Contains(method.Name) && invocation.Arguments.Length > 0)
        {
            var inConstructor = IsConstructor(function);
            container.Puts.Add(new Put(invocation.Arguments[0].Value, function, OperationFacts.IsInFinally(invocation), inConstructor));
            container.IsFilledByOwner |= inConstructor;
        }
        else if (method.Name == "Insert" && invocation.Arguments.Length == 2)
        {
            container.Puts.Add(new Put(invocation.Arguments[1].Value, function, OperationFacts.IsInFinally(invocation), IsConstructor(function)));
        }
        else if (RemoveNames.Contains(method.Name))
        {
            _removals.Add((function, container, invocation));
        }
        else if (method.Name is "AddRange" or "PushRange" && IsConstructor(function))
        {
            container.IsFilledByOwner = true;
        }
        else if (method.Name == "GetConsumingEnumerable")
        {
            container.IsConsumed = true;
        }
    }

    /// <summary>A slot of an array or list: written (a put, or a slot cleared), or read by a checkout.</summary>
    private void VisitElement(IOperation element, IOperation collection, ISymbol member)
    {
        var function = Function(element, member);
        var container = OperationFacts.Storages(collection).Select(storage => ContainerFor(storage)).OfType<Container>().FirstOrDefault();
        if (element.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, element))
        {
            // Any slot write marks the function as one that rearranges slots: clearing a slot or setting a busy flag.
            _slotWriters.Add(function);
            var value = assignment.Value.WithoutConversions();
            if (container is not null && value.ConstantValue is not { HasValue: true, Value: null } && value is not IDefaultValueOperation)
            {
                var inConstructor = IsConstructor(function);
                container.Puts.Add(new Put(assignment.Value, function, OperationFacts.IsInFinally(element), inConstructor));
                container.IsFilledByOwner |= inConstructor;
            }
        }
        else if (container is not null && element.Parent is not IInvocationOperation && !_symbols.IsItemContainer(element.Type))
        {
            _elementReads.Add((function, container, element));
        }
    }

    private void VisitBlockingCollectionUse(IOperation reference)
    {
        var symbol = reference switch
        {
            IFieldReferenceOperation field => (ISymbol)field.Field,
            IPropertyReferenceOperation property => property.Property,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };
        if (symbol is not null && UnsupportedUse(reference) is { } use && ContainerFor(symbol) is { } container)
        {
            container.UnsupportedUse ??= use;
        }
    }

    private TypePools Finish()
    {
        // Slot-style takes: a slot read that leaves the function, in a function that clears slots, sets busy flags, or
        // marks the item itself as busy.
        foreach (var (function, container, read) in _elementReads)
        {
            var marksSlot = _slotWriters.Contains(function)
                || _itemMarkers.Any(marker => FunctionComparer.Instance.Equals(marker.Function, function) && container.ElementType is { } element && IsAssignableTo(marker.ItemType, element));
            if (marksSlot && ItemFlow.Escapes(read))
            {
                container.Takes.Add(new Take(read, function, escapes: true, blocks: false));
                if (WrittenTo(read) is { } takenInto)
                {
                    container.TakenInto.Add(takenInto);
                }
            }
        }

        // Remove-style takes: a method that removes from the container and returns (or outs) an item of its type.
        foreach (var (function, container, removal) in _removals)
        {
            if (function is IMethodSymbol method && container.ElementType is { } element && HandsOutType(method, element)
                && !container.Takes.Any(take => FunctionComparer.Instance.Equals(take.Function, function)))
            {
                container.Takes.Add(new Take(removal, function, escapes: true, blocks: false));
            }
        }

        foreach (var container in _containers.Values)
        {
            container.OwnsItems = container.IsFilledByOwner
                || (container.ElementType is { } element && _createdTypes.Any(created => IsAssignableTo(created, element)));
            container.IsCalledInFinally = _model.IsCalledInFinally;
        }

        var sources = ItemSources();

        // An item a helper of the type hands out (var c = Grab();) is a taken item too, when it comes back.
        foreach (var (_, target, call) in _helperCalls)
        {
            if (sources.TryGetValue(target, out var handedOut) && WrittenTo(call) is { } takenInto)
            {
                foreach (var container in handedOut)
                {
                    container.TakenInto.Add(takenInto);
                }
            }
        }

        return new TypePools(_type, _containers, _waits, _releases, sources, _hasNestedTypes) { Signals = _signals, AsyncWaits = _asyncWaits };
    }

    /// <summary>The functions that hand items out: an escaping take, or an escaping call to a helper that does.</summary>
    private Dictionary<ISymbol, HashSet<Container>> ItemSources()
    {
        var sources = new Dictionary<ISymbol, HashSet<Container>>(FunctionComparer.Instance);
        foreach (var container in _containers.Values)
        {
            foreach (var take in container.Takes.Where(take => take.Escapes))
            {
                Sources(take.Function).Add(container);
            }
        }

        // Three rounds reach a checkout three helpers deep.
        for (var round = 0; round < 3; round++)
        {
            foreach (var (function, target, call) in _helperCalls)
            {
                if (sources.TryGetValue(target, out var handedOut) && !FunctionComparer.Instance.Equals(function, target) && CallHandsOut(call))
                {
                    Sources(function).UnionWith(handedOut);
                }
            }
        }

        return sources;

        HashSet<Container> Sources(ISymbol function)
        {
            if (!sources.TryGetValue(function, out var set))
            {
                set = [];
                sources.Add(function, set);
            }

            return set;
        }
    }

    private static bool CallHandsOut(IInvocationOperation call) =>
        (!call.TargetMethod.ReturnsVoid && call.TargetMethod.ReturnType.SpecialType != SpecialType.System_Boolean && ItemFlow.Escapes(call))
        || call.Arguments.Any(argument => argument.Parameter?.RefKind == RefKind.Out && ItemFlow.TargetEscapes(argument.Value));

    private (ISymbol? Gate, GateKind Kind)? GateOf(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "Wait" && _symbols.IsSemaphoreSlim(method.ContainingType))
        {
            return (OperationFacts.Storage(invocation.Instance), GateKind.SemaphoreSlim);
        }

        if (method.Name == "WaitOne" && _symbols.IsWaitHandle(invocation.Instance?.Type))
        {
            return (OperationFacts.Storage(invocation.Instance), GateKind.WaitHandle);
        }

        if (method.Name == "Wait" && method.IsStatic && _symbols.IsMonitor(method.ContainingType) && invocation.Arguments.Length > 0)
        {
            return (OperationFacts.Storage(invocation.Arguments[0].Value), GateKind.Monitor);
        }

        return null;
    }

    private ISymbol? ReleasedGate(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name is "Release" or "Set" && (_symbols.IsSemaphoreSlim(method.ContainingType) || _symbols.IsWaitHandle(invocation.Instance?.Type)))
        {
            return OperationFacts.Storage(invocation.Instance);
        }

        return method.Name is "Pulse" or "PulseAll" && _symbols.IsMonitor(method.ContainingType) && invocation.Arguments.Length > 0
            ? OperationFacts.Storage(invocation.Arguments[0].Value)
            : null;
    }

    /// <summary>Where a new container is kept: the field, property or local it initialises or is assigned to, or the dictionary of pools it is added to.</summary>
    private IEnumerable<ISymbol> CreationStorages(IOperation creation)
    {
        var current = creation;
        while (current.Parent is IConversionOperation conversion)
        {
            current = conversion;
        }

        switch (current.Parent)
        {
            case IFieldInitializerOperation field:
                return field.InitializedFields;
            case IPropertyInitializerOperation property:
                return property.InitializedProperties;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return FactoryResultStorages(declarator.Symbol, current) is { IsEmpty: false } pools ? pools : [declarator.Symbol];
            case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                return OperationFacts.Storages(assignment.Target);
            case IArgumentOperation { Parent: IInvocationOperation { Instance: { } dictionary } add } when _symbols.IsContainerOfContainers(dictionary.Type):
                // _pools.TryAdd(key, new BlockingCollection<T>()), _pools.GetOrAdd(key, new ...)
                return OperationFacts.Storages(add.Instance);
            case IReturnOperation returned:
                // _pools.GetOrAdd(key, _ => new BlockingCollection<T>(...)): the pool lives in the dictionary.
                for (var parent = returned.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation)
                    {
                        return parent.Parent?.Parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                            ? OperationFacts.Storages(invocation.Instance)
                            : [];
                    }
                }

                return [];
            default:
                return [];
        }
    }

    /// <summary>
    /// Where a container made into a local ends up: stored in a field (<c>_idle = pool;</c>), in a dictionary of pools
    /// (<c>_byHost[host] = pool;</c>, <c>_pools.Add(host, pool)</c>), or returned from the factory lambda that fills one
    /// (<c>_pools.GetOrAdd(key, k => { var pool = new ...; fill; return pool; })</c>). Empty when it stays a local.
    /// </summary>
    private ImmutableArray<ISymbol> FactoryResultStorages(ILocalSymbol local, IOperation anywhereInFunction)
    {
        var root = AsyncCode.Root(anywhereInFunction);
        foreach (var reference in root.Descendants().OfType<ILocalReferenceOperation>())
        {
            if (!SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            var use = reference.Parent is IConversionOperation conversion ? conversion : (IOperation)reference;
            switch (use.Parent)
            {
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, use)
                    && OperationFacts.Storages(assignment.Target) is { IsEmpty: false } targets && targets.All(target => target is not ILocalSymbol):
                    return targets;
                case IArgumentOperation { Parent: IInvocationOperation { Instance: { } dictionary } } when _symbols.IsContainerOfContainers(dictionary.Type):
                    return OperationFacts.Storages(dictionary);
                case IReturnOperation when root is IAnonymousFunctionOperation { Parent.Parent: IArgumentOperation { Parent: IInvocationOperation { Instance: { } dictionary } } }
                    && _symbols.IsContainerOfContainers(dictionary.Type):
                    return OperationFacts.Storages(dictionary);
            }
        }

        return [];
    }

    /// <summary>The container kept in a storage of this type (a field, property, local, or a dictionary of containers); null for anything else.</summary>
    private Container? ContainerFor(ISymbol storage, ITypeSymbol? createdType = null)
    {
        if (_containers.TryGetValue(storage, out var existing))
        {
            return existing;
        }

        var declared = storage switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            ILocalSymbol local => local.Type,
            _ => null,
        };
        var containerType = ContainerTypeOf(declared) ?? (_symbols.IsItemContainer(createdType) ? createdType : null);
        if (containerType is null || storage is IParameterSymbol)
        {
            return null;
        }

        var container = new Container(storage, PoolSymbols.ElementType(containerType));
        _containers.Add(storage, container);
        return container;
    }

    /// <summary>Uses that compile unchanged once the BlockingCollection is an AsyncPool&lt;T&gt;; otherwise why the swap would not do, in words for the message.</summary>
    private string? UnsupportedUse(IOperation reference)
    {
        switch (reference.Parent)
        {
            case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, reference):
                var parameters = invocation.TargetMethod.Parameters;
                var supported = invocation.TargetMethod.Name switch
                {
                    "Add" or "TryAdd" => parameters.Length == 1,
                    "Take" => parameters.Length == 0 || (parameters.Length == 1 && PoolSymbols.Is(parameters[0].Type, _symbols.CancellationToken)),
                    "TryTake" => parameters.Length switch
                    {
                        1 or 2 => true,
                        3 => parameters[1].Type.SpecialType == SpecialType.System_Int32,
                        _ => false,
                    },
                    "Dispose" => true,
                    _ => false,
                };
                var name = invocation.TargetMethod.Name;
                return supported ? null
                    : name is "Add" or "TryAdd" or "Take" or "TryTake" ? $"it calls {name}() in a form AsyncPool<T> does not have"
                    : $"it calls {name}(), which AsyncPool<T> does not have";
            case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, reference):
                // Not Count: a BlockingCollection counts its idle items, an AsyncPool its live ones.
                return property.Property.Name switch
                {
                    "BoundedCapacity" => null,
                    "Count" => "it reads Count, which counts idle items here but live ones on AsyncPool<T>",
                    var other => $"it reads {other}, which AsyncPool<T> does not have",
                };
            case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, reference):
                return assignment.Value.WithoutConversions() is IObjectCreationOperation ? null : "it is assigned something other than a new collection";
            default:
                return "it is passed on or stored as a BlockingCollection<T>";
        }
    }

    private static ISymbol? WrittenTo(IOperation value)
    {
        var current = value;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        var target = current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => (ISymbol)declarator.Symbol,
            ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current) => Symbol(assignment.Target),
            _ => null,
        };
        return target ?? Symbol(value);

        static ISymbol? Symbol(IOperation operation) => operation.WithoutConversions() switch
        {
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
            _ => null,
        };
    }

    /// <summary>
    /// The container of items a field, property or local of this type holds: the type itself, the element of an array
    /// of containers, or the value of a dictionary of per-key containers; null when it holds none.
    /// </summary>
    private ITypeSymbol? ContainerTypeOf(ITypeSymbol? declared) =>
        declared is IArrayTypeSymbol { ElementType: var inner } && _symbols.IsItemContainer(inner) ? inner
        : _symbols.IsItemContainer(declared) ? declared
        : _symbols.IsContainerOfContainers(declared) ? ((INamedTypeSymbol)declared!).TypeArguments[1]
        : null;

    private static bool HandsOutType(IMethodSymbol method, ITypeSymbol element) =>
        IsAssignableTo(element, method.ReturnType) || method.Parameters.Any(parameter => parameter.RefKind == RefKind.Out && IsAssignableTo(element, parameter.Type));

    private static bool IsAssignableTo(ITypeSymbol type, ITypeSymbol target)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, target))
            {
                return true;
            }
        }

        return target is INamedTypeSymbol { TypeKind: TypeKind.Interface } named && type.AllInterfaces.Contains(named, SymbolEqualityComparer.Default);
    }

    private bool IsOwnType(INamedTypeSymbol? type)
    {
        for (var current = type?.OriginalDefinition; current is not null; current = current.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, _type))
            {
                return true;
            }
        }

        return false;
    }

    private static ISymbol Function(IOperation operation, ISymbol member) => AsyncCode.EnclosingFunction(operation, member);

    /// <summary>A constructor, or a field or property initializer: where a pool fills itself.</summary>
    private static bool IsConstructor(ISymbol function) =>
        function is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } or IFieldSymbol or IPropertySymbol;
}
