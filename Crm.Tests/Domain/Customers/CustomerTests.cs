using Crm.Domain.Common;
using Crm.Domain.Customers;

namespace Crm.Tests.Domain.Customers;

public sealed class CustomerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Zhang = Guid.NewGuid();
    private static readonly Guid Li = Guid.NewGuid();
    private static readonly Guid Manager = Guid.NewGuid();

    private static CustomerProfile Profile(string name = "上海华辰科技有限公司") => new()
    {
        Name = name,
        CreditCode = "91350100M000100Y43",
        Phone = "+86 021-6888 1234",
        Postcode = "200120",
        Satisfaction = 4,
        CreditRating = 5,
        RegisteredCapital = 5_000_000m,
    };

    private static Customer New(Guid? owner = null) => new("C00000001", Profile(), orgUnitId: 4, ownerId: owner ?? Zhang, Now);

    private static string Refusal(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void NewCustomerIsAProspectOwnedByItsCreatorWithNormalizedKeys()
    {
        var customer = New();

        Assert.Equal(CustomerStatus.Prospect, customer.Status);
        Assert.Equal(Zhang, customer.OwnerId);
        Assert.Equal(Now, customer.OwnerSince);
        Assert.Equal("上海华辰科技", customer.NormalizedName);
        Assert.Equal("02168881234", customer.PhoneKey);
        Assert.Equal("91350100M000100Y43", customer.CreditCode);
    }

    [Fact]
    public void ProfileRefusesAWrongCheckCharacterNamingTheExpectedOne()
    {
        var error = Assert.Throws<DomainException>(() => new Customer("C1", Profile() with { CreditCode = "91350100M000100Y44" }, 4, Zhang, Now));

        Assert.Equal("Customer.CreditCodeCheckCharacter", error.Code);
        Assert.Equal(['3', '4'], error.Arguments);
    }

    [Fact]
    public void ProfileRefusesACreditCodeForAPerson()
    {
        Assert.Equal("Customer.CreditCodeForCompaniesOnly",
            Refusal(() => New().UpdateProfile(Profile() with { Type = CustomerType.Person })));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void ProfileRefusesScoresOutsideOneToFive(int score)
    {
        Assert.Equal("Customer.ScoreOutOfRange", Refusal(() => New().UpdateProfile(Profile() with { Satisfaction = score })));
    }

    [Fact]
    public void ProfileRefusesABlankNameAndABadPostcode()
    {
        Assert.Equal("Customer.Required", Refusal(() => New().UpdateProfile(Profile(" "))));
        Assert.Equal("Customer.PostcodeInvalid", Refusal(() => New().UpdateProfile(Profile() with { Postcode = "20012" })));
        Assert.Equal("Customer.MoneyOutOfRange", Refusal(() => New().UpdateProfile(Profile() with { AnnualRevenue = -1 })));
    }

    [Fact]
    public void StatusFollowsTheChurnLifecycle()
    {
        var customer = New();

        customer.Activate();
        customer.WarnOfChurn();
        customer.Activate();
        customer.WarnOfChurn();
        customer.ConfirmChurn();
        customer.Activate();

        Assert.Equal(CustomerStatus.Active, customer.Status);
    }

    [Fact]
    public void WrongTransitionsThrowInsteadOfDoingNothing()
    {
        var prospect = New();

        Assert.Equal("Customer.StatusTransitionNotAllowed", Refusal(prospect.WarnOfChurn));
        Assert.Equal("Customer.StatusTransitionNotAllowed", Refusal(prospect.ConfirmChurn));
        prospect.Activate();
        Assert.Equal("Customer.StatusTransitionNotAllowed", Refusal(prospect.Activate));
        Assert.Equal("Customer.StatusTransitionNotAllowed", Refusal(prospect.ConfirmChurn));
    }

    [Fact]
    public void ArchiveFreezesTheCustomerAndRestoreReturnsToItsFormerStatus()
    {
        var customer = New();
        customer.Activate();

        customer.Archive();

        Assert.Equal(CustomerStatus.Archived, customer.Status);
        Assert.Equal("Customer.Archived", Refusal(() => customer.UpdateProfile(Profile())));
        Assert.Equal("Customer.Archived", Refusal(() => customer.ReleaseToPool(Zhang, Now)));
        Assert.Equal("Customer.StatusTransitionNotAllowed", Refusal(customer.Archive));
        customer.Restore();
        Assert.Equal(CustomerStatus.Active, customer.Status);
        Assert.Equal("Customer.NotArchived", Refusal(customer.Restore));
    }

    [Fact]
    public void ReleaseClaimAndAssignAreKeptInThePoolHistory()
    {
        var customer = New();

        customer.ReleaseToPool(Zhang, Now, "客户暂无需求");
        Assert.True(customer.IsInPool);
        customer.Claim(Li, Now.AddHours(1));
        customer.AssignTo(Zhang, orgUnitId: 5, byUserId: Manager, Now.AddHours(2));

        Assert.Equal(Zhang, customer.OwnerId);
        Assert.Equal(5, customer.OrgUnitId);
        Assert.Equal(
            [(PoolEventKind.Release, (Guid?)Zhang, (Guid?)null, (Guid?)Zhang), (PoolEventKind.Claim, null, Li, Li), (PoolEventKind.Assign, Li, Zhang, Manager)],
            customer.PoolEvents.Select(e => (e.Kind, e.FromUserId, e.ToUserId, e.ByUserId)));
        Assert.Equal("客户暂无需求", customer.PoolEvents.First().Reason);
    }

    [Fact]
    public void PoolOperationsRefuseTheWrongSide()
    {
        var owned = New();
        Assert.Equal("Customer.NotInPool", Refusal(() => owned.Claim(Li, Now)));
        Assert.Equal("Customer.AlreadyOwnedByUser", Refusal(() => owned.AssignTo(Zhang, 4, Manager, Now)));

        owned.Recycle(Now, "30 天未联系");
        Assert.Equal("Customer.AlreadyInPool", Refusal(() => owned.ReleaseToPool(Zhang, Now)));
        Assert.Equal("Customer.AlreadyInPool", Refusal(() => owned.Recycle(Now, "again")));
        Assert.Null(owned.PoolEvents.Single().ByUserId);
    }

    [Fact]
    public void LastInteractionAndOrderOnlyMoveForward()
    {
        var customer = New();

        customer.RecordInteraction(Now);
        customer.RecordInteraction(Now.AddDays(-3));
        customer.RecordOrder(Now.AddDays(-1));

        Assert.Equal(Now, customer.LastInteractionAt);
        Assert.Equal(Now.AddDays(-1), customer.LastOrderAt);
    }

    [Theory]
    [InlineData("021-68881234", "02168881234")]
    [InlineData("+86 138 0013 8000", "13800138000")]
    [InlineData("１３８００１３８０００", "13800138000")]
    [InlineData("12345", null)]
    public void PhoneKeyKeepsTheDigitsThatIdentifyTheLine(string phone, string? key)
    {
        Assert.Equal(key, Customer.PhoneKeyOf(phone));
    }
}
