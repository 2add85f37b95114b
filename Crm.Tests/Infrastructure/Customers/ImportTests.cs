using System.Diagnostics;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Crm.Tests.Infrastructure.Customers;

public sealed class CustomerImport(ImportWebFactory factory, ITestOutputHelper output) : IClassFixture<ImportWebFactory>
{
    private static readonly string[] Headers = ["客户名称", "统一社会信用代码", "Phone", "地址", "Customer level", "Owner"];

    /// <summary>
    /// Seven rows as zhang.wei: three new customers, a row without a name, a row with a wrong check
    /// character, and two rows that match his own customers (by credit code, by name).
    /// </summary>
    private async Task<(List<string?[]> Rows, string Tag, (string Code, char Expected, char Actual) Bad, int[] Existing)> MixedRowsAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var mine = await factory.WithDbAsync(db => db.Customers
            .Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "zhang.wei") && c.CreditCode != null && c.Status != CustomerStatus.Archived)
            .OrderBy(c => c.Id).Take(2).Select(c => new { c.Id, c.Name, c.CreditCode }).ToListAsync());
        var bad = ImportFiles.WrongCheckCharacter();
        var rows = new List<string?[]>
        {
            new[] { $"导入测试甲{tag}有限公司", ImportFiles.NewCreditCode(), null, "上海市浦东新区", "大客户", null },
            new[] { $"Import test B {tag} Ltd", null, null, null, "Regular", "zhang.wei" },
            new[] { $"导入测试丙{tag}有限公司", null, null, null, null, null },
            new[] { null, ImportFiles.NewCreditCode(), null, "无名称", null, null },
            new[] { $"坏代码{tag}有限公司", bad.Code, null, null, null, null },
            new[] { "任意名称" + tag, mine[0].CreditCode, null, $"更新地址{tag}", null, null },
            new[] { mine[1].Name, null, null, $"更新地址{tag}", null, null },
        };
        return (rows, tag, bad, [mine[0].Id, mine[1].Id]);
    }

    [Theory]
    [InlineData("csv", DuplicateMode.Skip, 3, 0, 2)]
    [InlineData("csv", DuplicateMode.Update, 3, 2, 0)]
    [InlineData("csv", DuplicateMode.Create, 5, 0, 0)]
    [InlineData("xlsx", DuplicateMode.Skip, 3, 0, 2)]
    [InlineData("xlsx", DuplicateMode.Update, 3, 2, 0)]
    [InlineData("xlsx", DuplicateMode.Create, 5, 0, 0)]
    public async Task GoodBadAndDuplicateRowsGiveTheExactCounts(string format, DuplicateMode mode, int created, int updated, int skipped)
    {
        var (rows, tag, _, existing) = await MixedRowsAsync();
        var file = format == "csv" ? ImportFiles.Csv(Headers, rows) : ImportFiles.Xlsx(Headers, rows);

        var job = await factory.ImportAsync("zhang.wei", file, "customers." + format, mode);

        Assert.Equal(ImportStatus.Completed, job.Status);
        Assert.Equal((7, 7, created, updated, skipped, 2), (job.TotalRows, job.ProcessedRows, job.CreatedCount, job.UpdatedCount, job.SkippedCount, job.FailedCount));
        var stored = await factory.WithDbAsync(db => db.Customers.CountAsync(c => c.Name.Contains(tag) || c.Address == $"更新地址{tag}"));
        var updatedInDb = await factory.WithDbAsync(db => db.Customers.CountAsync(c => existing.Contains(c.Id) && c.Address == $"更新地址{tag}"));
        Assert.Equal(updated, updatedInDb);
        Assert.Equal(created + updated, stored);
    }

    [Fact]
    public async Task ImportedCustomersBelongToTheNamedOwnerWithTheDictionaryValuesMatchedByEitherLanguage()
    {
        var (rows, tag, _, _) = await MixedRowsAsync();
        await factory.ImportAsync("zhang.wei", ImportFiles.Csv(Headers, rows), "customers.csv", DuplicateMode.Skip);

        var customers = await factory.WithDbAsync(db => db.Customers
            .Where(c => c.Name.Contains(tag))
            .Select(c => new { c.Name, Owner = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.UserName).Single(), Level = db.DictionaryItems.Where(d => d.Id == c.LevelId).Select(d => d.NameZh).SingleOrDefault(), c.Code })
            .ToListAsync());
        Assert.Equal(3, customers.Count);
        Assert.All(customers, c => Assert.Equal("zhang.wei", c.Owner));
        Assert.All(customers, c => Assert.StartsWith(CustomerService.CodePrefix, c.Code));
        Assert.Equal("大客户", customers.Single(c => c.Name.StartsWith("导入测试甲")).Level);
        Assert.Equal("普通客户", customers.Single(c => c.Name.StartsWith("Import test B")).Level);
    }

    [Fact]
    public async Task BadRowsAreReportedWithTheirRowColumnAndPreciseMessage()
    {
        var (rows, _, bad, _) = await MixedRowsAsync();
        var job = await factory.ImportAsync("zhang.wei", ImportFiles.Csv(Headers, rows), "customers.csv", DuplicateMode.Skip);

        var errors = await factory.WithDbAsync(db => db.ImportRowErrors.Where(e => e.ImportJobId == job.Id).OrderBy(e => e.RowNumber).ToListAsync());
        Assert.Equal([5, 6], errors.Select(e => e.RowNumber));
        Assert.Equal("Name", errors[0].Column);
        Assert.Equal("Customer.Required", ImportMessages.Decode(errors[0].Message).Code);
        Assert.Equal("CreditCode", errors[1].Column);
        var message = ImportMessages.Decode(errors[1].Message);
        Assert.Equal("Customer.CreditCodeCheckCharacter", message.Code);
        Assert.Equal([bad.Expected.ToString(), bad.Actual.ToString()], message.Arguments.Cast<string>());
    }

    [Fact]
    public async Task ASalesmanCannotUpdateACustomerOutsideHisScopeTheRowIsSkippedAndReported()
    {
        var zhangs = await factory.WithDbAsync(db => db.Customers
            .Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "zhang.wei") && c.CreditCode != null)
            .OrderByDescending(c => c.Id).Select(c => new { c.Id, c.Name, c.CreditCode, c.Address }).FirstAsync());
        var rows = new List<string?[]> { new[] { "李娜改的名字", zhangs.CreditCode, null, "李娜改的地址", null, null } };

        var job = await factory.ImportAsync("li.na", ImportFiles.Csv(Headers, rows), "customers.csv", DuplicateMode.Update);

        Assert.Equal((0, 0, 1, 0), (job.CreatedCount, job.UpdatedCount, job.SkippedCount, job.FailedCount));
        var after = await factory.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == zhangs.Id));
        Assert.Equal((zhangs.Name, zhangs.Address), (after.Name, after.Address));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Customers.CountAsync(c => c.Name == "李娜改的名字")));
        var note = await factory.WithDbAsync(db => db.ImportRowErrors.SingleAsync(e => e.ImportJobId == job.Id));
        Assert.Equal((2, "CreditCode", "Import.SkippedNotYours"), (note.RowNumber, note.Column, ImportMessages.Decode(note.Message).Code));
    }

    [Fact]
    public async Task ATenThousandRowCsvImportsInBatches()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        const int count = 10_000;
        var rows = Enumerable.Range(1, count).Select(i => new[] { $"批量{tag}客户{i}", null, null, $"地址{i}", null, null });
        var file = ImportFiles.Csv(Headers, rows);

        var watch = Stopwatch.StartNew();
        var job = await factory.ImportAsync("zhang.wei", file, "big.csv", DuplicateMode.Skip);
        watch.Stop();

        Assert.Equal(ImportStatus.Completed, job.Status);
        Assert.Equal((count, count, count, 0), (job.TotalRows, job.ProcessedRows, job.CreatedCount, job.FailedCount));
        Assert.Equal(count, await factory.WithDbAsync(db => db.Customers.CountAsync(c => c.Name.StartsWith($"批量{tag}"))));
        output.WriteLine($"{count} rows in {watch.Elapsed.TotalSeconds:F1} s = {count / watch.Elapsed.TotalSeconds:F0} rows/s");
    }

    [Fact]
    public async Task AFileWithoutANameColumnFailsTheJobWithAMessage()
    {
        var job = await factory.ImportAsync("zhang.wei", ImportFiles.Csv(["Foo", "Bar"], [["1", "2"]]), "wrong.csv", DuplicateMode.Skip);

        Assert.Equal(ImportStatus.Failed, job.Status);
        Assert.Equal("Import.NoNameColumn", ImportMessages.Decode(job.Error!).Code);
    }

    [Fact]
    public async Task RowsOfTheSameFileThatNameTheSameCustomerCreateItOnce()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var code = ImportFiles.NewCreditCode();
        var rows = new List<string?[]>
        {
            new[] { $"重复行{tag}有限公司", code, null, "第一行地址", null, null },
            new[] { $"重复行{tag}有限公司", code, null, "第二行地址", null, null },
        };

        var job = await factory.ImportAsync("zhang.wei", ImportFiles.Csv(Headers, rows), "twice.csv", DuplicateMode.Update);

        Assert.Equal((1, 1, 0), (job.CreatedCount, job.UpdatedCount, job.SkippedCount));
        var customer = await factory.WithDbAsync(db => db.Customers.SingleAsync(c => c.CreditCode == code));
        Assert.Equal("第二行地址", customer.Address);
    }
}
