using Crm.Domain.Common;

namespace Crm.Web.Models;

public sealed record HomeViewModel(string DisplayName, string OrgUnitName, IReadOnlyList<string> Roles, DataScope Scope);
