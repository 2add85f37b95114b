namespace Crm.Domain.Common;

/// <summary>
/// A data-scoped record that its creator keeps seeing after it passed to another owner (an opportunity
/// assigned to a colleague): scope Own admits the owner and the creator.
/// </summary>
public interface ICreatorScoped
{
    Guid CreatorId { get; }
}
