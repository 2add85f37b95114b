using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Persistence;

namespace Crm.Web.Areas.Customers.Models;

/// <summary>One side of the merge screen.</summary>
public sealed record MergeSide(
    int Id, string Code, string Name, CustomerStatus Status, string? Owner, string OrgUnit, string? CreditCode, string? Phone,
    string? Address, DateTimeOffset CreatedAt, IReadOnlyList<Reference> Records);

/// <param name="TargetCode">The code typed to pick the target, echoed back.</param>
/// <param name="Duplicates">The source's duplicate matches the manager may open, as ready-made targets.</param>
public sealed record MergeViewModel(
    MergeSide Source, MergeSide? Target, string? TargetCode, IReadOnlyList<DuplicateMatch> Duplicates, string? Problem);
