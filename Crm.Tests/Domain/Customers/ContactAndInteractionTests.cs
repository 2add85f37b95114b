using Crm.Domain.Common;
using Crm.Domain.Customers;

namespace Crm.Tests.Domain.Customers;

public sealed class ContactUpdate
{
    [Fact]
    public void KeepsTrimmedValuesAndAValidEmail()
    {
        var contact = new Contact(1, " 张三 ");
        contact.Update("张三", Gender.Male, " 采购经理 ", "13800001111", null, "zhang@example.cn", new DateOnly(1980, 1, 2), null);

        Assert.Equal("张三", contact.Name);
        Assert.Equal("采购经理", contact.Title);
        Assert.Equal("zhang@example.cn", contact.Email);
    }

    [Fact]
    public void ThrowsGivenAnEmailWithoutAt()
    {
        var contact = new Contact(1, "张三");

        var error = Assert.Throws<DomainException>(() => contact.Update("张三", Gender.Male, null, null, null, "zhang.example.cn", null, null));

        Assert.Equal("Contact.EmailInvalid", error.Code);
    }
}

public sealed class InteractionUpdate
{
    [Fact]
    public void ThrowsGivenAFollowUpBeforeTheInteraction()
    {
        var at = new DateTimeOffset(2025, 5, 10, 2, 0, 0, TimeSpan.Zero);

        var error = Assert.Throws<DomainException>(() => new Interaction(1, at, null, null, "电话", null, null, at.AddMinutes(-1)));

        Assert.Equal("Interaction.FollowUpBeforeInteraction", error.Code);
    }

    [Fact]
    public void RecordingAnOlderInteractionKeepsTheCustomersLatestTime()
    {
        var customer = new Customer("C1", new CustomerProfile { Name = "测试客户" }, 1, null, DateTimeOffset.UnixEpoch);
        var latest = new DateTimeOffset(2025, 5, 10, 2, 0, 0, TimeSpan.Zero);

        customer.RecordInteraction(latest);
        customer.RecordInteraction(latest.AddDays(-3));

        Assert.Equal(latest, customer.LastInteractionAt);
    }
}
