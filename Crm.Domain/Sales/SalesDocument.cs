using Crm.Domain.Common;
using Crm.Domain.Customers;

namespace Crm.Domain.Sales;

/// <summary>
/// What quotes and orders share: a customer, the salesperson and org unit it is sold by, a date that
/// prices the lines, the lines and their total, and the state of the manager's approval of lines below
/// the floor price (审批). Any change of lines renews the need for approval.
/// </summary>
public abstract class SalesDocument<TLine> : AuditableEntity, ICustomerOwned
    where TLine : SalesLine
{
    public const int NumberMaxLength = 20;
    public const int AddressMaxLength = 200;
    public const int RemarksMaxLength = 1000;
    public const int MaxLines = 200;

    private protected readonly List<TLine> _lines = [];

    private protected SalesDocument()
    {
        Number = string.Empty;
    }

    private protected SalesDocument(string number, int customerId, int orgUnitId, Guid salesmanId, DateOnly date)
        : this()
    {
        Number = Text.Required(number, NumberMaxLength, "SalesDocument.Number");
        CustomerId = customerId;
        OrgUnitId = orgUnitId;
        SalesmanId = salesmanId;
        Date = date;
    }

    public string Number { get; private set; }

    public int CustomerId { get; private set; }

    public int? ContactId { get; private set; }

    /// <summary>The salesperson it is sold by (and credited to in statistics).</summary>
    public Guid SalesmanId { get; private set; }

    /// <summary>The salesperson's org unit when it was created; statistics roll up by it.</summary>
    public int OrgUnitId { get; private set; }

    /// <summary>The quote or order date, which decides the prices valid for its lines.</summary>
    public DateOnly Date { get; private set; }

    public string? Remarks { get; private set; }

    public decimal Total { get; private set; }

    public PriceApprovalState ApprovalState { get; private set; }

    public IReadOnlyList<TLine> Lines => _lines;

    public bool NeedsApproval => _lines.Any(l => l.IsBelowFloor);

    /// <summary>Lines below the floor price wait for a manager; otherwise the document may go ahead.</summary>
    public bool IsPriceCleared => ApprovalState is PriceApprovalState.NotRequired or PriceApprovalState.Approved;

    protected abstract bool IsEditable { get; }

    protected abstract string NotEditableCode { get; }

    /// <summary>
    /// Changes the header; a new date prices the lines again from <paramref name="products"/> (the
    /// products of the lines), because prices are those valid on the document's date.
    /// </summary>
    protected void SetHeader(int? contactId, DateOnly date, string? remarks, IReadOnlyCollection<Product> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        EnsureEditable();
        var newRemarks = Text.Optional(remarks, RemarksMaxLength, "SalesDocument.Remarks");
        if (date != Date && _lines.Count > 0)
        {
            var productOf = _lines.Select(line => products.FirstOrDefault(p => p.Id == line.ProductId)
                ?? throw new InvalidOperationException($"Product {line.ProductId} of line {line.LineNo} was not given.")).ToList();
            for (var i = 0; i < _lines.Count; i++)
                _lines[i].Reprice(productOf[i], date);

            Date = date;
            LinesChanged();
        }

        Date = date;
        ContactId = contactId;
        Remarks = newRemarks;
    }

    public void RemoveLine(int lineNo)
    {
        EnsureEditable();
        var line = _lines.FirstOrDefault(l => l.LineNo == lineNo) ?? throw new DomainException("SalesDocument.LineNotFound", lineNo);
        _lines.Remove(line);
        LinesChanged();
    }

    /// <summary>Asks a manager to approve the lines below the floor price.</summary>
    public void RequestApproval()
    {
        EnsureEditable();
        if (ApprovalState != PriceApprovalState.Required && ApprovalState != PriceApprovalState.Rejected)
            throw new DomainException(ApprovalState == PriceApprovalState.Pending ? "SalesDocument.ApprovalAlreadyPending" : "SalesDocument.ApprovalNotRequired");
        ApprovalState = PriceApprovalState.Pending;
    }

    /// <summary>The manager's decision on the pending request.</summary>
    public void DecideApproval(bool approved)
    {
        if (ApprovalState != PriceApprovalState.Pending)
            throw new DomainException("SalesDocument.ApprovalNotPending");
        ApprovalState = approved ? PriceApprovalState.Approved : PriceApprovalState.Rejected;
    }

    protected int NextLineNo() => _lines.Count == 0 ? 1 : _lines.Max(l => l.LineNo) + 1;

    protected void AddLine(TLine line)
    {
        EnsureEditable();
        if (_lines.Count >= MaxLines)
            throw new DomainException("SalesDocument.TooManyLines", MaxLines);
        _lines.Add(line);
        LinesChanged();
    }

    /// <summary>
    /// Recomputes the total and the approval state. A changed document needs a new approval when it is
    /// (still) below the floor: an approval covers the lines it was given for, not later ones.
    /// </summary>
    protected void LinesChanged()
    {
        Total = _lines.Sum(l => l.Amount);
        ApprovalState = NeedsApproval ? PriceApprovalState.Required : PriceApprovalState.NotRequired;
    }

    /// <summary>An order made from an approved quote keeps the approval the quote's identical lines had.</summary>
    protected void InheritApproval(PriceApprovalState quoteState)
    {
        Total = _lines.Sum(l => l.Amount);
        ApprovalState = !NeedsApproval ? PriceApprovalState.NotRequired
            : quoteState == PriceApprovalState.Approved ? PriceApprovalState.Approved : PriceApprovalState.Required;
    }

    protected void EnsureEditable()
    {
        if (!IsEditable)
            throw new DomainException(NotEditableCode);
    }

    protected void EnsureHasLines()
    {
        if (_lines.Count == 0)
            throw new DomainException("SalesDocument.NoLines");
    }

    protected void EnsurePriceCleared()
    {
        if (!IsPriceCleared)
            throw new DomainException(ApprovalState == PriceApprovalState.Pending ? "SalesDocument.ApprovalPending" : "SalesDocument.ApprovalRequired");
    }
}
