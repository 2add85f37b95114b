using System.Reflection;
using Crm.Domain.Common;
using Crm.Domain.Customers;

namespace Crm.Tests.Domain.Customers;

/// <summary>What orders and returns do to a customer: lifetime revenue, the last order, and the way back to Active.</summary>
public sealed class CustomerSalesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Zhang = new("0b7c3c5e-1d0a-4c55-9a59-3f1f6f0a0001");

    private static Customer New(string code = "C00000001", int id = 7)
    {
        var customer = new Customer(code, new CustomerProfile { Name = "上海华辰科技有限公司" }, orgUnitId: 4, ownerId: Zhang, Now.AddYears(-2));
        typeof(Entity).GetProperty(nameof(Entity.Id), BindingFlags.Public | BindingFlags.Instance)!.SetValue(customer, id);
        return customer;
    }

    private static Customer InStatus(CustomerStatus status)
    {
        var customer = New();
        if (status is CustomerStatus.Active or CustomerStatus.ChurnWarning or CustomerStatus.Churned)
            customer.Activate();
        if (status is CustomerStatus.ChurnWarning or CustomerStatus.Churned)
            customer.WarnOfChurn();
        if (status == CustomerStatus.Churned)
            customer.ConfirmChurn();
        if (status == CustomerStatus.Archived)
            customer.Archive();
        Assert.Equal(status, customer.Status);
        return customer;
    }

    [Fact]
    public void NewCustomerHasNoRevenueAndNoOrder()
    {
        var customer = New();

        Assert.Equal((0m, (DateTimeOffset?)null), (customer.LifetimeRevenue, customer.LastOrderAt));
    }

    [Fact]
    public void SaleAddsToRevenueAndIsTheLastOrder()
    {
        var customer = InStatus(CustomerStatus.Active);

        customer.RecordSale(1234.56m, Now);
        customer.RecordSale(0.10m, Now.AddDays(1));
        customer.RecordSale(0.20m, Now.AddDays(2));

        Assert.Equal(1234.86m, customer.LifetimeRevenue);
        Assert.Equal(Now.AddDays(2), customer.LastOrderAt);
        Assert.Equal(CustomerStatus.Active, customer.Status);
    }

    [Fact]
    public void EarlierSaleCountsInRevenueButDoesNotMoveTheLastOrderBack()
    {
        var customer = InStatus(CustomerStatus.Active);
        customer.RecordSale(100m, Now);

        customer.RecordSale(50m, Now.AddDays(-30));

        Assert.Equal((150m, (DateTimeOffset?)Now), (customer.LifetimeRevenue, customer.LastOrderAt));
    }

    [Theory]
    [InlineData(CustomerStatus.Prospect)]
    [InlineData(CustomerStatus.ChurnWarning)]
    [InlineData(CustomerStatus.Churned)]
    [InlineData(CustomerStatus.Active)]
    public void SaleMakesTheCustomerActive(CustomerStatus status)
    {
        var customer = InStatus(status);

        customer.RecordSale(500m, Now);

        Assert.Equal(CustomerStatus.Active, customer.Status);
    }

    [Fact]
    public void ArchivedCustomerTakesNoSale()
    {
        var customer = InStatus(CustomerStatus.Active);
        customer.RecordSale(100m, Now.AddDays(-1));
        customer.Archive();

        var error = Assert.Throws<DomainException>(() => customer.RecordSale(500m, Now));

        Assert.Equal("Customer.Archived", error.Code);
        Assert.Equal((100m, (DateTimeOffset?)Now.AddDays(-1), CustomerStatus.Archived), (customer.LifetimeRevenue, customer.LastOrderAt, customer.Status));
    }

    [Fact]
    public void ReversedSaleLeavesRevenueAndRestoresTheOrderBefore()
    {
        var customer = InStatus(CustomerStatus.Active);
        customer.RecordSale(300m, Now.AddDays(-10));
        customer.RecordSale(200.55m, Now);

        customer.ReverseSale(200.55m, lastOrderBefore: Now.AddDays(-10));

        Assert.Equal((300m, (DateTimeOffset?)Now.AddDays(-10)), (customer.LifetimeRevenue, customer.LastOrderAt));
    }

    [Fact]
    public void ReversingTheOnlySaleLeavesNoLastOrder()
    {
        var customer = New();
        customer.RecordSale(300m, Now);

        customer.ReverseSale(300m, lastOrderBefore: null);

        Assert.Equal((0m, (DateTimeOffset?)null), (customer.LifetimeRevenue, customer.LastOrderAt));
        Assert.Equal(CustomerStatus.Active, customer.Status);
    }

    [Fact]
    public void RefundCountsNegativeInRevenue()
    {
        var customer = InStatus(CustomerStatus.Active);
        customer.RecordSale(589.99m, Now);

        customer.RecordRefund(89.99m);

        Assert.Equal(500m, customer.LifetimeRevenue);
        Assert.Equal(Now, customer.LastOrderAt);
    }

    [Fact]
    public void MergeMovesRevenueAndTheLaterLastOrderToTheTarget()
    {
        var source = New("C00000001", id: 7);
        var target = New("C00000002", id: 8);
        source.RecordSale(1000.01m, Now);
        target.RecordSale(250m, Now.AddDays(-40));

        source.MergeInto(target);

        Assert.Equal((1250.01m, (DateTimeOffset?)Now), (target.LifetimeRevenue, target.LastOrderAt));
        Assert.Equal((0m, (int?)8, CustomerStatus.Archived), (source.LifetimeRevenue, source.MergedIntoId, source.Status));
    }

    [Fact]
    public void MergeOfACustomerWithoutOrdersKeepsTheTargetsLastOrder()
    {
        var source = New("C00000001", id: 7);
        var target = New("C00000002", id: 8);
        target.RecordSale(250m, Now);

        source.MergeInto(target);

        Assert.Equal((250m, (DateTimeOffset?)Now), (target.LifetimeRevenue, target.LastOrderAt));
    }
}
