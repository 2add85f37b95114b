using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Tests.Infrastructure.Customers;

/// <summary>
/// Merging one customer into another on a migrated SQLite database: every record moves, the source is
/// archived pointing at the target, open tasks' reminders follow, and a failure leaves both unchanged.
/// </summary>
public sealed class MergeServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private Guid _zhang;
    private int _sourceId;
    private int _targetId;
    private int _openTaskId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.NewContext(CurrentUser.System());
        var root = OrgUnit.CreateRoot("集团总部");
        db.OrgUnits.Add(root);
        await db.SaveChangesAsync();
        var zhang = new CrmUser { UserName = "zhang.wei", NormalizedUserName = "ZHANG.WEI", DisplayName = "张伟", OrgUnitId = root.Id };
        db.Users.Add(zhang);
        _zhang = zhang.Id;
        var source = new Customer("KH-S", new CustomerProfile { Name = "上海博远科技" }, root.Id, zhang.Id, Now);
        var target = new Customer("KH-T", new CustomerProfile { Name = "上海博远科技有限公司" }, root.Id, zhang.Id, Now);
        db.Customers.AddRange(source, target);
        await db.SaveChangesAsync();
        _sourceId = source.Id;
        _targetId = target.Id;

        source.ReleaseToPool(zhang.Id, Now, "测试");
        source.RecordInteraction(Now.AddDays(-1));
        var contact = new Contact(source.Id, "王经理");
        contact.MakePrimary();
        db.Contacts.AddRange(contact, new Contact(source.Id, "李会计"), new Contact(target.Id, "赵总"));
        db.Interactions.Add(new Interaction(source.Id, Now.AddDays(-1), null, null, "电话回访", null, null, null));
        var feedback = new Feedback(source.Id, Now, null, "交货延迟", null);
        var open = feedback.AddTask("补发货物", zhang.Id, Now.AddDays(2));
        feedback.AddTask("致歉", zhang.Id, Now.AddDays(1)).Complete(Now);
        db.Feedbacks.Add(feedback);
        await db.SaveChangesAsync();
        _openTaskId = open.Id;
        await new CustomerTaskService(db, TimeProvider.System).ChangeAsync(open, _ => { });
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static CustomerMergeService Service(CrmDbContext db) =>
        new(db, new ReferenceChecker(db), new CustomerTaskService(db, TimeProvider.System));

    private async Task MergeAsync(CrmDbContext db)
    {
        var source = await db.Customers.SingleAsync(c => c.Id == _sourceId);
        var target = await db.Customers.SingleAsync(c => c.Id == _targetId);
        await Service(db).MergeAsync(source, target);
    }

    [Fact]
    public async Task WhatMovesCountsTheSourcesRecordsButNotItsOwnershipHistory()
    {
        await using var db = _database.NewContext(CurrentUser.System());

        var moves = (await Service(db).WhatMovesAsync(_sourceId)).ToDictionary(r => r.EntityType, r => r.Count);

        Assert.Equal(2, moves[nameof(Contact)]);
        Assert.Equal(1, moves[nameof(Interaction)]);
        Assert.Equal(1, moves[nameof(Feedback)]);
        Assert.Equal(2, moves[nameof(CustomerTask)]);
        Assert.False(moves.ContainsKey(nameof(CustomerPoolEvent)));
    }

    [Fact]
    public async Task EverythingMovesToTheTargetAndTheSourceIsArchivedAsMerged()
    {
        await using (var db = _database.NewContext(CurrentUser.System()))
            await MergeAsync(db);

        await using var check = _database.NewContext(CurrentUser.System());
        Assert.Equal(3, await check.Contacts.CountAsync(c => c.CustomerId == _targetId));
        Assert.False(await check.Contacts.AnyAsync(c => c.CustomerId == _targetId && c.IsPrimary));
        Assert.Equal(1, await check.Interactions.CountAsync(i => i.CustomerId == _targetId));
        Assert.Equal(1, await check.Feedbacks.CountAsync(f => f.CustomerId == _targetId));
        Assert.Equal(2, await check.CustomerTasks.CountAsync(t => t.CustomerId == _targetId));
        Assert.Empty(await Service(check).WhatMovesAsync(_sourceId));
        var source = await check.Customers.Include(c => c.PoolEvents).SingleAsync(c => c.Id == _sourceId);
        Assert.Equal(CustomerStatus.Archived, source.Status);
        Assert.Equal(_targetId, source.MergedIntoId);
        Assert.Single(source.PoolEvents);
        var target = await check.Customers.SingleAsync(c => c.Id == _targetId);
        Assert.Equal(Now.AddDays(-1), target.LastInteractionAt);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(Contact) && a.Field == nameof(Contact.CustomerId)));
    }

    [Fact]
    public async Task OpenTasksReminderMovesToTheTargetsPage()
    {
        await using (var db = _database.NewContext(CurrentUser.System()))
            await MergeAsync(db);

        await using var check = _database.NewContext(CurrentUser.System());
        var key = _openTaskId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var reminders = await check.Reminders.Where(r => r.SourceType == CustomerTaskService.ReminderSource && r.SourceKey == key).ToListAsync();
        var open = Assert.Single(reminders, r => r.Status == ReminderStatus.Open);
        Assert.Equal(CustomerTaskService.CustomerUrl(_targetId), open.Url);
        Assert.Equal(_zhang, open.UserId);
        Assert.Equal(ReminderStatus.Done, Assert.Single(reminders, r => r.Url == CustomerTaskService.CustomerUrl(_sourceId)).Status);
    }

    [Fact]
    public async Task MergeIntoItselfIsRefusedBeforeAnythingMoves()
    {
        await using var db = _database.NewContext(CurrentUser.System());
        var source = await db.Customers.SingleAsync(c => c.Id == _sourceId);

        var error = await Assert.ThrowsAsync<DomainException>(() => Service(db).MergeAsync(source, source));

        Assert.Equal("Customer.CannotMergeIntoItself", error.Code);
        await using var check = _database.NewContext(CurrentUser.System());
        Assert.Equal(2, await check.Contacts.CountAsync(c => c.CustomerId == _sourceId));
    }

    [Fact]
    public async Task FailureAfterTheRecordsWereSavedLeavesBothCustomersUnchanged()
    {
        var user = CurrentUser.System();
        var options = new DbContextOptionsBuilder<SqliteCrmDbContext>()
            .UseSqlite(_database.ConnectionString)
            .AddInterceptors(new AuditingInterceptor(user, TimeProvider.System), new FailOnSecondSave())
            .Options;
        await using (var db = new SqliteCrmDbContext(options, user))
            await Assert.ThrowsAsync<InvalidOperationException>(() => MergeAsync(db));

        await using var check = _database.NewContext(CurrentUser.System());
        Assert.Equal(2, await check.Contacts.CountAsync(c => c.CustomerId == _sourceId));
        Assert.Equal(1, await check.Contacts.CountAsync(c => c.CustomerId == _targetId));
        Assert.Equal(2, await check.CustomerTasks.CountAsync(t => t.CustomerId == _sourceId));
        var source = await check.Customers.SingleAsync(c => c.Id == _sourceId);
        Assert.NotEqual(CustomerStatus.Archived, source.Status);
        Assert.Null(source.MergedIntoId);
    }

    /// <summary>Lets the merge's first save through and fails the second, inside the merge's transaction.</summary>
    private sealed class FailOnSecondSave : SaveChangesInterceptor
    {
        private int _saves;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ++_saves == 2 ? throw new InvalidOperationException("disk full") : base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
