using Crm.Domain.Common;
using Crm.Domain.Service;

namespace Crm.Tests.Domain.Service;

public sealed class ServiceContractAllowance
{
    private static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly DateOnly End = new(2026, 12, 31);

    private static ServiceContract Contract(int? allowance) => new("HT00000001", 1, Start, End, ServiceLevel.Standard, allowance);

    [Fact]
    public void EachCaseCountsDownUntilNoneIsLeft()
    {
        var contract = Contract(2);

        contract.UseCase(new DateOnly(2026, 3, 1));
        Assert.Equal((1, 1), (contract.CasesUsed, contract.CasesLeft));
        contract.UseCase(new DateOnly(2026, 3, 2));

        Assert.Equal((2, 0), (contract.CasesUsed, contract.CasesLeft));
        Assert.False(contract.Covers(new DateOnly(2026, 3, 3)));
        var refused = Assert.Throws<DomainException>(() => contract.UseCase(new DateOnly(2026, 3, 3)));
        Assert.Equal("ServiceContract.NoCasesLeft", refused.Code);
        Assert.Equal(2, contract.CasesUsed);
    }

    [Fact]
    public void WithoutAnAllowanceCasesAreUnlimited()
    {
        var contract = Contract(null);
        for (var i = 0; i < 50; i++)
            contract.UseCase(new DateOnly(2026, 6, 1));

        Assert.Equal(50, contract.CasesUsed);
        Assert.Null(contract.CasesLeft);
        Assert.True(contract.Covers(new DateOnly(2026, 6, 2)));
    }

    [Theory]
    [InlineData(2025, 12, 31)]
    [InlineData(2027, 1, 1)]
    public void ACaseOutsideTheTermIsRefused(int year, int month, int day)
    {
        var contract = Contract(5);

        var refused = Assert.Throws<DomainException>(() => contract.UseCase(new DateOnly(year, month, day)));

        Assert.Equal("ServiceContract.NotActive", refused.Code);
        Assert.Equal(0, contract.CasesUsed);
    }

    [Fact]
    public void TheAllowanceCannotDropBelowTheCasesUsed()
    {
        var contract = Contract(3);
        contract.UseCase(Start);
        contract.UseCase(Start);

        var refused = Assert.Throws<DomainException>(() => contract.Update(Start, End, ServiceLevel.Basic, 1, null));

        Assert.Equal("ServiceContract.AllowanceBelowUsed", refused.Code);
        contract.Update(Start, End, ServiceLevel.Basic, 2, null);
        Assert.Equal(0, contract.CasesLeft);
    }

    [Fact]
    public void TheRenewalReminderIsDueOnceWithinTheWindowAndAgainAfterANewEndDate()
    {
        var contract = Contract(null);

        Assert.False(contract.RenewalReminderDue(End.AddDays(-31), 30));
        Assert.True(contract.RenewalReminderDue(End.AddDays(-30), 30));
        contract.MarkRenewalReminderSent(DateTimeOffset.UtcNow);
        Assert.False(contract.RenewalReminderDue(End.AddDays(-10), 30));

        contract.Update(Start, End.AddYears(1), ServiceLevel.Standard, null, null);
        Assert.Null(contract.RenewalReminderSentAt);
        Assert.True(contract.RenewalReminderDue(End.AddYears(1).AddDays(-5), 30));
    }
}
