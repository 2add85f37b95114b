using System.Globalization;
using Crm.Domain.Common;

namespace Crm.Infrastructure.Customers;

/// <summary>
/// An import row error is stored as its resource key and arguments, not as text, because the job runs
/// in the background without the user's language; the report localizes it for whoever reads it.
/// </summary>
public static class ImportMessages
{
    private const char Separator = '\u001F';

    public static string Encode(string code, params object[] arguments) =>
        string.Join(Separator, new[] { code }.Concat(arguments.Select(Argument)));

    public static string Encode(DomainException error) => Encode(error.Code, [.. error.Arguments]);

    /// <summary>The stored message back as a refusal the UI localizes the usual way.</summary>
    public static DomainException Decode(string message)
    {
        var parts = message.Split(Separator);
        return new DomainException(parts[0], [.. parts.Skip(1)]);
    }

    // Enums travel as their resource key ("CustomerStatus.Archived"), which the localizer translates.
    private static string Argument(object value) => value switch
    {
        Enum e => $"{e.GetType().Name}.{e}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
