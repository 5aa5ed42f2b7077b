#if !NET
namespace System.Diagnostics.CodeAnalysis;

/// <summary>netstandard2.0 lacks this attribute (a referenced package has only an internal copy); the compiler reads it by name.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class NotNullWhenAttribute(bool returnValue) : Attribute
{
    public bool ReturnValue { get; } = returnValue;
}
#endif
