using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Administration;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Seeding;
using Crm.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Infrastructure;

/// <summary>The account rules of <see cref="UserAdministration"/>, on the demo database (one administrator: "admin").</summary>
public sealed class UserAdministrationTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private async Task<T> WithAsync<T>(Func<UserAdministration, CrmDbContext, UserManager<CrmUser>, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await action(
            scope.ServiceProvider.GetRequiredService<UserAdministration>(),
            scope.ServiceProvider.GetRequiredService<CrmDbContext>(),
            scope.ServiceProvider.GetRequiredService<UserManager<CrmUser>>());
    }

    private Task<int> TeamAsync(string name = "销售一组") =>
        factory.WithDbAsync(db => db.OrgUnits.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private Task<Guid> IdOfAsync(string userName) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private async Task<Guid> CreateAsync(string userName, params string[] roles)
    {
        var team = await TeamAsync();
        return await WithAsync(async (admin, _, _) =>
            (await admin.CreateAsync(new UserInput(userName, userName, null, null, team, roles), DemoSeeder.Password)).Id);
    }

    [Fact]
    public async Task LastActiveAdministratorCannotBeDisabled()
    {
        var id = await IdOfAsync("admin");

        var error = await Assert.ThrowsAsync<DomainException>(() => WithAsync<bool>(async (admin, _, _) =>
        {
            await admin.SetActiveAsync(id, false);
            return true;
        }));

        Assert.Equal("User.LastAdministrator", error.Code);
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task LastActiveAdministratorCannotLoseTheAdministratorRole()
    {
        var id = await IdOfAsync("admin");
        var group = await TeamAsync("集团总部");
        var stamp = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp!).SingleAsync());

        var error = await Assert.ThrowsAsync<DomainException>(() => WithAsync<bool>(async (admin, _, _) =>
        {
            await admin.UpdateAsync(id, new UserInput("admin", "系统管理员", null, null, group, [BuiltInRoles.Manager]), stamp);
            return true;
        }));

        Assert.Equal("User.LastAdministrator", error.Code);
        Assert.True(await WithAsync(async (_, _, users) => await users.IsInRoleAsync((await users.FindByIdAsync(id.ToString()))!, BuiltInRoles.Administrator)));
    }

    [Fact]
    public async Task AnAdministratorCanBeDisabledWhileAnotherStaysActive()
    {
        var second = await CreateAsync("second.admin", BuiltInRoles.Administrator);

        await WithAsync(async (admin, _, _) =>
        {
            await admin.SetActiveAsync(second, false);
            return true;
        });

        Assert.False(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == second).Select(u => u.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task DisabledAdministratorsDoNotCountAsTheRemainingOne()
    {
        var other = await CreateAsync("dormant.admin", BuiltInRoles.Administrator);
        await WithAsync(async (admin, _, _) =>
        {
            await admin.SetActiveAsync(other, false);
            return true;
        });

        var id = await IdOfAsync("admin");

        var error = await Assert.ThrowsAsync<DomainException>(() => WithAsync<bool>(async (admin, _, _) =>
        {
            await admin.SetActiveAsync(id, false);
            return true;
        }));

        Assert.Equal("User.LastAdministrator", error.Code);
    }

    [Fact]
    public async Task UnknownRoleIsRefusedAndNoUserIsCreated()
    {
        var team = await TeamAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => WithAsync(async (admin, _, _) =>
            await admin.CreateAsync(new UserInput("ghost.role", "幽灵", null, null, team, ["NoSuchRole"]), DemoSeeder.Password)));

        Assert.Equal("User.UnknownRole", error.Code);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "ghost.role")));
    }

    [Fact]
    public async Task UnknownOrgUnitAndBlankNameAreRefused()
    {
        var team = await TeamAsync();

        var noUnit = await Assert.ThrowsAsync<DomainException>(() => WithAsync(async (admin, _, _) =>
            await admin.CreateAsync(new UserInput("no.unit", "无机构", null, null, 999_999, []), DemoSeeder.Password)));
        var noName = await Assert.ThrowsAsync<DomainException>(() => WithAsync(async (admin, _, _) =>
            await admin.CreateAsync(new UserInput("no.name", "  ", null, null, team, []), DemoSeeder.Password)));

        Assert.Equal("User.OrgUnitRequired", noUnit.Code);
        Assert.Equal("User.DisplayNameRequired", noName.Code);
    }

    [Fact]
    public async Task WeakPasswordIsRefusedAndNoUserIsCreated()
    {
        var team = await TeamAsync();

        var error = await Assert.ThrowsAsync<IdentityOperationException>(() => WithAsync(async (admin, _, _) =>
            await admin.CreateAsync(new UserInput("weak.password", "弱密码", null, null, team, [BuiltInRoles.Salesman]), "weak")));

        Assert.Contains(error.Errors, e => e.Code == nameof(IdentityErrorDescriber.PasswordTooShort));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "weak.password")));
    }

    [Fact]
    public async Task StaleConcurrencyStampIsRefused()
    {
        var id = await CreateAsync("stale.user", BuiltInRoles.Salesman);
        var team = await TeamAsync();
        var stamp = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp!).SingleAsync());
        await WithAsync(async (admin, _, _) =>
        {
            await admin.UpdateAsync(id, new UserInput("stale.user", "第一次", null, null, team, [BuiltInRoles.Salesman]), stamp);
            return true;
        });

        var error = await Assert.ThrowsAsync<IdentityOperationException>(() => WithAsync<bool>(async (admin, _, _) =>
        {
            await admin.UpdateAsync(id, new UserInput("stale.user", "第二次", null, null, team, [BuiltInRoles.Salesman]), stamp);
            return true;
        }));

        Assert.Contains(error.Errors, e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));
        Assert.Equal("第一次", await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task UnlockEndsTheLockoutAndResetsTheFailedCount()
    {
        var id = await CreateAsync("locked.user", BuiltInRoles.Salesman);
        await WithAsync(async (_, _, users) =>
        {
            var user = (await users.FindByIdAsync(id.ToString()))!;
            await users.AccessFailedAsync(user);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
            return true;
        });

        await WithAsync(async (admin, _, _) =>
        {
            await admin.UnlockAsync(id);
            return true;
        });

        var (end, failures) = await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
            return (user.LockoutEnd, user.AccessFailedCount);
        });
        Assert.Null(end);
        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task ResetPasswordReplacesTheOldOne()
    {
        var id = await CreateAsync("forgetful.user", BuiltInRoles.Salesman);

        await WithAsync(async (admin, _, _) =>
        {
            await admin.ResetPasswordAsync(id, "Fresh@2026pw");
            return true;
        });

        var (fresh, old) = await WithAsync(async (_, _, users) =>
        {
            var user = (await users.FindByIdAsync(id.ToString()))!;
            return (await users.CheckPasswordAsync(user, "Fresh@2026pw"), await users.CheckPasswordAsync(user, DemoSeeder.Password));
        });
        Assert.True(fresh);
        Assert.False(old);
    }

    [Fact]
    public async Task UnknownUserIsRefused()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => WithAsync<bool>(async (admin, _, _) =>
        {
            await admin.UnlockAsync(Guid.NewGuid());
            return true;
        }));

        Assert.Equal("User.NotFound", error.Code);
    }
}
