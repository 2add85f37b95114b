namespace Crm.Tests.Web;

/// <summary>
/// The expected answer of every GET route of the app for each identity, in the order of
/// <see cref="RouteMatrix.Identities"/>: anonymous, zhang.wei, li.na, manager.east, manager.north, admin.
/// Every module adds its rows here; a GET endpoint without a row fails <see cref="AuthorizationMatrixTests"/>.
/// </summary>
/// <remarks>
/// <c>Action</c> names the endpoint ("Area/Controller/Action", or the route pattern for non-MVC
/// endpoints). <c>Url</c> is what is requested; placeholders are resolved against the demo data:
/// <c>{user:zhang.wei}</c> (user id), <c>{role:Salesman}</c> (role id), <c>{unit:销售一组}</c> (org unit id),
/// <c>{dict:Region/310000}</c> (dictionary item id), <c>{customer:zhang.wei}</c> (the first customer owned by that user),
/// <c>{contact:zhang.wei}</c> and <c>{interaction:zhang.wei}</c> (the first contact / interaction of that customer).
/// <c>{importjob:zhang.wei/Queued}</c> (an import job of that user in that state, created when missing).
/// <c>{order:zhang.wei}</c> (a draft order of his first customer) and <c>{quote:zhang.wei/Accepted}</c> (a quote in that
/// state, Draft when not given), created when missing.
/// <c>{product:BG1001}</c> (product by code), <c>{category:打印机}</c> (product category by name), <c>{warehouse:SH01}</c> (warehouse by code).
/// <c>{servicerequest:zhang.wei}</c> (an unassigned service request he created for a customer of his), <c>{article:any}</c> (a knowledge article), created when missing.
/// <c>{shippedorder:zhang.wei}</c>, <c>{return:zhang.wei}</c>, <c>{churn:zhang.wei}</c> (a shipped order, a return, a churn
/// warning of a customer of that user; arranged with <see cref="Crm.Tests.Support.SalesArrange"/> when missing).
/// <c>{opportunity:zhang.wei}</c> (an open opportunity that user created and still owns, created when missing).
/// <c>{campaign:first}</c>, <c>{competitor:first}</c> (the first campaign / competitor, created when there is none) and
/// <c>{competitorproduct:first}</c> (<c>competitorId?productId=</c> of the first competitor product, likewise).
/// <c>{complaint:zhang.wei}</c> (an open quality complaint), <c>{visit:zhang.wei}</c> (a planned return visit), <c>{contract:zhang.wei}</c>
/// (a service contract) of a customer of that user, created when missing (<see cref="Crm.Tests.Support.ServiceRecordArrange"/>).
/// 302 from anonymous means "sent to the login page".
/// </remarks>
public static class RouteMatrix
{
    public static readonly string?[] Identities = [null, "zhang.wei", "li.na", "manager.east", "manager.north", "admin"];

    private const int Ok = 200;
    private const int Login = 302;
    private const int Redirect = 302;
    private const int Forbidden = 403;
    private const int NotFound = 404;

