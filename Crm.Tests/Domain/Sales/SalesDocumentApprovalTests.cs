using Crm.Domain.Sales;
using static Crm.Tests.Domain.Sales.SalesTestData;

namespace Crm.Tests.Domain.Sales;

/// <summary>
/// The approval state of a document's prices (审批): a line below the floor needs a manager's approval,
/// the request is decided once, and any change of the lines after it asks for approval again.
/// </summary>
public sealed class SalesDocumentApprovalTests
{
    /// <summary>List 100.00, floor 80.00: a line typed at 70.00 is below the floor.</summary>
    private static Order BelowFloor()
    {
        var order = Order();
        order.AddLine(Product(1), 2, PriceType.List, 70m, 0m);
        return order;
    }

    private static Order InState(PriceApprovalState state)
    {
        var order = Order();
        if (state == PriceApprovalState.NotRequired)
        {
            order.AddLine(Product(1), 2, PriceType.List, null, 0m);
            return order;
        }

        order = BelowFloor();
        if (state == PriceApprovalState.Required)
            return order;
        order.RequestApproval();
        if (state != PriceApprovalState.Pending)
            order.DecideApproval(state == PriceApprovalState.Approved);
        return order;
    }

    [Fact]
    public void DocumentWithoutLinesNeedsNoApproval()
    {
        var order = Order();

        Assert.Equal((PriceApprovalState.NotRequired, false, true), (order.ApprovalState, order.NeedsApproval, order.IsPriceCleared));
    }

    [Fact]
    public void LinesAtOrAboveTheFloorNeedNoApproval()
    {
        var order = Order();

        order.AddLine(Product(1), 2, PriceType.List, null, 0m);
        order.AddLine(Product(2), 1, PriceType.List, 80m, 0m);

        Assert.Equal((PriceApprovalState.NotRequired, false, true), (order.ApprovalState, order.NeedsApproval, order.IsPriceCleared));
    }

    [Fact]
    public void LineBelowTheFloorRequiresApproval()
    {
        var order = BelowFloor();

        Assert.Equal((PriceApprovalState.Required, true, false), (order.ApprovalState, order.NeedsApproval, order.IsPriceCleared));
    }

    [Fact]
    public void DiscountTakingTheNetPriceBelowTheFloorRequiresApproval()
    {
        var quote = Quote();

        quote.AddLine(Product(1), 1, PriceType.List, null, 20.01m);

        Assert.Equal(PriceApprovalState.Required, quote.ApprovalState);
    }

    [Fact]
    public void RequestMakesTheApprovalPending()
    {
        var order = BelowFloor();

        order.RequestApproval();

        Assert.Equal((PriceApprovalState.Pending, false), (order.ApprovalState, order.IsPriceCleared));
    }

    [Fact]
    public void ApprovedDocumentIsCleared()
    {
        var order = InState(PriceApprovalState.Pending);

        order.DecideApproval(approved: true);

        Assert.Equal((PriceApprovalState.Approved, true), (order.ApprovalState, order.IsPriceCleared));
        Assert.True(order.NeedsApproval);
    }

    [Fact]
    public void RejectedDocumentIsNotClearedAndMayAskAgain()
    {
        var order = InState(PriceApprovalState.Pending);

        order.DecideApproval(approved: false);
        Assert.Equal((PriceApprovalState.Rejected, false), (order.ApprovalState, order.IsPriceCleared));
        order.RequestApproval();

        Assert.Equal(PriceApprovalState.Pending, order.ApprovalState);
    }

    [Theory]
    [InlineData(PriceApprovalState.NotRequired, "SalesDocument.ApprovalNotRequired")]
    [InlineData(PriceApprovalState.Approved, "SalesDocument.ApprovalNotRequired")]
    [InlineData(PriceApprovalState.Pending, "SalesDocument.ApprovalAlreadyPending")]
    public void RequestIsRefusedUnlessApprovalIsRequiredOrWasRejected(PriceApprovalState state, string code)
    {
        var order = InState(state);

        Assert.Equal(code, Refusal(order.RequestApproval));
        Assert.Equal(state, order.ApprovalState);
    }

    [Theory]
    [InlineData(PriceApprovalState.NotRequired)]
    [InlineData(PriceApprovalState.Required)]
    [InlineData(PriceApprovalState.Approved)]
    [InlineData(PriceApprovalState.Rejected)]
    public void OnlyAPendingRequestCanBeDecided(PriceApprovalState state)
    {
        var order = InState(state);

        Assert.Equal("SalesDocument.ApprovalNotPending", Refusal(() => order.DecideApproval(true)));
        Assert.Equal("SalesDocument.ApprovalNotPending", Refusal(() => order.DecideApproval(false)));
        Assert.Equal(state, order.ApprovalState);
    }

