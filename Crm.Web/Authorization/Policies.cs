namespace Crm.Web.Authorization;

public static class Policies
{
    /// <summary>Any signed-in user: pages that belong to everyone (dashboard, own password).</summary>
    public const string Authenticated = "Authenticated";
}
