using Crm.Domain.Common;
using Crm.Domain.Organization;

namespace Crm.Tests.Domain.Organization;

public sealed class PermissionsTests
{
    [Fact]
    public void EveryPermissionIsUniqueAndNamedAfterItsModule()
    {
        Assert.Equal(Permissions.All.Count, Permissions.All.Distinct().Count());
        foreach (var (module, permissions) in Permissions.Groups)
            Assert.All(permissions, p => Assert.StartsWith(module + ".", p));
        Assert.Contains(Permissions.Users.Manage, Permissions.All);
        Assert.Contains(Permissions.Opportunities.Assign, Permissions.All);
    }

    [Fact]
    public void BuiltInRolesGrowFromSalesmanToAdministrator()
    {
        var roles = BuiltInRoles.All.ToDictionary(r => r.Name);
        var salesman = roles[BuiltInRoles.Salesman];
        var manager = roles[BuiltInRoles.Manager];
        var admin = roles[BuiltInRoles.Administrator];

        Assert.Equal(DataScope.Own, salesman.Scope);
        Assert.Equal(DataScope.OrgUnitSubtree, manager.Scope);
        Assert.Equal(DataScope.All, admin.Scope);
        Assert.Subset(manager.Permissions.ToHashSet(), salesman.Permissions.ToHashSet());
        Assert.Equal(Permissions.All.ToHashSet(), admin.Permissions.ToHashSet());
        Assert.DoesNotContain(Permissions.Opportunities.Assign, salesman.Permissions);
        Assert.Contains(Permissions.Opportunities.Assign, manager.Permissions);
        Assert.DoesNotContain(Permissions.Users.Manage, manager.Permissions);
        Assert.All(BuiltInRoles.All.SelectMany(r => r.Permissions), p => Assert.Contains(p, Permissions.All));
    }
}