    [Fact]
    public void AddingALineAfterApprovalRequiresApprovalAgain()
    {
        var order = InState(PriceApprovalState.Approved);

        order.AddLine(Product(2), 1, PriceType.List, null, 0m);

        Assert.Equal((PriceApprovalState.Required, false), (order.ApprovalState, order.IsPriceCleared));
    }

    [Fact]
    public void RemovingALineAfterApprovalRequiresApprovalAgainWhileALineIsStillBelowTheFloor()
    {
        var order = InState(PriceApprovalState.Required);
        order.AddLine(Product(2), 1, PriceType.List, 60m, 0m);
        order.AddLine(Product(3), 1, PriceType.List, null, 0m);
        order.RequestApproval();
        order.DecideApproval(true);

        order.RemoveLine(3);

        Assert.Equal(PriceApprovalState.Required, order.ApprovalState);
    }

    [Fact]
    public void RemovingTheLastLineBelowTheFloorClearsTheDocument()
    {
        var order = InState(PriceApprovalState.Approved);
        order.AddLine(Product(2), 1, PriceType.List, null, 0m);

        order.RemoveLine(1);

        Assert.Equal((PriceApprovalState.NotRequired, true), (order.ApprovalState, order.IsPriceCleared));
    }

    [Fact]
    public void ChangingLinesWhileTheRequestIsPendingRequiresANewRequest()
    {
        var order = InState(PriceApprovalState.Pending);

        order.AddLine(Product(2), 1, PriceType.List, 50m, 0m);

        Assert.Equal(PriceApprovalState.Required, order.ApprovalState);
        Assert.Equal("SalesDocument.ApprovalNotPending", Refusal(() => order.DecideApproval(true)));
    }

    [Fact]
    public void NewDateRepricingTheLinesRequiresApprovalAgain()
    {
        var order = InState(PriceApprovalState.Approved);

        order.UpdateHeader(null, Today.AddDays(1), WarehouseId, null, null, [Product(1)]);

        Assert.Equal(PriceApprovalState.Required, order.ApprovalState);
    }

    [Fact]
    public void HeaderChangeWithoutNewDateKeepsTheApproval()
    {
        var order = InState(PriceApprovalState.Approved);

        order.UpdateHeader(contactId: 12, Today, WarehouseId, "北京市海淀区中关村大街 1 号", "加急", []);

        Assert.Equal(PriceApprovalState.Approved, order.ApprovalState);
        Assert.Equal((12, "北京市海淀区中关村大街 1 号", "加急"), (order.ContactId!.Value, order.DeliveryAddress, order.Remarks));
    }

    [Theory]
    [InlineData(PriceApprovalState.Required, "SalesDocument.ApprovalRequired")]
    [InlineData(PriceApprovalState.Pending, "SalesDocument.ApprovalPending")]
    [InlineData(PriceApprovalState.Rejected, "SalesDocument.ApprovalRequired")]
    public void ConfirmIsRefusedUntilThePricesAreCleared(PriceApprovalState state, string code)
    {
        var order = InState(state);
        var level = Stock(1, onHand: 10);
        var before = Snapshot(level);

        Assert.Equal(code, Refusal(() => order.Confirm(StockOf(level), Zhang, Now)));

        Assert.Equal((OrderStatus.Draft, (DateTimeOffset?)null), (order.Status, order.ConfirmedAt));
        Assert.Equal(before, Snapshot(level));
    }

    [Theory]
    [InlineData(PriceApprovalState.NotRequired)]
    [InlineData(PriceApprovalState.Approved)]
    public void ConfirmGoesAheadOnceThePricesAreCleared(PriceApprovalState state)
    {
        var order = InState(state);
        var level = Stock(1, onHand: 10);

        order.Confirm(StockOf(level), Zhang, Now);

        Assert.Equal((OrderStatus.Confirmed, 2), (order.Status, level.Reserved));
    }

    [Fact]
    public void ConfirmedOrderCannotAskForApproval()
    {
        var order = InState(PriceApprovalState.NotRequired);
        order.Confirm(StockOf(Stock(1, 10)), Zhang, Now);

        Assert.Equal("Order.NotDraft", Refusal(order.RequestApproval));
    }

    [Fact]
    public void QuoteFollowsTheSameApprovalRules()
    {
        var quote = Quote();
        quote.AddLine(Product(1), 1, PriceType.List, 70m, 0m);
        Assert.Equal(PriceApprovalState.Required, quote.ApprovalState);

        quote.RequestApproval();
        quote.DecideApproval(true);
        Assert.Equal(PriceApprovalState.Approved, quote.ApprovalState);
        quote.AddLine(Product(2), 1, PriceType.List, null, 0m);

        Assert.Equal(PriceApprovalState.Required, quote.ApprovalState);
    }
}
