using System.Reflection;

namespace Crm.Domain.Organization;

/// <summary>
/// Every permission of the product, as the string stored in a role claim and used as the authorization
/// policy name. Roles are bundles of these (SPEC §1); code checks permissions, never role names.
/// </summary>
public static class Permissions
{
    public const string ClaimType = "permission";

    public static class Customers
    {
        public const string View = "Customers.View";
        public const string Create = "Customers.Create";
        public const string Edit = "Customers.Edit";
        public const string Archive = "Customers.Archive";
        public const string Assign = "Customers.Assign";
        public const string Merge = "Customers.Merge";
        public const string Import = "Customers.Import";
        public const string Export = "Customers.Export";
        public const string Pool = "Customers.Pool";
        public const string ConfirmChurn = "Customers.ConfirmChurn";
    }

    public static class Opportunities
    {
        public const string View = "Opportunities.View";
        public const string Edit = "Opportunities.Edit";
        public const string Assign = "Opportunities.Assign";
    }

    public static class Campaigns
    {
        public const string View = "Campaigns.View";
        public const string Manage = "Campaigns.Manage";
    }

    public static class Competitors
    {
        public const string View = "Competitors.View";
        public const string Manage = "Competitors.Manage";
    }

    public static class Products
    {
        public const string View = "Products.View";
        public const string Manage = "Products.Manage";
    }

    public static class Orders
    {
        public const string View = "Orders.View";
        public const string Edit = "Orders.Edit";
        public const string Approve = "Orders.Approve";
    }

    public static class Returns
    {
        public const string View = "Returns.View";
        public const string Edit = "Returns.Edit";
        public const string Approve = "Returns.Approve";
    }

    public static class Service
    {
        public const string View = "Service.View";
        public const string Edit = "Service.Edit";
        public const string Assign = "Service.Assign";
    }

    public static class Knowledge
    {
        public const string View = "Knowledge.View";
        public const string Manage = "Knowledge.Manage";
    }

    public static class Reports
    {
        public const string View = "Reports.View";
    }

    public static class Users
    {
        public const string Manage = "Users.Manage";
    }

    public static class Roles
    {
        public const string Manage = "Roles.Manage";
    }

    public static class OrgUnits
    {
        public const string Manage = "OrgUnits.Manage";
    }

    public static class Dictionary
    {
        public const string Manage = "Dictionary.Manage";
    }

    public static class Settings
    {
        public const string Manage = "Settings.Manage";
    }

    public static class Audit
    {
        public const string View = "Audit.View";
    }

    public static class ApiTokens
    {
        public const string Manage = "ApiTokens.Manage";
    }

    /// <summary>Every permission, grouped by module (the nested class), in declaration order.</summary>
    public static IReadOnlyList<(string Module, IReadOnlyList<string> Permissions)> Groups { get; } =
        typeof(Permissions).GetNestedTypes(BindingFlags.Public | BindingFlags.Static)
            .Select(t => (t.Name, (IReadOnlyList<string>)t
                .GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToList()))
            .ToList();

    public static IReadOnlyList<string> All { get; } = Groups.SelectMany(g => g.Permissions).ToList();
}
