using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>A warehouse's details and whether it takes new orders.</summary>
public sealed class WarehouseTests
{
    [Fact]
    public void NewWarehouseIsActiveWithTrimmedDetails()
    {
        var warehouse = new Warehouse(" WH-SH ", " 上海仓 ", "  ");

        Assert.Equal(("WH-SH", "上海仓", (string?)null, true), (warehouse.Code, warehouse.Name, warehouse.Address, warehouse.IsActive));
    }

    [Fact]
    public void DeactivatedWarehouseCanBeActivatedAgain()
    {
        var warehouse = new Warehouse("WH-BJ", "北京仓", "北京市朝阳区");

        warehouse.SetActive(false);
        Assert.False(warehouse.IsActive);
        warehouse.SetActive(true);

        Assert.True(warehouse.IsActive);
    }

    [Fact]
    public void CodeAndNameAreRequired()
    {
        Assert.Equal("Field.Required", Refusal(() => _ = new Warehouse("", "上海仓", null)));
        Assert.Equal("Field.Required", Refusal(() => new Warehouse("WH-SH", "上海仓", null).Update(" ", null)));
    }

    [Fact]
    public void TooLongAddressIsRefused()
    {
        Assert.Equal("Field.TooLong", Refusal(() => _ = new Warehouse("WH-SH", "上海仓", new string('路', Warehouse.AddressMaxLength + 1))));
    }
}
