using Crm.Infrastructure.Identity;
using Crm.Web.Authorization;
using Crm.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Web.Controllers;

[Authorize(Policy = Policies.Authenticated)]
public sealed class HomeController(ICurrentUser currentUser) : Controller
{
    [HttpGet]
    public IActionResult Index()
    {
        var user = currentUser.User!;
        return View(new HomeViewModel(user.DisplayName, user.OrgUnitName, user.Roles, user.Scope));
    }
}
