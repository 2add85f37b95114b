using Crm.Domain.Common;
using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>
/// The quote's state machine — Draft → Sent → Accepted/Rejected, Sent → Draft to revise, Accepted →
/// Converted — sending, and conversion into an order.
/// </summary>
public sealed class QuoteLifecycleTests
{
    private static readonly DateTimeOffset MoveAt = Now.AddHours(5);

    private static readonly (QuoteStatus From, QuoteStatus To)[] Allowed =
    [
        (QuoteStatus.Draft, QuoteStatus.Sent),
        (QuoteStatus.Sent, QuoteStatus.Accepted),
        (QuoteStatus.Sent, QuoteStatus.Rejected),
        (QuoteStatus.Sent, QuoteStatus.Draft),
        (QuoteStatus.Accepted, QuoteStatus.Converted),
    ];

    public static TheoryData<QuoteStatus, QuoteStatus> AllowedTransitions() => ToTheoryData(Allowed);

    public static TheoryData<QuoteStatus, QuoteStatus> RefusedTransitions() => ToTheoryData(AllPairsOf().Except(Allowed));

    public static TheoryData<QuoteStatus, QuoteStatus> AllPairs() => ToTheoryData(AllPairsOf());

    public static TheoryData<QuoteStatus> NotDraft() => [QuoteStatus.Sent, QuoteStatus.Accepted, QuoteStatus.Rejected, QuoteStatus.Converted];

    private static IEnumerable<(QuoteStatus From, QuoteStatus To)> AllPairsOf() =>
        Enum.GetValues<QuoteStatus>().SelectMany(from => Enum.GetValues<QuoteStatus>().Select(to => (from, to)));

    private static TheoryData<QuoteStatus, QuoteStatus> ToTheoryData(IEnumerable<(QuoteStatus From, QuoteStatus To)> pairs)
    {
        var data = new TheoryData<QuoteStatus, QuoteStatus>();
        foreach (var (from, to) in pairs)
            data.Add(from, to);
        return data;
    }

    private static Quote InStatus(QuoteStatus status)
    {
        var quote = Quote();
        quote.AddLine(Product(1), 2, PriceType.List, null, 0m);
        if (status != QuoteStatus.Draft)
            quote.Send(Now);
        if (status is QuoteStatus.Accepted or QuoteStatus.Converted)
            quote.Accept(Now);
        if (status == QuoteStatus.Rejected)
            quote.Reject(Now);
        if (status == QuoteStatus.Converted)
            quote.ConvertToOrder("SO202603100009", Today, WarehouseId, null);
        Assert.Equal(status, quote.Status);
        return quote;
    }

    private static void Move(Quote quote, QuoteStatus to)
    {
        switch (to)
        {
            case QuoteStatus.Draft:
                quote.Revise();
                break;
            case QuoteStatus.Sent:
                quote.Send(MoveAt);
                break;
            case QuoteStatus.Accepted:
                quote.Accept(MoveAt);
                break;
            case QuoteStatus.Rejected:
                quote.Reject(MoveAt);
                break;
            case QuoteStatus.Converted:
                quote.ConvertToOrder("SO202603100010", Today, WarehouseId, null);
                break;
        }
    }

