using Crm.Domain.Common;
using P = Crm.Domain.Organization.Permissions;

namespace Crm.Domain.Organization;

/// <summary>The three roles every installation starts with (SPEC §1) and the permissions they start with.</summary>
public static class BuiltInRoles
{
    public const string Administrator = "Administrator";
    public const string Manager = "Manager";
    public const string Salesman = "Salesman";

    /// <summary>The administrator role can never lose these, or nobody could manage access any more.</summary>
    public static IReadOnlyList<string> AdministratorLockedPermissions { get; } = [P.Users.Manage, P.Roles.Manage];

    private static readonly string[] SalesmanPermissions =
    [
        P.Customers.View, P.Customers.Create, P.Customers.Edit, P.Customers.Archive, P.Customers.Pool,
        P.Customers.Import, P.Customers.Export,
        P.Opportunities.View, P.Opportunities.Edit,
        P.Campaigns.View, P.Competitors.View, P.Products.View,
        P.Orders.View, P.Orders.Edit, P.Returns.View, P.Returns.Edit,
        P.Service.View, P.Service.Edit, P.Knowledge.View,
    ];

    private static readonly string[] ManagerPermissions =
    [
        .. SalesmanPermissions,
        P.Customers.Assign, P.Customers.Merge, P.Customers.ConfirmChurn,
        P.Opportunities.Assign, P.Campaigns.Manage, P.Competitors.Manage,
        P.Orders.Approve, P.Returns.Approve, P.Service.Assign, P.Knowledge.Manage,
        P.Reports.View,
    ];

    public static IReadOnlyList<BuiltInRole> All { get; } =
    [
        new(Administrator, DataScope.All, P.All),
        new(Manager, DataScope.OrgUnitSubtree, ManagerPermissions),
        new(Salesman, DataScope.Own, SalesmanPermissions),
    ];
}

public sealed record BuiltInRole(string Name, DataScope Scope, IReadOnlyList<string> Permissions);
