using Crm.Domain.Common;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure;

/// <summary>
/// "In use" and uniqueness of dictionary items in the database. No module refers to the dictionary yet, so
/// a probe entity of the tests' own stands for a future record (a customer's level, an order's unit…):
/// <see cref="ReferenceChecker"/> finds it from the foreign key alone.
/// </summary>
public sealed class DictionaryItemPersistenceTests : IAsyncLifetime
{
    private readonly string _path = TestDatabase.NewPath();
    private int _used;
    private int _unused;

    public async Task InitializeAsync()
    {
        await using var context = NewContext();
        await context.Database.EnsureCreatedAsync();
        var used = new DictionaryItem(DictionaryCategories.CustomerLevel, "KeyAccount", "大客户", "Key account", 10);
        var unused = new DictionaryItem(DictionaryCategories.CustomerLevel, "Regular", "普通客户", "Regular", 20);
        context.DictionaryItems.AddRange(used, unused);
        await context.SaveChangesAsync();
        context.Probes.AddRange(new DictionaryProbe("客户甲", used.Id), new DictionaryProbe("客户乙", used.Id));
        await context.SaveChangesAsync();
        (_used, _unused) = (used.Id, unused.Id);
    }

    public Task DisposeAsync()
    {
        TestDatabase.Delete(_path);
        return Task.CompletedTask;
    }

    private DictionaryProbeDbContext NewContext() =>
        new(new DbContextOptionsBuilder<DictionaryProbeDbContext>().UseSqlite($"Data Source={_path}").Options, CurrentUser.System());

    [Fact]
    public async Task ReferenceCheckerCountsTheRecordsThatUseAnItem()
    {
        await using var context = NewContext();

        var found = await new ReferenceChecker(context).FindAsync<DictionaryItem>(_used);

        Assert.Equal([new Reference(nameof(DictionaryProbe), 2)], found);
        Assert.Empty(await new ReferenceChecker(context).FindAsync<DictionaryItem>(_unused));
    }

    [Fact]
    public async Task AnItemInUseCannotBeDeletedButCanBeDeactivated()
    {
        await using (var context = NewContext())
        {
            var item = await context.DictionaryItems.SingleAsync(d => d.Id == _used);
            var inUse = (await new ReferenceChecker(context).FindAsync<DictionaryItem>(_used)).Count > 0;

            var error = Assert.Throws<DomainException>(() => item.EnsureCanDelete(inUse));
            Assert.Equal("Dictionary.InUseCannotBeDeleted", error.Code);

            item.Deactivate();
            await context.SaveChangesAsync();
        }

        await using var check = NewContext();
        var saved = await check.DictionaryItems.SingleAsync(d => d.Id == _used);
        Assert.False(saved.IsActive);
        Assert.Equal(2, await check.Probes.CountAsync(p => p.LevelId == _used));
    }

    [Fact]
    public async Task AnUnusedItemIsDeleted()
    {
        await using (var context = NewContext())
        {
            var item = await context.DictionaryItems.SingleAsync(d => d.Id == _unused);
            item.EnsureCanDelete((await new ReferenceChecker(context).FindAsync<DictionaryItem>(_unused)).Count > 0);
            context.DictionaryItems.Remove(item);
            await context.SaveChangesAsync();
        }

        await using var check = NewContext();
        Assert.False(await check.DictionaryItems.AnyAsync(d => d.Id == _unused));
    }

    [Fact]
    public async Task TheDatabaseRefusesASecondItemWithTheSameCodeInACategory()
    {
        await using var context = NewContext();
        context.DictionaryItems.Add(new DictionaryItem(DictionaryCategories.CustomerLevel, "KeyAccount", "重要客户", "Important", 30));

        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }

    [Fact]
    public async Task TheSameCodeIsAllowedInAnotherCategory()
    {
        await using (var context = NewContext())
        {
            context.DictionaryItems.Add(new DictionaryItem(DictionaryCategories.Source, "KeyAccount", "大客户推荐", "Key account referral", 10));
            await context.SaveChangesAsync();
        }

        await using var check = NewContext();
        Assert.Equal(2, await check.DictionaryItems.CountAsync(d => d.Code == "KeyAccount"));
    }
}

public sealed class DictionaryProbe
{
    private DictionaryProbe()
    {
        Name = string.Empty;
    }

    public DictionaryProbe(string name, int levelId)
    {
        Name = name;
        LevelId = levelId;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public int LevelId { get; private set; }
}

public sealed class DictionaryProbeDbContext(DbContextOptions<DictionaryProbeDbContext> options, ICurrentUser user)
    : CrmDbContext(options, user)
{
    public DbSet<DictionaryProbe> Probes => Set<DictionaryProbe>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.Entity<DictionaryProbe>(b =>
        {
            b.ToTable("DictionaryProbes");
            b.Property(p => p.Name).HasMaxLength(50);
            b.HasOne<DictionaryItem>().WithMany().HasForeignKey(p => p.LevelId).OnDelete(DeleteBehavior.Restrict);
        });
        base.OnModelCreating(builder);
    }
}
