using Crm.Domain.Common;
using Crm.Domain.Customers;

namespace Crm.Tests.Domain.Customers;

/// <summary>
/// When a customer is due for a churn warning (exactly the configured months without an order), and
/// the warning's life: retention measures while open, closed once by recovery or confirmation.
/// </summary>
public sealed class ChurnWarningTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, China);
    private static readonly DateTimeOffset LastOrder = new(2025, 9, 10, 2, 0, 0, China);
    private static readonly Guid Zhang = new("0b7c3c5e-1d0a-4c55-9a59-3f1f6f0a0001");
    private static readonly Guid Manager = new("0b7c3c5e-1d0a-4c55-9a59-3f1f6f0a0002");

    private static ChurnWarning Open() => new(customerId: 7, LastOrder, thresholdMonths: 6, Now);

    private static string Refusal(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void CustomerIsDueExactlyTheConfiguredMonthsAfterTheLastOrder()
    {
        Assert.True(ChurnWarning.IsDue(LastOrder, 6, Now));
    }

    [Fact]
    public void CustomerIsNotDueAMinuteEarlier()
    {
        Assert.False(ChurnWarning.IsDue(LastOrder, 6, Now.AddMinutes(-1)));
    }

    [Fact]
    public void CustomerIsNotDueADayEarlier()
    {
        Assert.False(ChurnWarning.IsDue(LastOrder, 6, Now.AddDays(-1)));
    }

    [Fact]
    public void CustomerStaysDueLater()
    {
        Assert.True(ChurnWarning.IsDue(LastOrder, 6, Now.AddDays(1)));
        Assert.True(ChurnWarning.IsDue(LastOrder, 6, Now.AddYears(3)));
    }

    [Fact]
    public void OrderOneMinuteLaterIsNotDueYet()
    {
        Assert.False(ChurnWarning.IsDue(LastOrder.AddMinutes(1), 6, Now));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(24)]
    public void BoundaryIsExactForAnyNumberOfMonths(int months)
    {
        var last = Now.AddMonths(-months);

        Assert.True(ChurnWarning.IsDue(last, months, Now));
        Assert.False(ChurnWarning.IsDue(last, months, Now.AddMinutes(-1)));
    }

    [Fact]
    public void CustomerWithoutAnyOrderIsNeverDue()
    {
        Assert.False(ChurnWarning.IsDue(null, 6, Now));
        Assert.False(ChurnWarning.IsDue(null, 6, DateTimeOffset.MaxValue));
    }

    [Fact]
    public void ClockOffsetsDoNotMoveTheBoundary()
    {
        // The same instants, the last order seen in Beijing and now in UTC.
        var nowUtc = Now.ToUniversalTime();

        Assert.True(ChurnWarning.IsDue(LastOrder, 6, nowUtc));
        Assert.False(ChurnWarning.IsDue(LastOrder, 6, nowUtc.AddMinutes(-1)));
    }

    [Fact]
    public void LastOrderAtAMonthsEndIsDueByTheFirstOfTheMonthSixMonthsOn()
    {
        var endOfAugust = new DateTimeOffset(2025, 8, 31, 10, 0, 0, China);

        Assert.False(ChurnWarning.IsDue(endOfAugust, 6, new DateTimeOffset(2026, 2, 27, 10, 0, 0, China)));
        Assert.True(ChurnWarning.IsDue(endOfAugust, 6, new DateTimeOffset(2026, 3, 1, 10, 0, 0, China)));
    }

    [Fact]
    public void NewWarningIsOpenAndKeepsTheFactsItWasRaisedOn()
    {
        var warning = Open();

        Assert.Equal((7, (DateTimeOffset?)LastOrder, 6, Now, ChurnWarningStatus.Open), (warning.CustomerId, warning.LastOrderAt, warning.ThresholdMonths, warning.WarnedAt, warning.Status));
        Assert.Empty(warning.Measures);
        Assert.Null(warning.ClosedAt);
    }

    [Fact]
    public void MeasuresAreAppendedInOrderWithTheirDates()
    {
        var warning = Open();

        warning.AddMeasure(new DateOnly(2026, 3, 11), " 上门拜访，送新品试用 ", Zhang, Now.AddDays(1));
        warning.AddMeasure(new DateOnly(2026, 3, 20), "给予九五折优惠", Zhang, Now.AddDays(10));

        Assert.Equal(
            [(new DateOnly(2026, 3, 11), "上门拜访，送新品试用", Zhang, Now.AddDays(1)), (new DateOnly(2026, 3, 20), "给予九五折优惠", Zhang, Now.AddDays(10))],
            warning.Measures.Select(m => (m.Date, m.Content, m.RecordedBy, m.RecordedAt)));
    }

    [Fact]
    public void BlankMeasureIsRefused()
    {
        var warning = Open();

        Assert.Equal("Field.Required", Refusal(() => warning.AddMeasure(new DateOnly(2026, 3, 11), "  ", Zhang, Now)));
        Assert.Empty(warning.Measures);
    }

    [Fact]
    public void NewOrderRecoversTheCustomerAndClosesTheWarning()
    {
        var warning = Open();

        warning.Recover(orderId: 42, Now.AddDays(3));

        Assert.Equal((ChurnWarningStatus.Recovered, (int?)42, (DateTimeOffset?)Now.AddDays(3)), (warning.Status, warning.RecoveredByOrderId, warning.ClosedAt));
    }

    [Fact]
    public void ManagerConfirmsTheChurnWithAReason()
    {
        var warning = Open();

        warning.Confirm(reasonId: 61, " 客户转向竞争对手 ", Manager, Now.AddDays(30));

        Assert.Equal((ChurnWarningStatus.Confirmed, (int?)61, "客户转向竞争对手", (Guid?)Manager, (DateTimeOffset?)Now.AddDays(30)),
            (warning.Status, warning.ReasonId, warning.ConfirmationNote, warning.ConfirmedBy, warning.ClosedAt));
    }

    [Fact]
    public void RecoveredWarningTakesNoMoreMeasuresNorDecisions()
    {
        var warning = Open();
        warning.AddMeasure(new DateOnly(2026, 3, 11), "电话回访", Zhang, Now);
        warning.Recover(42, Now.AddDays(3));

        var errors = new[]
        {
            Assert.Throws<DomainException>(() => warning.AddMeasure(new DateOnly(2026, 3, 14), "再次回访", Zhang, Now)),
            Assert.Throws<DomainException>(() => warning.Recover(43, Now.AddDays(4))),
            Assert.Throws<DomainException>(() => warning.Confirm(61, null, Manager, Now.AddDays(4))),
        };

        Assert.All(errors, e => Assert.Equal(("ChurnWarning.NotOpen", (object)ChurnWarningStatus.Recovered), (e.Code, e.Arguments[0])));
        Assert.Single(warning.Measures);
        Assert.Equal((ChurnWarningStatus.Recovered, (int?)42, (DateTimeOffset?)Now.AddDays(3), (int?)null), (warning.Status, warning.RecoveredByOrderId, warning.ClosedAt, warning.ReasonId));
    }

    [Fact]
    public void ConfirmedWarningTakesNoMoreMeasuresNorDecisions()
    {
        var warning = Open();
        warning.Confirm(61, null, Manager, Now.AddDays(30));

        var errors = new[]
        {
            Assert.Throws<DomainException>(() => warning.AddMeasure(new DateOnly(2026, 4, 14), "补救", Zhang, Now)),
            Assert.Throws<DomainException>(() => warning.Recover(43, Now.AddDays(40))),
            Assert.Throws<DomainException>(() => warning.Confirm(62, "改原因", Manager, Now.AddDays(40))),
        };

        Assert.All(errors, e => Assert.Equal(("ChurnWarning.NotOpen", (object)ChurnWarningStatus.Confirmed), (e.Code, e.Arguments[0])));
        Assert.Empty(warning.Measures);
        Assert.Equal((ChurnWarningStatus.Confirmed, (int?)61, (int?)null, (DateTimeOffset?)Now.AddDays(30)), (warning.Status, warning.ReasonId, warning.RecoveredByOrderId, warning.ClosedAt));
    }
}
