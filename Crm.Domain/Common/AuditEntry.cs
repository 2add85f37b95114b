namespace Crm.Domain.Common;

public enum AuditAction
{
    Insert,
    Update,
    Delete,
    SignIn,
    SignInFailed,
    LockedOut,
    SignOut,
    Export,
}

/// <summary>
/// One line of the audit log: for data changes, one field of one record, from what to what; for security
/// events (sign-in, lockout, export), the event itself. Written by the persistence layer, never edited.
/// </summary>
public sealed class AuditEntry
{
    public const int EntityTypeMaxLength = 100;
    public const int EntityKeyMaxLength = 100;
    public const int FieldMaxLength = 100;
    public const int ValueMaxLength = 2000;
    public const int UserNameMaxLength = 256;
    public const int IpAddressMaxLength = 64;

    private AuditEntry()
    {
        EntityType = string.Empty;
        EntityKey = string.Empty;
    }

    public AuditEntry(
        DateTimeOffset at,
        AuditAction action,
        string entityType,
        string entityKey,
        Guid? userId,
        string? userName,
        string? ipAddress,
        string? field = null,
        string? oldValue = null,
        string? newValue = null)
    {
        At = at;
        Action = action;
        EntityType = Truncate(entityType, EntityTypeMaxLength)!;
        EntityKey = Truncate(entityKey, EntityKeyMaxLength)!;
        UserId = userId;
        UserName = Truncate(userName, UserNameMaxLength);
        IpAddress = Truncate(ipAddress, IpAddressMaxLength);
        Field = Truncate(field, FieldMaxLength);
        OldValue = Truncate(oldValue, ValueMaxLength);
        NewValue = Truncate(newValue, ValueMaxLength);
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public AuditAction Action { get; private set; }

    public string EntityType { get; private set; }

    public string EntityKey { get; private set; }

    public string? Field { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public Guid? UserId { get; private set; }

    public string? UserName { get; private set; }

    public string? IpAddress { get; private set; }

    /// <summary>Keys of inserted rows are known only after the insert; the persistence layer fills them in then.</summary>
    public void SetEntityKey(string key) => EntityKey = Truncate(key, EntityKeyMaxLength)!;

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..(max - 1)] + "…";
}
