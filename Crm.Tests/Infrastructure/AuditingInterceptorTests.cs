using Crm.Domain.Common;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Infrastructure;

public sealed class AuditingInterceptorTests : IAsyncLifetime
{
    private static readonly Guid EditorId = Guid.NewGuid();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;
    private CurrentUser _editor = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _editor = TestDatabase.UserWith(EditorId, "zhang.wei", DataScope.Own, ip: "10.1.2.3");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> CreateUnitAsync(string name = "集团总部")
    {
        await using var context = _db.NewContext(_editor, _clock);
        var unit = OrgUnit.CreateRoot(name);
        context.OrgUnits.Add(unit);
        await context.SaveChangesAsync();
        return unit.Id;
    }

    [Fact]
    public async Task InsertIsStampedAndAuditedWithTheGeneratedKey()
    {
        var id = await CreateUnitAsync();

        await using var context = _db.NewContext(CurrentUser.System());
        var unit = await context.OrgUnits.SingleAsync(o => o.Id == id);
        var audit = await context.AuditEntries.SingleAsync(a => a.EntityType == nameof(OrgUnit));
        Assert.Equal(EditorId, unit.CreatedBy);
        Assert.Equal(_clock.GetUtcNow(), unit.CreatedAt);
        Assert.Equal(AuditAction.Insert, audit.Action);
        Assert.Equal(id.ToString(), audit.EntityKey);
        Assert.Contains("\"Name\":\"集团总部\"", audit.NewValue);
        Assert.Equal("zhang.wei", audit.UserName);
        Assert.Equal("10.1.2.3", audit.IpAddress);
        Assert.Equal(EditorId, audit.UserId);
    }

    [Fact]
    public async Task UpdateWritesOneEntryPerChangedFieldWithOldAndNewValues()
    {
        var id = await CreateUnitAsync();
        Guid versionBefore;
        await using (var context = _db.NewContext(_editor, _clock))
        {
            var unit = await context.OrgUnits.SingleAsync(o => o.Id == id);
            versionBefore = unit.Version;
            _clock.Advance(TimeSpan.FromMinutes(5));
            unit.Rename("总部");
            await context.SaveChangesAsync();
        }

        await using var check = _db.NewContext(CurrentUser.System());
        var saved = await check.OrgUnits.SingleAsync(o => o.Id == id);
        var update = await check.AuditEntries.SingleAsync(a => a.Action == AuditAction.Update);
        Assert.NotEqual(versionBefore, saved.Version);
        Assert.Equal(_clock.GetUtcNow(), saved.UpdatedAt);
        Assert.Equal("Name", update.Field);
        Assert.Equal("集团总部", update.OldValue);
        Assert.Equal("总部", update.NewValue);
        Assert.Equal(id.ToString(), update.EntityKey);
    }

    [Fact]
    public async Task SaveWithoutRealChangesWritesNothingAndKeepsTheVersion()
    {
        var id = await CreateUnitAsync();
        await using (var context = _db.NewContext(_editor, _clock))
        {
            var unit = await context.OrgUnits.SingleAsync(o => o.Id == id);
            unit.Rename("集团总部");
            await context.SaveChangesAsync();
        }

        await using var check = _db.NewContext(CurrentUser.System());
        Assert.Equal(1, await check.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task DeleteIsAuditedWithTheLastValues()
    {
        var id = await CreateUnitAsync("临时机构");
        await using (var context = _db.NewContext(_editor, _clock))
        {
            context.OrgUnits.Remove(await context.OrgUnits.SingleAsync(o => o.Id == id));
            await context.SaveChangesAsync();
        }

        await using var check = _db.NewContext(CurrentUser.System());
        var delete = await check.AuditEntries.SingleAsync(a => a.Action == AuditAction.Delete);
        Assert.Equal(id.ToString(), delete.EntityKey);
        Assert.Contains("临时机构", delete.OldValue);
        Assert.False(await check.OrgUnits.AnyAsync());
    }

    [Fact]
    public async Task StaleVersionIsRefusedAndTheNewerEditSurvives()
    {
        var id = await CreateUnitAsync();
        await using var first = _db.NewContext(_editor, _clock);
        await using var second = _db.NewContext(_editor, _clock);
        var mine = await first.OrgUnits.SingleAsync(o => o.Id == id);
        var theirs = await second.OrgUnits.SingleAsync(o => o.Id == id);

        mine.Rename("先保存");
        await first.SaveChangesAsync();
        theirs.Rename("后保存");

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = _db.NewContext(CurrentUser.System());
        Assert.Equal("先保存", (await check.OrgUnits.SingleAsync(o => o.Id == id)).Name);
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == AuditAction.Update));
    }

    [Fact]
    public async Task FailedSaveLeavesNoAuditEntry()
    {
        await CreateUnitAsync();
        await using (var context = _db.NewContext(_editor, _clock))
        {
            // A second root with the same path violates the unique index.
            context.OrgUnits.Add(OrgUnit.CreateRoot("重复"));
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }

        await using var check = _db.NewContext(CurrentUser.System());
        Assert.Equal(1, await check.AuditEntries.CountAsync());
        Assert.Equal(1, await check.OrgUnits.CountAsync());
    }
}
