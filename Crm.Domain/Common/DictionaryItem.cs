namespace Crm.Domain.Common;

/// <summary>
/// One value of a data-dictionary category (数据字典): a customer level, a region, a channel… Records
/// refer to it by id. In-use items are never deleted, only deactivated: dropdowns then stop offering
/// them while old records still show their name.
/// </summary>
public sealed class DictionaryItem : AuditableEntity
{
    public const int CategoryMaxLength = 50;
    public const int CodeMaxLength = 50;
    public const int NameMaxLength = 100;

    private DictionaryItem()
    {
        Category = string.Empty;
        Code = string.Empty;
        NameZh = string.Empty;
        NameEn = string.Empty;
    }

    public DictionaryItem(string category, string code, string nameZh, string nameEn, int sortOrder, int? value = null, bool isSystem = false)
    {
        if (!DictionaryCategories.All.Contains(category))
            throw new DomainException("Dictionary.UnknownCategory", category);
        Category = category;
        Code = ValidCode(code);
        NameZh = ValidName(nameZh);
        NameEn = ValidName(nameEn);
        SortOrder = sortOrder;
        IsActive = true;
        IsSystem = isSystem;
        SetValue(value);
    }

    public string Category { get; private set; }

    /// <summary>Stable key for imports and code; unique within the category and never changed.</summary>
    public string Code { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>Items the application relies on by code (e.g. the priorities that carry SLA hours): never deleted.</summary>
    public bool IsSystem { get; private set; }

    /// <summary>A number some categories attach to an item, such as the SLA hours of a priority.</summary>
    public int? Value { get; private set; }

    public string Name(bool chinese) => chinese ? NameZh : NameEn;

    public void Rename(string nameZh, string nameEn)
    {
        NameZh = ValidName(nameZh);
        NameEn = ValidName(nameEn);
    }

    public void MoveTo(int sortOrder) => SortOrder = sortOrder;

    public void SetValue(int? value)
    {
        if (value is < 0)
            throw new DomainException("Dictionary.ValueNegative");
        Value = value;
    }

    public void Activate() => IsActive = true;

    public void Deactivate() => IsActive = false;

    /// <summary>Refuses deletion of system items and items records still refer to.</summary>
    public void EnsureCanDelete(bool inUse)
    {
        if (IsSystem)
            throw new DomainException("Dictionary.SystemItemCannotBeDeleted", NameZh);
        if (inUse)
            throw new DomainException("Dictionary.InUseCannotBeDeleted", NameZh);
    }

    private static string ValidCode(string code)
    {
        var trimmed = code?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainException("Dictionary.CodeRequired");
        if (trimmed.Length > CodeMaxLength || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new DomainException("Dictionary.CodeInvalid", CodeMaxLength);
        return trimmed;
    }

    private static string ValidName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainException("Dictionary.NameRequired");
        if (trimmed.Length > NameMaxLength)
            throw new DomainException("Dictionary.NameTooLong", NameMaxLength);
        return trimmed;
    }
}
