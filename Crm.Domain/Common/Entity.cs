namespace Crm.Domain.Common;

public abstract class Entity
{
    public int Id { get; protected set; }
}