    [Fact]
    public void NewQuoteIsADraftValidUntilItsDateOrLater()
    {
        var quote = new Quote("QT1", CustomerId, OrgUnitId, Zhang, Today, Today.AddDays(30));

        Assert.Equal((QuoteStatus.Draft, (DateOnly?)Today.AddDays(30), PriceApprovalState.NotRequired), (quote.Status, quote.ValidUntil, quote.ApprovalState));
        Assert.Equal("Quote.ValidUntilBeforeDate", Refusal(() => _ = new Quote("QT2", CustomerId, OrgUnitId, Zhang, Today, Today.AddDays(-1))));
        Assert.Equal(Today, new Quote("QT3", CustomerId, OrgUnitId, Zhang, Today, Today).ValidUntil);
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void AllowedTransitionMovesTheQuote(QuoteStatus from, QuoteStatus to)
    {
        var quote = InStatus(from);

        Move(quote, to);

        Assert.Equal(to, quote.Status);
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void RefusedTransitionThrowsNamingBothStatesAndChangesNothing(QuoteStatus from, QuoteStatus to)
    {
        var quote = InStatus(from);
        var stamps = (quote.SentAt, quote.DecidedAt, quote.OrderId);

        var error = Assert.Throws<DomainException>(() => Move(quote, to));

        Assert.Equal("Quote.StatusTransitionNotAllowed", error.Code);
        Assert.Equal([from, to], error.Arguments.Cast<QuoteStatus>());
        Assert.Equal(from, quote.Status);
        Assert.Equal(stamps, (quote.SentAt, quote.DecidedAt, quote.OrderId));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void CanMoveToAnswersFromTheSameTable(QuoteStatus from, QuoteStatus to)
    {
        Assert.Equal(Allowed.Contains((from, to)), InStatus(from).CanMoveTo(to));
    }

    [Fact]
    public void SendingAndTheCustomersDecisionAreStamped()
    {
        var accepted = InStatus(QuoteStatus.Draft);
        var rejected = InStatus(QuoteStatus.Draft);

        accepted.Send(Now);
        rejected.Send(Now);
        accepted.Accept(MoveAt);
        rejected.Reject(MoveAt.AddDays(1));

        Assert.Equal(((DateTimeOffset?)Now, (DateTimeOffset?)MoveAt), (accepted.SentAt, accepted.DecidedAt));
        Assert.Equal(MoveAt.AddDays(1), rejected.DecidedAt);
    }

    [Fact]
    public void QuoteWithoutLinesCannotBeSent()
    {
        var quote = Quote();

        Assert.Equal("SalesDocument.NoLines", Refusal(() => quote.Send(Now)));
        Assert.Equal((QuoteStatus.Draft, (DateTimeOffset?)null), (quote.Status, quote.SentAt));
    }

    [Fact]
    public void QuoteBelowTheFloorIsSentOnlyOnceApproved()
    {
        var quote = Quote();
        quote.AddLine(Product(1), 2, PriceType.List, 70m, 0m);

        Assert.Equal("SalesDocument.ApprovalRequired", Refusal(() => quote.Send(Now)));
        quote.RequestApproval();
        Assert.Equal("SalesDocument.ApprovalPending", Refusal(() => quote.Send(Now)));
        quote.DecideApproval(false);
        Assert.Equal("SalesDocument.ApprovalRequired", Refusal(() => quote.Send(Now)));
        Assert.Equal(QuoteStatus.Draft, quote.Status);
        quote.RequestApproval();
        quote.DecideApproval(true);
        quote.Send(Now);

        Assert.Equal(QuoteStatus.Sent, quote.Status);
    }

    [Theory]
    [MemberData(nameof(NotDraft))]
    public void QuoteOutOfDraftCannotBeEdited(QuoteStatus status)
    {
        var quote = InStatus(status);

        Assert.Equal("Quote.NotDraft", Refusal(() => quote.AddLine(Product(2), 1, PriceType.List, null, 0m)));
        Assert.Equal("Quote.NotDraft", Refusal(() => quote.RemoveLine(1)));
        Assert.Equal("Quote.NotDraft", Refusal(() => quote.UpdateHeader(null, Today, null, "改", [])));
        Assert.Single(quote.Lines);
        Assert.Null(quote.Remarks);
    }

    [Fact]
    public void RevisedQuoteIsEditableAgainAndAChangedLineNeedsANewApproval()
    {
        var quote = Quote();
        quote.AddLine(Product(1), 2, PriceType.List, 70m, 0m);
        quote.RequestApproval();
        quote.DecideApproval(true);
        quote.Send(Now);

        quote.Revise();
        quote.AddLine(Product(2), 1, PriceType.List, null, 0m);

        Assert.Equal((QuoteStatus.Draft, PriceApprovalState.Required), (quote.Status, quote.ApprovalState));
        Assert.Equal("SalesDocument.ApprovalRequired", Refusal(() => quote.Send(Now)));
    }

    [Fact]
    public void ConversionMakesADraftOrderWithTheSameLinesAndPrices()
    {
        var product = Product(1);
        product.SetPrice(PriceType.Promotion, 90m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 15), Manager, Now);
        var quote = new Quote("QT202603100001", CustomerId, OrgUnitId, Zhang, Today, Today.AddDays(10));
        TestIds.Set(quote, 17);
        quote.UpdateHeader(contactId: 12, Today, Today.AddDays(10), "含安装", []);
        quote.AddLine(product, 2, PriceType.Promotion, null, 5m);
        quote.AddLine(Product(2, "罗技 MX Keys", list: 50m, floor: 40m), 3, PriceType.List, 48m, 0m);
        quote.Send(Now);
        quote.Accept(Now);

        // The order date is after the promotion: the quoted prices still hold.
        var order = quote.ConvertToOrder("SO202603200001", new DateOnly(2026, 3, 20), WarehouseId, " 上海市徐汇区 ");

        Assert.Equal(QuoteStatus.Converted, quote.Status);
        Assert.Equal(("SO202603200001", OrderStatus.Draft, new DateOnly(2026, 3, 20), WarehouseId, "上海市徐汇区", (int?)17),
            (order.Number, order.Status, order.Date, order.WarehouseId, order.DeliveryAddress, order.QuoteId));
        Assert.Equal((CustomerId, OrgUnitId, Zhang, (int?)12, "含安装"), (order.CustomerId, order.OrgUnitId, order.SalesmanId, order.ContactId, order.Remarks));
        Assert.Equal(quote.Lines.Select(Pricing), order.Lines.Select(Pricing));
        Assert.Equal(171m + 144m, quote.Total);
        Assert.Equal(quote.Total, order.Total);
        Assert.Equal(PriceApprovalState.NotRequired, order.ApprovalState);
    }

    [Fact]
    public void OrderFromAnApprovedQuoteInheritsTheApprovalAndCanBeConfirmed()
    {
        var quote = Quote();
        quote.AddLine(Product(1), 2, PriceType.List, 70m, 0m);
        quote.RequestApproval();
        quote.DecideApproval(true);
        quote.Send(Now);
        quote.Accept(Now);

        var order = quote.ConvertToOrder("SO202603100009", Today, WarehouseId, null);
        TestIds.Set(order, 43);
        var level = Stock(1, onHand: 5);
        order.Confirm(StockOf(level), Zhang, Now);

        Assert.Equal((PriceApprovalState.Approved, OrderStatus.Confirmed, 2), (order.ApprovalState, order.Status, level.Reserved));
    }

    [Fact]
    public void OrderFromAQuoteNeedsApprovalAgainWhenItsLinesChange()
    {
        var quote = Quote();
        quote.AddLine(Product(1), 2, PriceType.List, 70m, 0m);
        quote.RequestApproval();
        quote.DecideApproval(true);
        quote.Send(Now);
        quote.Accept(Now);
        var order = quote.ConvertToOrder("SO202603100009", Today, WarehouseId, null);

        order.AddLine(Product(2), 1, PriceType.List, null, 0m);

        Assert.Equal(PriceApprovalState.Required, order.ApprovalState);
    }

    [Fact]
    public void ConvertedQuoteIsLinkedToItsOrderOnceSaved()
    {
        var quote = InStatus(QuoteStatus.Accepted);
        Assert.Equal("Quote.NotConverted", Refusal(() => quote.LinkOrder(43)));

        quote.ConvertToOrder("SO202603100009", Today, WarehouseId, null);
        quote.LinkOrder(43);

        Assert.Equal(43, quote.OrderId);
    }

    [Fact]
    public void ValidityBeforeTheQuoteDateIsRefusedOnEdit()
    {
        var quote = Quote();

        Assert.Equal("Quote.ValidUntilBeforeDate", Refusal(() => quote.UpdateHeader(null, Today, Today.AddDays(-1), null, [])));
        Assert.Null(quote.ValidUntil);
    }

    private static object Pricing(SalesLine l) =>
        (l.LineNo, l.ProductId, l.ProductCode, l.ProductName, l.Quantity, l.PriceType, l.AppliedPriceType, l.UnitPrice, l.IsPriceOverridden, l.DiscountPercent, l.FloorPrice, l.Amount);
}
