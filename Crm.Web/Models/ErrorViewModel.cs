namespace Crm.Web.Models;

public sealed record ErrorViewModel(int StatusCode, string? RequestId);
