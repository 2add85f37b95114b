using System.Diagnostics;
using Crm.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Web.Controllers;

/// <summary>Target of the status-code and exception re-execution; any method, since the failed request may be a POST.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    // From the route only: a re-executed POST still carries its form, and a form field named "Code" (a
    // dictionary item's, say) would otherwise replace the status code.
    [Route("/Error/{code:int}")]
    public IActionResult Index([FromRoute] int code)
    {
        var status = code is >= 400 and <= 599 ? code : 500;
        Response.StatusCode = status;
        var requestId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        return View("Error", new ErrorViewModel(status, requestId));
    }
}
