using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Administration;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure;

/// <summary>The org-tree service on the demo organisation; each test that changes the tree works on units of its own.</summary>
public sealed class OrgUnitAdministrationTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<T> WithServiceAsync<T>(Func<OrgUnitAdministration, CrmDbContext, Task<T>> action) =>
        factory.WithDbAsync(db => action(new OrgUnitAdministration(db, new ReferenceChecker(db)), db));

    private Task<int> IdOfAsync(string name) =>
        factory.WithDbAsync(db => db.OrgUnits.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private async Task<DomainException> RefusalAsync(Func<OrgUnitAdministration, Task> action) =>
        await Assert.ThrowsAsync<DomainException>(() => WithServiceAsync(async (s, _) =>
        {
            await action(s);
            return 0;
        }));

    [Fact]
    public async Task MoveIntoItsOwnSubtreeIsRefusedAndChangesNoPath()
    {
        var east = await IdOfAsync("华东公司");
        var team1 = await IdOfAsync("销售一组");
        var before = await factory.WithDbAsync(db => db.OrgUnits.OrderBy(o => o.Id).Select(o => o.Path).ToListAsync());

        var error = await RefusalAsync(s => s.MoveAsync(east, team1));

        Assert.Equal("OrgUnit.CannotMoveIntoOwnSubtree", error.Code);
        Assert.Equal(before, await factory.WithDbAsync(db => db.OrgUnits.OrderBy(o => o.Id).Select(o => o.Path).ToListAsync()));
    }

    [Fact]
    public async Task MoveTakesTheWholeSubtreeUnderTheNewParent()
    {
        var east = await IdOfAsync("华东公司");
        var north = await IdOfAsync("华北公司");
        var (branch, team) = await WithServiceAsync(async (s, _) =>
        {
            var b = await s.AddChildAsync(east, "苏州分公司", OrgUnitKind.Branch);
            var t = await s.AddChildAsync(b.Id, "苏州一组", OrgUnitKind.Team);
            return (b.Id, t.Id);
        });

        await WithServiceAsync(async (s, _) =>
        {
            await s.MoveAsync(branch, north);
            return 0;
        });

        var units = await factory.WithDbAsync(db => db.OrgUnits.AsNoTracking().ToDictionaryAsync(o => o.Id));
        Assert.Equal(north, units[branch].ParentId);
        Assert.StartsWith(units[north].Path, units[branch].Path, StringComparison.Ordinal);
        Assert.StartsWith(units[branch].Path, units[team].Path, StringComparison.Ordinal);
        Assert.Equal(units[branch].Path.Length + OrgUnit.SegmentLength, units[team].Path.Length);
    }

    [Fact]
    public async Task DeleteRefusesAUnitThatUsersBelongTo()
    {
        var team1 = await IdOfAsync("销售一组");

        var error = await RefusalAsync(s => s.DeleteAsync(team1));

        Assert.Equal("OrgUnit.InUse", error.Code);
        var references = Assert.IsAssignableFrom<IEnumerable<Reference>>(error.Arguments[1]);
        Assert.Contains(new Reference("CrmUser", 2), references);
        Assert.True(await factory.WithDbAsync(db => db.OrgUnits.AnyAsync(o => o.Id == team1)));
    }

    [Fact]
    public async Task DeleteRefusesAUnitThatStillHasSubUnits()
    {
        var shanghai = await IdOfAsync("上海分公司");

        var error = await RefusalAsync(s => s.DeleteAsync(shanghai));

        Assert.Equal("OrgUnit.InUse", error.Code);
        Assert.Contains(new Reference(nameof(OrgUnit), 2), Assert.IsAssignableFrom<IEnumerable<Reference>>(error.Arguments[1]));
        Assert.True(await factory.WithDbAsync(db => db.OrgUnits.AnyAsync(o => o.Id == shanghai)));
    }

    [Fact]
    public async Task DeleteRefusesTheTopUnit()
    {
        var root = await IdOfAsync("集团总部");

        var error = await RefusalAsync(s => s.DeleteAsync(root));

        Assert.Equal("OrgUnit.CannotDeleteRoot", error.Code);
    }

    [Fact]
    public async Task DeleteRemovesAnEmptyUnit()
    {
        var north = await IdOfAsync("华北公司");
        var added = await WithServiceAsync((s, _) => s.AddChildAsync(north, "天津分公司", OrgUnitKind.Branch));

        await WithServiceAsync(async (s, _) =>
        {
            await s.DeleteAsync(added.Id);
            return 0;
        });

        Assert.False(await factory.WithDbAsync(db => db.OrgUnits.AnyAsync(o => o.Id == added.Id)));
    }

    [Fact]
    public async Task RenameWithAStaleVersionIsAConflictAndKeepsTheNewerName()
    {
        var north = await IdOfAsync("华北公司");
        var added = await WithServiceAsync((s, _) => s.AddChildAsync(north, "石家庄分公司", OrgUnitKind.Branch));
        var stale = added.Version;
        await WithServiceAsync(async (s, _) =>
        {
            await s.RenameAsync(added.Id, "河北分公司", stale);
            return 0;
        });

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => WithServiceAsync(async (s, _) =>
        {
            await s.RenameAsync(added.Id, "保定分公司", stale);
            return 0;
        }));

        Assert.Equal("河北分公司", await factory.WithDbAsync(db => db.OrgUnits.Where(o => o.Id == added.Id).Select(o => o.Name).SingleAsync()));
    }
}
