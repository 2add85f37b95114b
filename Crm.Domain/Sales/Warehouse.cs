using Crm.Domain.Common;

namespace Crm.Domain.Sales;

/// <summary>仓库: where stock is kept and orders ship from.</summary>
public sealed class Warehouse : AuditableEntity
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 100;
    public const int AddressMaxLength = 200;

    private Warehouse()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public Warehouse(string code, string name, string? address)
        : this()
    {
        Code = Text.Required(code, CodeMaxLength, "Warehouse.Code");
        Update(name, address);
        IsActive = true;
    }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public string? Address { get; private set; }

    /// <summary>An inactive warehouse keeps its stock history but takes no new orders or receipts.</summary>
    public bool IsActive { get; private set; }

    public void Update(string name, string? address)
    {
        Name = Text.Required(name, NameMaxLength, "Warehouse.Name");
        Address = Text.Optional(address, AddressMaxLength, "Warehouse.Address");
    }

    public void SetActive(bool active) => IsActive = active;
}
