using System.Net;
using System.Text;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Tests.Infrastructure.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Customers;

public sealed class CustomerExport(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private async Task<string> AddCustomerAsync(string ownerUserName, string name)
    {
        return await factory.WithDbAsync(async db =>
        {
            var owner = await db.Users.SingleAsync(u => u.UserName == ownerUserName);
            var customer = new Customer($"T{Guid.NewGuid():N}"[..20].ToUpperInvariant(), new CustomerProfile { Name = name }, owner.OrgUnitId, owner.Id, DateTimeOffset.UtcNow);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer.Code;
        });
    }

    private static async Task<(byte[] Bytes, List<string[]> Rows, HttpResponseMessage Response)> CsvAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/Customers/Export?format=csv" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (bytes, ImportFiles.ParseCsv(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')), response);
    }

    [Fact]
    public async Task ASalesmansExportHoldsOnlyHisOwnCustomers()
    {
        var li = await factory.SignInAsync("li.na", language: "en-US");

        var (_, rows, _) = await CsvAsync(li, string.Empty);

        var zhangCodes = await factory.WithDbAsync(db => db.Customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "zhang.wei")).Select(c => c.Code).ToListAsync());
        var liCount = await factory.WithDbAsync(db => db.Customers.CountAsync(c => c.Status != CustomerStatus.Archived && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "li.na")));
        Assert.Equal("Code", rows[0][0]);
        Assert.Equal(SpreadsheetColumns.Export.Count, rows[0].Length);
        Assert.Equal(liCount, rows.Count - 1);
        Assert.True(liCount > 0);
        Assert.Empty(rows.Skip(1).Select(r => r[0]).Intersect(zhangCodes));
    }

    [Fact]
    public async Task FormulaCellsAreNeutralizedInCsvAndExcelAndTheCsvHasABomAndADatedName()
    {
        var name = "=HYPERLINK(\"http://evil.example\",\"点我\")";
        var code = await AddCustomerAsync("zhang.wei", name);
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var (bytes, rows, response) = await CsvAsync(client, "&Q=" + Uri.EscapeDataString(code));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("客户编号", rows[0][0]);
        Assert.Equal("'" + name, Assert.Single(rows.Skip(1))[1]);
        Assert.Matches(@"customers-\d{8}\.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);

        var xlsx = await client.GetAsync("/Customers/Export?format=xlsx&Q=" + Uri.EscapeDataString(code));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("'" + name, Assert.Single(sheet)["客户名称"]);
    }

    [Fact]
    public async Task EveryExportIsAuditedWithItsFiltersAndRowCount()
    {
        var client = await factory.SignInAsync("zhang.wei");
        var count = await factory.WithDbAsync(db => db.Customers.CountAsync(c => c.Status == CustomerStatus.Prospect && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == "zhang.wei")));

        var (_, rows, _) = await CsvAsync(client, "&Status=Prospect");

        Assert.Equal(count, rows.Count - 1);
        var entry = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.Export && a.UserName == "zhang.wei").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(("Customer", "Status=Prospect", count.ToString(System.Globalization.CultureInfo.InvariantCulture)), (entry.EntityType, entry.EntityKey, entry.NewValue));
    }
}
