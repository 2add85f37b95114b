using Crm.Infrastructure.Identity;
using Crm.Web.Navigation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Crm.Web.ViewComponents;

public sealed class SidebarViewComponent(ICurrentUser currentUser, IActionDescriptorCollectionProvider actions) : ViewComponent
{
    public IViewComponentResult Invoke()
    {
        // Conventional routes generate a URL for any controller name, so existence is checked against
        // the actions this build actually has.
        var existing = actions.ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Select(a => (Area: a.RouteValues.TryGetValue("area", out var area) ? area ?? string.Empty : string.Empty, a.ControllerName, a.ActionName))
            .ToHashSet();
        var groups = NavigationMenu.For(
            currentUser.HasPermission,
            item => existing.Contains((item.Area, item.Controller, item.Action))
                ? Url.Action(item.Action, item.Controller, new { area = item.Area })
                : null);
        var area = ViewContext.RouteData.Values["area"] as string;
        var controller = ViewContext.RouteData.Values["controller"] as string;
        return View(new SidebarViewModel(groups, area, controller));
    }
}

public sealed record SidebarViewModel(IReadOnlyList<VisibleNavGroup> Groups, string? CurrentArea, string? CurrentController)
{
    public bool IsCurrent(NavItem item) =>
        string.Equals(item.Area, CurrentArea, StringComparison.OrdinalIgnoreCase)
        && string.Equals(item.Controller, CurrentController, StringComparison.OrdinalIgnoreCase);
}