    public static readonly IReadOnlyList<Row> Rows =
    [
        // Shell
        new("Home/Index", "/", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Account/Login", "/Account/Login", [Ok, Redirect, Redirect, Redirect, Redirect, Redirect]),
        new("Account/ChangePassword", "/Account/ChangePassword", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Account/AccessDenied", "/Account/AccessDenied", [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        new("Error/Index", "/Error/404", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        new("/health/live", "/health/live", [Ok, Ok, Ok, Ok, Ok, Ok]),
        new("/health/ready", "/health/ready", [Ok, Ok, Ok, Ok, Ok, Ok]),
        new("Reminders/Index", "/Reminders", [Login, Ok, Ok, Ok, Ok, Ok]),

        // Customers: zhang.wei's customer is visible to him, his managers up the tree and the administrator only.
        new("Customers/Customers/Index", "/Customers/Customers", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Customers/Customers/Details", "/Customers/Customers/Details/{customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Customers/Customers/Create", "/Customers/Customers/Create", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Customers/Customers/Edit", "/Customers/Customers/Edit/{customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Customers/Contacts/Create", "/Customers/Contacts/Create?customerId={customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Customers/Contacts/Edit", "/Customers/Contacts/Edit/{contact:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Customers/Interactions/Create", "/Customers/Interactions/Create?customerId={customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Customers/Interactions/Edit", "/Customers/Interactions/Edit/{interaction:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Customers/Feedback/Index", "/Customers/Feedback?customerId={customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Customers/Feedback/Create", "/Customers/Feedback/Create?customerId={customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Customers/Tasks/Index", "/Customers/Tasks", [Login, Ok, Ok, Ok, Ok, Ok]),
        // Merging is for managers: salespeople are refused, a manager of another company finds nothing.
        new("Customers/Merge/Index", "/Customers/Merge?sourceId={customer:zhang.wei}", [Login, Forbidden, Forbidden, Ok, NotFound, Ok]),

        // Public pool: everyone with Customers.Pool opens it; which customers it lists differs by identity
        // (a salesperson: his company's unowned customers; managers: their subtree's; admin: all), see PoolPageTests.
        new("Customers/Pool/Index", "/Customers/Pool", [Login, Ok, Ok, Ok, Ok, Ok]),

        // Customer export and import: an import job is its uploader's alone, even for managers and the administrator.
        new("Customers/Export/Index", "/Customers/Export?format=csv", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Customers/Imports/Index", "/Customers/Imports", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Customers/Imports/Template", "/Customers/Imports/Template?format=xlsx", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Customers/Imports/Preview", "/Customers/Imports/Preview/{importjob:zhang.wei/Uploaded}", [Login, Ok, NotFound, NotFound, NotFound, NotFound]),
        new("Customers/Imports/Details", "/Customers/Imports/Details/{importjob:zhang.wei/Queued}", [Login, Ok, NotFound, NotFound, NotFound, NotFound]),
        new("Customers/Imports/Status", "/Customers/Imports/Status/{importjob:zhang.wei/Queued}", [Login, Ok, NotFound, NotFound, NotFound, NotFound]),
        new("Customers/Imports/Errors", "/Customers/Imports/Errors/{importjob:zhang.wei/Queued}", [Login, Ok, NotFound, NotFound, NotFound, NotFound]),

        // Sales: quotes and orders are visible through their customer, so zhang.wei's are his, his managers'
        // up the tree and the administrator's only; {order:…} is a draft order, {quote:…/State} a quote in that state.
        new("Sales/Orders/Index", "/Sales/Orders", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Orders/Export", "/Sales/Orders/Export?format=csv", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Orders/Details", "/Sales/Orders/Details/{order:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Sales/Orders/Print", "/Sales/Orders/Print/{order:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Sales/Orders/Create", "/Sales/Orders/Create", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Orders/Create", "/Sales/Orders/Create?customerId={customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Sales/Orders/Edit", "/Sales/Orders/Edit/{order:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Sales/Quotes/Index", "/Sales/Quotes", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Quotes/Export", "/Sales/Quotes/Export?format=xlsx", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Quotes/Details", "/Sales/Quotes/Details/{quote:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Sales/Quotes/Print", "/Sales/Quotes/Print/{quote:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Sales/Quotes/Create", "/Sales/Quotes/Create", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Quotes/Create", "/Sales/Quotes/Create?customerId={customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Sales/Quotes/Edit", "/Sales/Quotes/Edit/{quote:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Sales/Quotes/Convert", "/Sales/Quotes/Convert/{quote:zhang.wei/Accepted}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        // The approvals to-do list needs a permission to decide (Orders.Approve or Returns.Approve): salespeople are refused.
        new("Approvals/Index", "/Approvals", [Login, Forbidden, Forbidden, Ok, Ok, Ok]),
        // Sales catalogue and stock: everyone who sells sees products, stock, warehouses and the price-type
        // setting; only the administrator (Products.Manage) changes them. Products are not data-scoped.
        new("Sales/Products/Index", "/Sales/Products", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Products/Details", "/Sales/Products/Details/{product:BG1001}", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Products/Export", "/Sales/Products/Export?format=csv", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Products/Create", "/Sales/Products/Create", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/Products/Edit", "/Sales/Products/Edit/{product:BG1001}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/Products/Prices", "/Sales/Products/Prices/{product:BG1001}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/ProductCategories/Index", "/Sales/ProductCategories", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/ProductCategories/Create", "/Sales/ProductCategories/Create?parentId={category:打印机}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/ProductCategories/Edit", "/Sales/ProductCategories/Edit/{category:打印机}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/ProductCategories/Move", "/Sales/ProductCategories/Move/{category:打印机}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/ProductCategories/Delete", "/Sales/ProductCategories/Delete/{category:打印机}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/Warehouses/Index", "/Sales/Warehouses", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Warehouses/Create", "/Sales/Warehouses/Create", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/Warehouses/Edit", "/Sales/Warehouses/Edit/{warehouse:SH01}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/Inventory/Index", "/Sales/Inventory", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Inventory/LowStock", "/Sales/Inventory/LowStock", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Inventory/Movements", "/Sales/Inventory/Movements?productId={product:BG1001}", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Inventory/Receive", "/Sales/Inventory/Receive?productId={product:BG1001}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/Inventory/Adjust", "/Sales/Inventory/Adjust?productId={product:BG1001}&warehouseId={warehouse:SH01}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Sales/PriceTypes/Index", "/Sales/PriceTypes", [Login, Ok, Ok, Ok, Ok, Ok]),
        // Returns: zhang.wei's return (and the return form of his shipped order) is his, his managers' up the tree and the administrator's.
        // Service requests: zhang.wei's request (created by him, not yet assigned) is his, his managers' up the tree and
        // the administrator's; the customer picker and the lists are everyone's with Service.View / Service.Edit.
        new("Service/Requests/Index", "/Service/Requests", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/Requests/Index", "/Service/Requests?view=assign", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/Requests/Export", "/Service/Requests/Export?format=csv", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/Requests/Details", "/Service/Requests/Details/{servicerequest:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Service/Requests/Create", "/Service/Requests/Create", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/Requests/Create", "/Service/Requests/Create?customerId={customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Service/Requests/Edit", "/Service/Requests/Edit/{servicerequest:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        // Knowledge base: everyone reads; managers and the administrator (Knowledge.Manage) write.
        new("Service/Knowledge/Index", "/Service/Knowledge", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/Knowledge/Details", "/Service/Knowledge/Details/{article:any}", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/Knowledge/Create", "/Service/Knowledge/Create", [Login, Forbidden, Forbidden, Ok, Ok, Ok]),
        new("Service/Knowledge/Edit", "/Service/Knowledge/Edit/{article:any}", [Login, Forbidden, Forbidden, Ok, Ok, Ok]),

        new("Sales/Returns/Index", "/Sales/Returns", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Returns/Export", "/Sales/Returns/Export?format=csv", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Sales/Returns/Details", "/Sales/Returns/Details/{return:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Sales/Returns/Create", "/Sales/Returns/Create?orderId={shippedorder:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),

        // Churn warnings are visible with their customer.
        new("Customers/Churn/Index", "/Customers/Churn", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Customers/Churn/Export", "/Customers/Churn/Export?format=csv", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Customers/Churn/Details", "/Customers/Churn/Details/{churn:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        // Marketing: zhang.wei's own opportunity is visible to him, his managers up the tree and the administrator only.
        new("Marketing/Opportunities/Index", "/Marketing/Opportunities", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Marketing/Opportunities/Details", "/Marketing/Opportunities/Details/{opportunity:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Marketing/Opportunities/Create", "/Marketing/Opportunities/Create", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Marketing/Opportunities/Edit", "/Marketing/Opportunities/Edit/{opportunity:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Marketing/Opportunities/Export", "/Marketing/Opportunities/Export?format=csv", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Marketing/Pipeline/Index", "/Marketing/Pipeline", [Login, Ok, Ok, Ok, Ok, Ok]),
        // Marketing: campaigns and competitors are company-wide, seen by all and managed by managers and the
        // administrator; stage probabilities are a system setting (administrator).
        new("Marketing/Campaigns/Index", "/Marketing/Campaigns", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Marketing/Campaigns/Export", "/Marketing/Campaigns/Export?format=csv", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Marketing/Campaigns/Details", "/Marketing/Campaigns/Details/{campaign:first}", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Marketing/Campaigns/Create", "/Marketing/Campaigns/Create", [Login, Forbidden, Forbidden, Ok, Ok, Ok]),
        new("Marketing/Campaigns/Edit", "/Marketing/Campaigns/Edit/{campaign:first}", [Login, Forbidden, Forbidden, Ok, Ok, Ok]),
        new("Marketing/Competitors/Index", "/Marketing/Competitors", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Marketing/Competitors/Export", "/Marketing/Competitors/Export?format=xlsx", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Marketing/Competitors/Details", "/Marketing/Competitors/Details/{competitor:first}", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Marketing/Competitors/Compare", "/Marketing/Competitors/Compare", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Marketing/Competitors/Create", "/Marketing/Competitors/Create", [Login, Forbidden, Forbidden, Ok, Ok, Ok]),
        new("Marketing/Competitors/Edit", "/Marketing/Competitors/Edit/{competitor:first}", [Login, Forbidden, Forbidden, Ok, Ok, Ok]),
        new("Marketing/Competitors/EditProduct", "/Marketing/Competitors/EditProduct/{competitorproduct:first}", [Login, Forbidden, Forbidden, Ok, Ok, Ok]),
        new("Marketing/StageSettings/Index", "/Marketing/StageSettings", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),

        // Service (svc2): complaints, visits and contracts are visible with their customer; everyone has Service.View and Service.Edit.
        new("Service/QualityComplaints/Index", "/Service/QualityComplaints", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/QualityComplaints/Export", "/Service/QualityComplaints/Export?format=csv", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/QualityComplaints/ByProduct", "/Service/QualityComplaints/ByProduct", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/QualityComplaints/Details", "/Service/QualityComplaints/Details/{complaint:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Service/QualityComplaints/Create", "/Service/QualityComplaints/Create?customerId={customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Service/QualityComplaints/Edit", "/Service/QualityComplaints/Edit/{complaint:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Service/Visits/Index", "/Service/Visits?scope=all", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/Visits/Details", "/Service/Visits/Details/{visit:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Service/Visits/Create", "/Service/Visits/Create?customerId={customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Service/Visits/Record", "/Service/Visits/Record/{visit:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Service/Visits/Reschedule", "/Service/Visits/Reschedule/{visit:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Service/Visits/Export", "/Service/Visits/Export?format=csv&scope=all", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/Contracts/Index", "/Service/Contracts", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/Contracts/Export", "/Service/Contracts/Export?format=csv", [Login, Ok, Ok, Ok, Ok, Ok]),
        new("Service/Contracts/Details", "/Service/Contracts/Details/{contract:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Service/Contracts/Create", "/Service/Contracts/Create?customerId={customer:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),
        new("Service/Contracts/Edit", "/Service/Contracts/Edit/{contract:zhang.wei}", [Login, Ok, NotFound, Ok, NotFound, Ok]),

        // System management
        new("Admin/Audit/Index", "/Admin/Audit", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Settings/Index", "/Admin/Settings", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Users/Index", "/Admin/Users", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Users/Create", "/Admin/Users/Create", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Users/Edit", "/Admin/Users/Edit/{user:zhang.wei}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Users/ResetPassword", "/Admin/Users/ResetPassword/{user:zhang.wei}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Roles/Index", "/Admin/Roles", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Roles/Create", "/Admin/Roles/Create", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Roles/Edit", "/Admin/Roles/Edit/{role:Salesman}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Roles/Permissions", "/Admin/Roles/Permissions", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/OrgUnits/Index", "/Admin/OrgUnits", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/OrgUnits/Create", "/Admin/OrgUnits/Create?parentId={unit:上海分公司}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/OrgUnits/Rename", "/Admin/OrgUnits/Rename/{unit:销售一组}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/OrgUnits/Move", "/Admin/OrgUnits/Move/{unit:销售一组}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/OrgUnits/Delete", "/Admin/OrgUnits/Delete/{unit:销售一组}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Dictionary/Index", "/Admin/Dictionary?category=Region", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Dictionary/Create", "/Admin/Dictionary/Create?category=Industry", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Dictionary/Edit", "/Admin/Dictionary/Edit/{dict:Region/310000}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        new("Admin/Dictionary/Delete", "/Admin/Dictionary/Delete/{dict:Region/310000}", [Login, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
    ];

    public sealed record Row(string Action, string Url, int[] Expected);
}
