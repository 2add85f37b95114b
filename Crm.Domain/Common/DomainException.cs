namespace Crm.Domain.Common;

/// <summary>
/// A business rule refused an operation. <see cref="Code"/> is a stable resource key the UI localizes;
/// <see cref="Arguments"/> fill its placeholders.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, params object[] arguments)
        : base(arguments.Length == 0 ? code : $"{code}: {string.Join(", ", arguments)}")
    {
        Code = code;
        Arguments = arguments;
    }

    public string Code { get; }

    public IReadOnlyList<object> Arguments { get; }
}
