namespace Crm.Domain.Common;

/// <summary>
/// Base of every editable record. The persistence layer stamps who and when on each save and renews
/// <see cref="Version"/>, the application-managed concurrency token: a form posts back the version it
/// was rendered with, and a save against a newer one is refused instead of overwriting it.
/// </summary>
public abstract class AuditableEntity : Entity
{
    public DateTimeOffset CreatedAt { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    public Guid Version { get; private set; }

    public void MarkCreated(Guid? by, DateTimeOffset at)
    {
        CreatedAt = at;
        CreatedBy = by;
        UpdatedAt = at;
        UpdatedBy = by;
        Version = Guid.NewGuid();
    }

    public void MarkUpdated(Guid? by, DateTimeOffset at)
    {
        UpdatedAt = at;
        UpdatedBy = by;
        Version = Guid.NewGuid();
    }
}
