using System.Text.RegularExpressions;
using Crm.Domain.Common;

namespace Crm.Domain.Customers;

/// <summary>
/// A customer in the archive (客户信息). Owned by a salesperson, or by nobody while in the public pool;
/// always in an org unit, which with the owner decides who may see it. Status changes only through the
/// methods below, each checked against <see cref="AllowedTransitions"/>.
/// </summary>
public sealed partial class Customer : AuditableEntity, IDataScoped
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 200;
    public const int AddressMaxLength = 200;
    public const int PostcodeMaxLength = 6;
    public const int PhoneMaxLength = 32;
    public const int WebsiteMaxLength = 200;
    public const int PersonNameMaxLength = 50;
    public const int BankNameMaxLength = 100;
    public const int BankAccountMaxLength = 40;
    public const int RemarksMaxLength = 2000;
    public const decimal MaxMoney = 999_999_999_999.99m;

    private static readonly Dictionary<CustomerStatus, CustomerStatus[]> AllowedTransitions = new()
    {
        [CustomerStatus.Prospect] = [CustomerStatus.Active, CustomerStatus.Archived],
        [CustomerStatus.Active] = [CustomerStatus.ChurnWarning, CustomerStatus.Archived],
        [CustomerStatus.ChurnWarning] = [CustomerStatus.Active, CustomerStatus.Churned, CustomerStatus.Archived],
        [CustomerStatus.Churned] = [CustomerStatus.Active, CustomerStatus.Archived],
        [CustomerStatus.Archived] = [],
    };

    private readonly List<CustomerPoolEvent> _poolEvents = [];

    private Customer()
    {
        Code = string.Empty;
        Name = string.Empty;
        NormalizedName = string.Empty;
    }

    public Customer(string code, CustomerProfile profile, int orgUnitId, Guid? ownerId, DateTimeOffset now)
        : this()
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > CodeMaxLength)
            throw new DomainException("Customer.CodeInvalid");
        Code = code;
        OrgUnitId = orgUnitId;
        OwnerId = ownerId;
        OwnerSince = ownerId is null ? null : now;
        Status = CustomerStatus.Prospect;
        UpdateProfile(profile);
    }

    /// <summary>Generated when created, unique, never changed.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>Key of duplicate detection (<see cref="CustomerNameNormalizer"/>).</summary>
    public string NormalizedName { get; private set; }

    public CustomerType Type { get; private set; }

    public CustomerStatus Status { get; private set; }

    /// <summary>The status to return to when an archived customer is restored.</summary>
    public CustomerStatus? StatusBeforeArchive { get; private set; }

    public int OrgUnitId { get; private set; }

    public Guid? OwnerId { get; private set; }

    public DateTimeOffset? OwnerSince { get; private set; }

    public int? LevelId { get; private set; }

    public int? IndustryId { get; private set; }

    public int? RegionId { get; private set; }

    public int? SourceId { get; private set; }

    /// <summary>满意度 1–5.</summary>
    public int? Satisfaction { get; private set; }

    /// <summary>信用度 1–5.</summary>
    public int? CreditRating { get; private set; }

    public string? Address { get; private set; }

    public string? Postcode { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>The phone's digits only (with a Chinese +86 prefix dropped), the second key of duplicate detection.</summary>
    public string? PhoneKey { get; private set; }

    public string? Fax { get; private set; }

    public string? Website { get; private set; }

    public string? CreditCode { get; private set; }

    public string? LegalRepresentative { get; private set; }

    /// <summary>注册资本, in yuan.</summary>
    public decimal? RegisteredCapital { get; private set; }

    /// <summary>年营业额, in yuan.</summary>
    public decimal? AnnualRevenue { get; private set; }

    public string? BankName { get; private set; }

    public string? BankAccount { get; private set; }

    public string? Remarks { get; private set; }

    public DateTimeOffset? LastInteractionAt { get; private set; }

    public DateTimeOffset? LastOrderAt { get; private set; }

    /// <summary>累计销售额: confirmed orders less cancelled ones and refunded returns, in yuan.</summary>
    public decimal LifetimeRevenue { get; private set; }

    /// <summary>Set when this customer was merged into another, which then holds everything it had.</summary>
    public int? MergedIntoId { get; private set; }

    public bool IsInPool => OwnerId is null;

    public IReadOnlyCollection<CustomerPoolEvent> PoolEvents => _poolEvents;

    public void UpdateProfile(CustomerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        EnsureEditable();
        var name = Required(profile.Name, NameMaxLength, "Customer.Name");
        var creditCode = Optional(profile.CreditCode, UnifiedSocialCreditCode.Length, "Customer.CreditCode");
        if (creditCode is not null)
        {
            if (profile.Type == CustomerType.Person)
                throw new DomainException("Customer.CreditCodeForCompaniesOnly");
            var check = UnifiedSocialCreditCode.Check(creditCode);
            if (!check.IsValid)
                throw CreditCodeError(check);
            creditCode = check.Code;
        }

        var postcode = Optional(profile.Postcode, PostcodeMaxLength, "Customer.Postcode");
        if (postcode is not null && !PostcodePattern().IsMatch(postcode))
            throw new DomainException("Customer.PostcodeInvalid");

        Name = name;
        NormalizedName = CustomerNameNormalizer.Normalize(name);
        Type = profile.Type;
        LevelId = profile.LevelId;
        IndustryId = profile.IndustryId;
        RegionId = profile.RegionId;
        SourceId = profile.SourceId;
        Satisfaction = Score(profile.Satisfaction, "Customer.Satisfaction");
        CreditRating = Score(profile.CreditRating, "Customer.CreditRating");
        Address = Optional(profile.Address, AddressMaxLength, "Customer.Address");
        Postcode = postcode;
        Phone = Optional(profile.Phone, PhoneMaxLength, "Customer.Phone");
        PhoneKey = PhoneKeyOf(Phone);
        Fax = Optional(profile.Fax, PhoneMaxLength, "Customer.Fax");
        Website = Optional(profile.Website, WebsiteMaxLength, "Customer.Website");
        CreditCode = creditCode;
        LegalRepresentative = Optional(profile.LegalRepresentative, PersonNameMaxLength, "Customer.LegalRepresentative");
        RegisteredCapital = Money(profile.RegisteredCapital, "Customer.RegisteredCapital");
        AnnualRevenue = Money(profile.AnnualRevenue, "Customer.AnnualRevenue");
        BankName = Optional(profile.BankName, BankNameMaxLength, "Customer.BankName");
        BankAccount = Optional(profile.BankAccount, BankAccountMaxLength, "Customer.BankAccount");
        Remarks = Optional(profile.Remarks, RemarksMaxLength, "Customer.Remarks");
    }

    /// <summary>A first order or a won opportunity makes a prospect active; a new order recovers a churning or churned customer.</summary>
    public void Activate() => MoveTo(CustomerStatus.Active);

    /// <summary>流失预警: no order for the configured number of months.</summary>
    public void WarnOfChurn() => MoveTo(CustomerStatus.ChurnWarning);

    /// <summary>确认流失, by a manager.</summary>
    public void ConfirmChurn() => MoveTo(CustomerStatus.Churned);

    /// <summary>"Deleting" a customer archives it: nothing is lost and a manager can restore it.</summary>
    public void Archive()
    {
        var before = Status;
        MoveTo(CustomerStatus.Archived);
        StatusBeforeArchive = before;
    }

    public void Restore()
    {
        if (Status != CustomerStatus.Archived)
            throw new DomainException("Customer.NotArchived");
        Status = StatusBeforeArchive ?? CustomerStatus.Prospect;
        StatusBeforeArchive = null;
    }

    /// <summary>
    /// Marks this customer as merged into <paramref name="target"/> and archives it; the caller moves the
    /// contacts, interactions, feedback and other records over in the same transaction.
    /// </summary>
    public void MergeInto(Customer target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (ReferenceEquals(target, this) || (target.Id != 0 && target.Id == Id))
            throw new DomainException("Customer.CannotMergeIntoItself");
        if (target.Status == CustomerStatus.Archived)
            throw new DomainException("Customer.MergeTargetArchived");
        EnsureEditable();
        target.RecordInteraction(LastInteractionAt ?? DateTimeOffset.MinValue);
        if (LastOrderAt is { } lastOrder)
            target.RecordOrder(lastOrder);
        target.LifetimeRevenue += LifetimeRevenue;
        LifetimeRevenue = 0;
        if (LastOrderAt is not null && target.Status == CustomerStatus.Prospect)
            target.MoveTo(CustomerStatus.Active);
        MergedIntoId = target.Id;
        Archive();
    }

    public void RecordInteraction(DateTimeOffset at)
    {
        if (at == DateTimeOffset.MinValue)
            return;
        if (LastInteractionAt is null || at > LastInteractionAt)
            LastInteractionAt = at;
    }

    /// <summary>
    /// A confirmed order: it counts in revenue, is the last order, makes a prospect active and recovers
    /// a churning or churned customer (the caller closes the open churn warning).
    /// </summary>
    public void RecordSale(decimal amount, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        EnsureEditable();
        LifetimeRevenue += amount;
        RecordOrder(at);
        if (Status is CustomerStatus.Prospect or CustomerStatus.ChurnWarning or CustomerStatus.Churned)
            MoveTo(CustomerStatus.Active);
    }

    /// <summary>A confirmed order was cancelled: its amount leaves revenue and the last order is the one before.</summary>
    public void ReverseSale(decimal amount, DateTimeOffset? lastOrderBefore)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        LifetimeRevenue -= amount;
        LastOrderAt = lastOrderBefore;
    }

    /// <summary>A refunded return counts negative in revenue.</summary>
    public void RecordRefund(decimal amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        LifetimeRevenue -= amount;
    }

    public void RecordOrder(DateTimeOffset at)
    {
        if (LastOrderAt is null || at > LastOrderAt)
            LastOrderAt = at;
    }

    /// <summary>The owner puts the customer into the public pool.</summary>
    public void ReleaseToPool(Guid byUserId, DateTimeOffset now, string? reason = null)
    {
        EnsureEditable();
        if (OwnerId is null)
            throw new DomainException("Customer.AlreadyInPool");
        _poolEvents.Add(new CustomerPoolEvent(PoolEventKind.Release, OwnerId, null, byUserId, now, reason));
        OwnerId = null;
        OwnerSince = null;
    }

    /// <summary>A rule returns the customer to the pool; the former owner is told by the caller.</summary>
    public void Recycle(DateTimeOffset now, string reason)
    {
        EnsureEditable();
        if (OwnerId is null)
            throw new DomainException("Customer.AlreadyInPool");
        _poolEvents.Add(new CustomerPoolEvent(PoolEventKind.Recycle, OwnerId, null, null, now, reason));
        OwnerId = null;
        OwnerSince = null;
    }

    /// <summary>
    /// A salesperson takes the customer from the pool. The caps (how many one may own, how many one may
    /// claim a day) depend on other customers and are checked by the caller before.
    /// </summary>
    public void Claim(Guid userId, DateTimeOffset now)
    {
        EnsureEditable();
        if (OwnerId is not null)
            throw new DomainException("Customer.NotInPool");
        _poolEvents.Add(new CustomerPoolEvent(PoolEventKind.Claim, null, userId, userId, now, null));
        OwnerId = userId;
        OwnerSince = now;
    }

    /// <summary>A manager gives the customer to a salesperson, from the pool or from its current owner.</summary>
    public void AssignTo(Guid userId, int orgUnitId, Guid byUserId, DateTimeOffset now, string? reason = null)
    {
        EnsureEditable();
        if (OwnerId == userId)
            throw new DomainException("Customer.AlreadyOwnedByUser");
        _poolEvents.Add(new CustomerPoolEvent(PoolEventKind.Assign, OwnerId, userId, byUserId, now, reason));
        OwnerId = userId;
        OwnerSince = now;
        OrgUnitId = orgUnitId;
    }

    public bool CanMoveTo(CustomerStatus status) => AllowedTransitions[Status].Contains(status);

    private void MoveTo(CustomerStatus status)
    {
        if (!CanMoveTo(status))
            throw new DomainException("Customer.StatusTransitionNotAllowed", Status, status);
        Status = status;
    }

    private void EnsureEditable()
    {
        if (Status == CustomerStatus.Archived)
            throw new DomainException("Customer.Archived");
    }

    private static DomainException CreditCodeError(CreditCodeCheck check) => check.Problem switch
    {
        CreditCodeProblem.WrongLength => new DomainException("Customer.CreditCodeLength", check.Position),
        CreditCodeProblem.InvalidCharacter => new DomainException("Customer.CreditCodeCharacter", check.Position, check.Actual),
        CreditCodeProblem.InvalidDivisionCode => new DomainException("Customer.CreditCodeDivision", check.Position, check.Actual),
        CreditCodeProblem.WrongCheckCharacter => new DomainException("Customer.CreditCodeCheckCharacter", check.Expected, check.Actual),
        _ => new DomainException("Customer.CreditCodeLength", 0),
    };

    public static string? PhoneKeyOf(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
            return null;
        var digits = new string(phone.Normalize(System.Text.NormalizationForm.FormKC).Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length >= 13)
            digits = digits[2..];
        return digits.Length >= 7 ? digits : null;
    }

    private static string Required(string? value, int max, string field)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainException("Customer.Required", field);
        return trimmed.Length <= max ? trimmed : throw new DomainException("Customer.TooLong", field, max);
    }

    private static string? Optional(string? value, int max, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        return trimmed.Length <= max ? trimmed : throw new DomainException("Customer.TooLong", field, max);
    }

    private static int? Score(int? value, string field) =>
        value is null or (>= 1 and <= 5) ? value : throw new DomainException("Customer.ScoreOutOfRange", field);

    private static decimal? Money(decimal? value, string field) =>
        value is null or (>= 0 and <= MaxMoney) ? value : throw new DomainException("Customer.MoneyOutOfRange", field);

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex PostcodePattern();
}
