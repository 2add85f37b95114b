using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Infrastructure.Customers;

/// <summary>
/// The trigram name indexes of the SQLite migration CustomerNameSearch: a search through them finds exactly
/// what the plain "contains" (instr) finds — for every substring of every name, at one to five characters,
/// with quotes, FTS operators, mixed case, surrogate pairs and two-character names — and the triggers keep
/// them in step with inserts, renames and deletes.
/// </summary>
public sealed class NameSearchIndexTests : IAsyncLifetime
{
    private static readonly string[] Names =
    [
        "上海瑞丰科技有限公司", "北京瑞丰", "瑞丰", "丰瑞实业", "瑞丰瑞丰瑞丰有限公司", "李四", "四", "Acme Trading Co.", "ACME trading",
        "acme", "O\"Brien \"Quoted\" Ltd", "星光🌟科技", "🌟🌟", "a*b OR c", "NEAR(x y) AND z", "abcabcabc", "ab ab", "x", "张伟（个人）", "-^+:",
    ];

    private static readonly string[] Absent = ["瑞丰X", "zz", "丰科有", "\"\"", "Acme trading", "🌟🌟🌟", "科技有限", "OR", "AND", "有限公司"];

    private TestDatabase _database = null!;
    private readonly List<int> _customers = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.NewContext(CurrentUser.System());
        var root = OrgUnit.CreateRoot("总部");
        db.OrgUnits.Add(root);
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var customers = Names.Select((name, i) => new Customer($"KH{i + 1:D8}", new CustomerProfile { Name = name }, root.Id, null, now)).ToList();
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
        _customers.AddRange(customers.Select(c => c.Id));
        // Each customer gets the name of the next one as a contact.
        db.Contacts.AddRange(customers.Select((c, i) => new Contact(c.Id, Names[(i + 1) % Names.Length])));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static IEnumerable<string> Terms(IEnumerable<string> names) =>
        names.SelectMany(name =>
            {
                var runes = name.EnumerateRunes().Select(r => r.ToString()).ToList();
                return from start in Enumerable.Range(0, runes.Count)
                       from length in Enumerable.Range(1, Math.Min(5, runes.Count - start))
                       select string.Concat(runes.Skip(start).Take(length));
            })
            .Concat(Absent)
            .Distinct(StringComparer.Ordinal);

    private async Task<List<string>> DifferencesAsync()
    {
        await using var db = _database.NewContext(CurrentUser.System());
        var names = await db.Customers.Select(c => c.Name).Concat(db.Contacts.Select(k => k.Name)).ToListAsync();
        var differences = new List<string>();
        foreach (var term in Terms(names))
        {
            var scan = await db.Customers.Where(c => c.Name.Contains(term)).Select(c => c.Id).OrderBy(id => id).ToListAsync();
            var named = CustomerTextSearch.CustomerCandidates(db, term);
            var indexed = named is null ? scan
                : await db.Customers.Where(c => named.Contains(c.Id) && c.Name.Contains(term)).Select(c => c.Id).OrderBy(id => id).ToListAsync();
            if (!scan.SequenceEqual(indexed))
                differences.Add($"customers '{term}': scan [{string.Join(",", scan)}], index [{string.Join(",", indexed)}]");

            var contactScan = await db.Contacts.Where(k => k.Name.Contains(term)).Select(k => k.CustomerId).OrderBy(id => id).ToListAsync();
            var byContact = await CustomerTextSearch.CustomersByContactName(db, term).OrderBy(id => id).ToListAsync();
            if (!contactScan.SequenceEqual(byContact))
                differences.Add($"contacts '{term}': scan [{string.Join(",", contactScan)}], index [{string.Join(",", byContact)}]");
        }

        return differences;
    }

    [Fact]
    public async Task EverySubstringOfEveryNameFindsTheSameRowsAsTheScan()
    {
        Assert.Empty(await DifferencesAsync());
    }

    [Fact]
    public async Task RenamesInsertsAndDeletesKeepTheIndexInStep()
    {
        await using (var db = _database.NewContext(CurrentUser.System()))
        {
            var first = await db.Customers.SingleAsync(c => c.Id == _customers[0]);
            first.UpdateProfile(new CustomerProfile { Name = "杭州新锐瑞丰网络科技有限公司" });
            var second = await db.Customers.SingleAsync(c => c.Id == _customers[1]);
            second.UpdateProfile(new CustomerProfile { Name = "北京宏远" });
            db.Contacts.Remove(await db.Contacts.FirstAsync(k => k.CustomerId == _customers[2]));
            db.Contacts.Add(new Contact(_customers[3], "欧阳瑞丰"));
            var unit = await db.OrgUnits.Select(o => o.Id).FirstAsync();
            db.Customers.Add(new Customer("KH00000099", new CustomerProfile { Name = "深圳瑞丰" }, unit, null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        Assert.Empty(await DifferencesAsync());
        await using var check = _database.NewContext(CurrentUser.System());
        var named = CustomerTextSearch.CustomerCandidates(check, "北京瑞丰")!;
        Assert.Empty(await check.Customers.Where(c => named.Contains(c.Id)).ToListAsync());
    }

    [Fact]
    public async Task TheTriggersAndIndexTablesExistAfterAllMigrations()
    {
        // A later migration that rebuilds Customers or Contacts (EF does on SQLite for some changes) drops
        // their triggers silently; it then has to create them again.
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE '%NameSearch%' ORDER BY name";
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                names.Add(reader.GetString(0));
        }

        Assert.Superset(
            new HashSet<string>
            {
                "CustomerNameSearch", "CustomerNameSearchTerms", "ContactNameSearch", "ContactNameSearchTerms",
                "Customers_CustomerNameSearch_Insert", "Customers_CustomerNameSearch_Update", "Customers_CustomerNameSearch_Delete",
                "Contacts_ContactNameSearch_Insert", "Contacts_ContactNameSearch_Update", "Contacts_ContactNameSearch_Delete",
            },
            names.ToHashSet());
    }

    [Theory]
    [InlineData("瑞丰科技")]
    [InlineData("瑞丰")]
    public async Task TheSearchIsAnsweredFromTheIndexNotByScanningTheNames(string term)
    {
        await using var db = _database.NewContext(CurrentUser.System());
        var named = CustomerTextSearch.CustomerCandidates(db, term)!;
        var sql = db.Customers.Where(c => named.Contains(c.Id) && c.Name.Contains(term)).Select(c => c.Id).ToQueryString();
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // ToQueryString declares the parameters as .param lines first; bind them instead.
        var lines = sql.Split('\n');
        foreach (var line in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
        {
            var parts = line[".param set ".Length..].Split(' ', 2);
            command.Parameters.AddWithValue(parts[0], parts[1].Trim().Trim('\'').Replace("''", "'", StringComparison.Ordinal));
        }

        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, p => p.Contains("SEARCH c USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        Assert.Contains(plan, p => p.Contains("VIRTUAL TABLE INDEX", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p == "SCAN c");
    }
}
