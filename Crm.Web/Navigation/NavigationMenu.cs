using P = Crm.Domain.Organization.Permissions;

namespace Crm.Web.Navigation;

/// <summary>A menu entry; shown to users with <paramref name="Permission"/> or any of <paramref name="AlsoFor"/>.</summary>
public sealed record NavItem(string TextKey, string Icon, string Area, string Controller, string Permission, string Action = "Index", IReadOnlyList<string>? AlsoFor = null)
{
    public IEnumerable<string> Permissions => AlsoFor is null ? [Permission] : AlsoFor.Prepend(Permission);
}

public sealed record NavGroup(string TextKey, string Icon, IReadOnlyList<NavItem> Items);

/// <summary>
/// The modules of SPEC §2 as the sidebar shows them. An entry is shown when the user holds its
/// permission and its page exists in this build (the caller resolves the link), so a module appears in
/// the menu the day its controller lands and never as a dead link before.
/// </summary>
public static class NavigationMenu
{
    public static IReadOnlyList<NavGroup> Groups { get; } =
    [
        new("Nav.Marketing", "bi-megaphone",
        [
            new("Nav.Opportunities", "bi-lightbulb", "Marketing", "Opportunities", P.Opportunities.View),
            new("Nav.Pipeline", "bi-kanban", "Marketing", "Pipeline", P.Opportunities.View),
            new("Nav.Campaigns", "bi-broadcast", "Marketing", "Campaigns", P.Campaigns.View),
            new("Nav.Competitors", "bi-shield-shaded", "Marketing", "Competitors", P.Competitors.View),
            new("Nav.StageSettings", "bi-percent", "Marketing", "StageSettings", P.Settings.Manage),
        ]),
        new("Nav.Customers", "bi-people",
        [
            new("Nav.CustomerArchive", "bi-person-vcard", "Customers", "Customers", P.Customers.View),
            new("Nav.MyTasks", "bi-list-check", "Customers", "Tasks", P.Customers.View),
            new("Nav.Pool", "bi-water", "Customers", "Pool", P.Customers.Pool),
            new("Nav.CustomerImport", "bi-upload", "Customers", "Imports", P.Customers.Import),
            new("Nav.Churn", "bi-person-dash", "Customers", "Churn", P.Customers.View),
        ]),
        // Sales: the documents first (quotes → orders → returns), then the catalogue and stock they draw on,
        // then the catalogue's settings. A new page of the module goes to the part it belongs to.
        new("Nav.Sales", "bi-cart",
        [
            new("Nav.Quotes", "bi-file-earmark-text", "Sales", "Quotes", P.Orders.View),
            new("Nav.Orders", "bi-receipt", "Sales", "Orders", P.Orders.View),
            new("Nav.Returns", "bi-arrow-return-left", "Sales", "Returns", P.Returns.View),
            new("Nav.Approvals", "bi-check2-square", "", "Approvals", P.Orders.Approve, AlsoFor: [P.Returns.Approve]),
            new("Nav.Products", "bi-box-seam", "Sales", "Products", P.Products.View),
            new("Nav.Inventory", "bi-boxes", "Sales", "Inventory", P.Products.View),
            new("Nav.Warehouses", "bi-buildings", "Sales", "Warehouses", P.Products.View),
            new("Nav.ProductCategories", "bi-diagram-3", "Sales", "ProductCategories", P.Products.Manage),
            new("Nav.PriceTypes", "bi-tags", "Sales", "PriceTypes", P.Products.View),
        ]),
        new("Nav.Service", "bi-headset",
        [
            new("Nav.Requests", "bi-life-preserver", "Service", "Requests", P.Service.View),
            new("Nav.QualityComplaints", "bi-exclamation-diamond", "Service", "QualityComplaints", P.Service.View),
            new("Nav.Visits", "bi-telephone-outbound", "Service", "Visits", P.Service.View),
            new("Nav.Contracts", "bi-file-earmark-check", "Service", "Contracts", P.Service.View),
            new("Nav.Knowledge", "bi-journal-text", "Service", "Knowledge", P.Knowledge.View),
        ]),
        new("Nav.Statistics", "bi-graph-up",
        [
            new("Nav.Contribution", "bi-trophy", "Statistics", "Contribution", P.Reports.View),
            new("Nav.Composition", "bi-pie-chart", "Statistics", "Composition", P.Reports.View),
            new("Nav.ServiceAnalysis", "bi-clipboard-data", "Statistics", "Service", P.Reports.View),
            new("Nav.ChurnAnalysis", "bi-graph-down-arrow", "Statistics", "Churn", P.Reports.View),
            new("Nav.Funnel", "bi-funnel", "Statistics", "Funnel", P.Reports.View),
            new("Nav.Value", "bi-gem", "Statistics", "Value", P.Reports.View),
            new("Nav.Segments", "bi-diagram-3", "Statistics", "Segments", P.Reports.View),
            new("Nav.SalesAnalysis", "bi-bar-chart", "Statistics", "Sales", P.Reports.View),
        ]),
        new("Nav.Admin", "bi-gear",
        [
            new("Nav.Users", "bi-person-gear", "Admin", "Users", P.Users.Manage),
            new("Nav.Roles", "bi-ui-checks-grid", "Admin", "Roles", P.Roles.Manage),
            new("Nav.OrgUnits", "bi-diagram-2", "Admin", "OrgUnits", P.OrgUnits.Manage),
            new("Nav.Dictionary", "bi-book", "Admin", "Dictionary", P.Dictionary.Manage),
            new("Nav.Settings", "bi-sliders", "Admin", "Settings", P.Settings.Manage),
            new("Nav.Audit", "bi-clock-history", "Admin", "Audit", P.Audit.View),
            new("Nav.ApiTokens", "bi-key", "Admin", "ApiTokens", P.ApiTokens.Manage),
        ]),
    ];

    /// <summary>The groups and entries visible to a user; groups left empty are dropped.</summary>
    public static IReadOnlyList<VisibleNavGroup> For(Func<string, bool> hasPermission, Func<NavItem, string?> linkFor) =>
        Groups
            .Select(g => new VisibleNavGroup(g, g.Items
                .Where(i => i.Permissions.Any(hasPermission))
                .Select(i => (Item: i, Href: linkFor(i)))
                .Where(x => x.Href is not null)
                .Select(x => new VisibleNavItem(x.Item, x.Href!))
                .ToList()))
            .Where(g => g.Items.Count > 0)
            .ToList();
}

public sealed record VisibleNavItem(NavItem Item, string Href);

public sealed record VisibleNavGroup(NavGroup Group, IReadOnlyList<VisibleNavItem> Items);
