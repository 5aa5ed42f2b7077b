using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Host;
using Microsoft.CodeAnalysis.Simplification;
using PoolAnalyzers.Internal;

using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PoolAnalyzers.CodeFixes.Internal;

/// <summary>
/// Writes the asynchronous twin of a blocking wrapper: a copy of <c>Name(..)</c> named <c>NameAsync(..,
/// CancellationToken cancellationToken = default)</c>, <c>async</c>, returning <c>Task</c> / <c>Task&lt;T&gt;</c>, with
/// its blocking checkout awaited (the same rewrite as the POOL003 fix), and rewrites a call of the wrapper into an
/// awaited call of the twin. The wrapper itself stays, for synchronous callers.
/// </summary>
internal static class AsyncTwinWriter
{
    private const string TokenName = "cancellationToken";

    /// <summary>The name of the CancellationToken parameter a written twin gets.</summary>
    public const string WrittenTokenName = TokenName;

    public static string TwinName(MethodDeclarationSyntax wrapper) => wrapper.Identifier.ValueText + "Async";

    /// <summary>The twin of <paramref name="wrapper"/>, with <paramref name="blockingCall"/> (inside it) awaited, and whether it adds a CancellationToken parameter.</summary>
    public static (MethodDeclarationSyntax Method, bool AddsToken) Twin(
        MethodDeclarationSyntax wrapper,
        InvocationExpressionSyntax blockingCall,
        string checkoutKind,
        SemanticModel model,
        SolutionServices services,
        AnalyzerConfigOptionsProvider options,
        CancellationToken cancellationToken)
    {
        // The wrapper's own token, if it takes one; otherwise the twin gets one, and passes it to the awaited call.
        var existingToken = wrapper.ParameterList.Parameters.FirstOrDefault(p => model.GetDeclaredSymbol(p, cancellationToken)?.Type.Name == "CancellationToken");
        var token = existingToken?.Identifier.ValueText ?? TokenName;

        var editor = new SyntaxEditor(wrapper, services);
        CheckoutRewriter.Rewrite(editor, model, blockingCall, checkoutKind == FixKinds.SwapThenTakeAsync ? CheckoutRewriter.KindFor(blockingCall) : checkoutKind, options, token);
        var twin = (MethodDeclarationSyntax)editor.GetChangedRoot();

        var parameters = existingToken is null
            ? twin.ParameterList.AddParameters(
                Parameter(Identifier(TokenName))
                    .WithType(ParseTypeName("System.Threading.CancellationToken").WithAdditionalAnnotations(Simplifier.Annotation))
                    .WithDefault(EqualsValueClause(LiteralExpression(SyntaxKind.DefaultLiteralExpression, Token(SyntaxKind.DefaultKeyword)))))
            : twin.ParameterList;

        // Qualified, then simplified where the file's usings allow: a type of the application's own named Task or
        // CancellationToken must not capture them.
        var returnType = (twin.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            ? ParseTypeName("System.Threading.Tasks.Task")
            : QualifiedName(ParseName("System.Threading.Tasks"), GenericName(Identifier("Task"), TypeArgumentList(SingletonSeparatedList(twin.ReturnType.WithoutTrivia())))))
            .WithAdditionalAnnotations(Simplifier.Annotation);

        // Modifiers that tie the wrapper to a base or interface do not carry over to a new method.
        var modifiers = TokenList(twin.Modifiers
            .Where(m => !m.IsKind(SyntaxKind.OverrideKeyword) && !m.IsKind(SyntaxKind.VirtualKeyword) && !m.IsKind(SyntaxKind.SealedKeyword) && !m.IsKind(SyntaxKind.NewKeyword))
            .Select(m => m.WithoutTrivia().WithTrailingTrivia(Space)))
            .Add(Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(Space));

        var method = twin
            .WithModifiers(modifiers)
            .WithReturnType(returnType.WithTrailingTrivia(Space))
            .WithIdentifier(Identifier(TwinName(wrapper)))
            .WithParameterList(parameters)
            .WithLeadingTrivia(ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation);
        return (method, existingToken is null);
    }

    /// <summary>
    /// <c>pool.Get(a)</c> becomes <c>await pool.GetAsync(a, token)</c>, passing the one token in scope when the twin takes
    /// one; named (<c>cancellationToken: token</c>) where the call leaves out optional parameters or names its arguments,
    /// so that it cannot land in the wrong parameter.
    /// </summary>
    public static ExpressionSyntax AwaitedCall(InvocationExpressionSyntax call, string twinName, string? tokenParameter, bool named, SemanticModel model, AnalyzerConfigOptionsProvider options)
    {
        SimpleNameSyntax Renamed(SimpleNameSyntax name) => name is GenericNameSyntax generic
            ? generic.WithIdentifier(Identifier(twinName))
            : IdentifierName(twinName).WithTriviaFrom(name);

        var target = call.Expression switch
        {
            MemberAccessExpressionSyntax access => access.WithName(Renamed(access.Name)),
            SimpleNameSyntax name => Renamed(name),
            _ => call.Expression,
        };
        var token = tokenParameter is null ? null : AwaitRewriter.TokenInScope(model, call, call.ArgumentList);
        var arguments = token is null
            ? call.ArgumentList
            : call.ArgumentList.AddArguments(named ? Argument(IdentifierName(token)).WithNameColon(NameColon(IdentifierName(tokenParameter!))) : Argument(IdentifierName(token)));
        return AwaitRewriter.Await(InvocationExpression(target, arguments), call.SyntaxTree, options).WithTriviaFrom(call);
    }
}
