namespace Crm.Domain.Common;

/// <summary>Trimming and length rules for text fields, with refusals naming the field by its resource key.</summary>
public static class Text
{
    public static string Required(string? value, int max, string field)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainException("Field.Required", field);
        return trimmed.Length <= max ? trimmed : throw new DomainException("Field.TooLong", field, max);
    }

    public static string? Optional(string? value, int max, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        return trimmed.Length <= max ? trimmed : throw new DomainException("Field.TooLong", field, max);
    }
}
