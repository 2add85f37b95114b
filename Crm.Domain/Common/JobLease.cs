namespace Crm.Domain.Common;

/// <summary>
/// A named lease in the database that lets a background job run on one app instance at a time: the
/// instance that holds an unexpired lease runs; the others skip.
/// </summary>
public sealed class JobLease
{
    public const int NameMaxLength = 100;
    public const int HolderMaxLength = 100;

    private JobLease()
    {
        Name = string.Empty;
        Holder = string.Empty;
    }

    public JobLease(string name, string holder, DateTimeOffset expiresAt)
    {
        Name = name;
        Holder = holder;
        ExpiresAt = expiresAt;
    }

    public string Name { get; private set; }

    public string Holder { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When the job last finished a run; null before the first.</summary>
    public DateTimeOffset? LastCompletedAt { get; private set; }
}
