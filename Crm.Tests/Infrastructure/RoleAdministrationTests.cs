using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Administration;
using Crm.Infrastructure.Identity;
using Crm.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Infrastructure;

/// <summary>The rules of <see cref="RoleAdministration"/> on the demo database.</summary>
public sealed class RoleAdministrationTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private async Task<T> WithAsync<T>(Func<RoleAdministration, IServiceProvider, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await action(scope.ServiceProvider.GetRequiredService<RoleAdministration>(), scope.ServiceProvider);
    }

    private Task RunAsync(Func<RoleAdministration, Task> action) =>
        WithAsync(async (roles, _) =>
        {
            await action(roles);
            return true;
        });

    private Task<(Guid Id, string Stamp)> RoleAsync(string name) =>
        factory.WithDbAsync(async db =>
        {
            var role = await db.Roles.AsNoTracking().SingleAsync(r => r.Name == name);
            return (role.Id, role.ConcurrencyStamp!);
        });

    private Task<List<string>> PermissionsOfAsync(Guid roleId) =>
        factory.WithDbAsync(db => db.RoleClaims
            .Where(c => c.RoleId == roleId && c.ClaimType == Permissions.ClaimType)
            .Select(c => c.ClaimValue!)
            .OrderBy(v => v)
            .ToListAsync());

    private static IReadOnlyDictionary<Guid, IReadOnlySet<string>> Matrix(Guid roleId, params string[] permissions) =>
        new Dictionary<Guid, IReadOnlySet<string>> { [roleId] = permissions.ToHashSet() };

    [Fact]
    public async Task RoleHeldByUsersCannotBeDeleted()
    {
        var role = await WithAsync((roles, _) => roles.CreateAsync("客服", DataScope.OrgUnitSubtree, null));
        await WithAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<CrmUser>>();
            return (await users.AddToRoleAsync((await users.FindByNameAsync("li.na"))!, "客服")).Succeeded;
        });

        var error = await Assert.ThrowsAsync<DomainException>(() => RunAsync(roles => roles.DeleteAsync(role.Id)));

        Assert.Equal("Role.InUse", error.Code);
        Assert.Equal(1, error.Arguments[1]);
        Assert.True(await factory.WithDbAsync(db => db.Roles.AnyAsync(r => r.Id == role.Id)));
    }

    [Fact]
    public async Task UnusedRoleIsDeleted()
    {
        var role = await WithAsync((roles, _) => roles.CreateAsync("临时角色", DataScope.Own, "用完即删"));

        await RunAsync(roles => roles.DeleteAsync(role.Id));

        Assert.False(await factory.WithDbAsync(db => db.Roles.AnyAsync(r => r.Id == role.Id)));
    }

    [Theory]
    [InlineData(BuiltInRoles.Administrator)]
    [InlineData(BuiltInRoles.Manager)]
    [InlineData(BuiltInRoles.Salesman)]
    public async Task BuiltInRoleCannotBeDeleted(string name)
    {
        var (id, _) = await RoleAsync(name);

        var error = await Assert.ThrowsAsync<DomainException>(() => RunAsync(roles => roles.DeleteAsync(id)));

        Assert.Equal("Role.BuiltInCannotBeDeleted", error.Code);
    }

    [Fact]
    public async Task BuiltInRoleCannotBeRenamedButItsDescriptionCanChange()
    {
        var (id, stamp) = await RoleAsync(BuiltInRoles.Manager);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            RunAsync(roles => roles.UpdateAsync(id, "Boss", DataScope.OrgUnitSubtree, null, stamp)));
        await RunAsync(roles => roles.UpdateAsync(id, BuiltInRoles.Manager, DataScope.OrgUnitSubtree, "带团队的主管", stamp));

        Assert.Equal("Role.BuiltInCannotBeRenamed", error.Code);
        Assert.Equal("带团队的主管", await factory.WithDbAsync(db => db.Roles.Where(r => r.Id == id).Select(r => r.Description).SingleAsync()));
    }

    [Fact]
    public async Task AdministratorRoleKeepsDataScopeAll()
    {
        var (id, stamp) = await RoleAsync(BuiltInRoles.Administrator);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            RunAsync(roles => roles.UpdateAsync(id, BuiltInRoles.Administrator, DataScope.Own, null, stamp)));

        Assert.Equal("Role.AdministratorSeesAll", error.Code);
    }

    [Theory]
    [InlineData(Permissions.Users.Manage)]
    [InlineData(Permissions.Roles.Manage)]
    public async Task AdministratorRoleCannotLoseALockedPermission(string locked)
    {
        var (id, _) = await RoleAsync(BuiltInRoles.Administrator);
        var before = await PermissionsOfAsync(id);
        var without = Permissions.All.Where(p => p != locked).ToArray();

        var error = await Assert.ThrowsAsync<DomainException>(() => RunAsync(roles => roles.SavePermissionsAsync(Matrix(id, without))));

        Assert.Equal("Role.AdministratorMustKeep", error.Code);
        Assert.Equal(before, await PermissionsOfAsync(id));
    }

    [Fact]
    public async Task UnknownPermissionIsRefusedAndNothingChanges()
    {
        var (id, _) = await RoleAsync(BuiltInRoles.Salesman);
        var before = await PermissionsOfAsync(id);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            RunAsync(roles => roles.SavePermissionsAsync(Matrix(id, Permissions.Customers.View, "Customers.Teleport"))));

        Assert.Equal("Role.UnknownPermission", error.Code);
        Assert.Equal(before, await PermissionsOfAsync(id));
    }

    [Fact]
    public async Task SavedPermissionsAreExactlyTheGivenOnesIncludingNone()
    {
        var role = await WithAsync((roles, _) => roles.CreateAsync("质检员", DataScope.All, null));

        await RunAsync(roles => roles.SavePermissionsAsync(Matrix(role.Id, Permissions.Service.View, Permissions.Reports.View)));
        var granted = await PermissionsOfAsync(role.Id);
        await RunAsync(roles => roles.SavePermissionsAsync(Matrix(role.Id)));

        Assert.Equal([Permissions.Reports.View, Permissions.Service.View], granted);
        Assert.Empty(await PermissionsOfAsync(role.Id));
    }

    [Fact]
    public async Task StaleRoleEditIsRefused()
    {
        var role = await WithAsync((roles, _) => roles.CreateAsync("渠道经理", DataScope.Own, null));
        var (_, stamp) = await RoleAsync("渠道经理");
        await RunAsync(roles => roles.UpdateAsync(role.Id, "渠道经理", DataScope.OrgUnitSubtree, "第一次", stamp));

        var error = await Assert.ThrowsAsync<IdentityOperationException>(() =>
            RunAsync(roles => roles.UpdateAsync(role.Id, "渠道经理", DataScope.All, "第二次", stamp)));

        Assert.Contains(error.Errors, e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));
        Assert.Equal(DataScope.OrgUnitSubtree, await factory.WithDbAsync(db => db.Roles.Where(r => r.Id == role.Id).Select(r => r.DataScope).SingleAsync()));
    }

    [Fact]
    public async Task BlankRoleNameIsRefused()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => WithAsync((roles, _) => roles.CreateAsync("  ", DataScope.Own, null)));

        Assert.Equal("Role.NameRequired", error.Code);
    }
}
