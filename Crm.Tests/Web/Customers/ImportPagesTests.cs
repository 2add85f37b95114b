using System.Net;
using System.Text;
using Crm.Domain.Customers;
using Crm.Tests.Infrastructure.Customers;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Customers;

public sealed class ImportPages(ImportWebFactory factory) : IClassFixture<ImportWebFactory>
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName)
    {
        var page = await client.GetDocumentAsync("/Customers/Imports");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", fileName },
        };
        return await client.PostAsync("/Customers/Imports/Upload", form);
    }

    [Fact]
    public async Task UploadPreviewQueueAndReportShowTheBadCreditCodeWithItsRowAndPreciseMessage()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "en-US");
        var bad = ImportFiles.WrongCheckCharacter();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var file = ImportFiles.Csv(["Customer name", "Unified social credit code"], [[$"Good {tag}", null], [$"Bad {tag}", bad.Code]]);

        var upload = await UploadAsync(client, file, "mine.csv");
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await client.GetDocumentAsync(previewUrl);
        var expected = $"The check character (18th) of the unified social credit code should be \"{bad.Expected}\", not \"{bad.Actual}\". Please check the code for a typo.";
        Assert.Contains(expected, preview.QuerySelector("[data-testid=preview-row][data-row='3'] [data-testid=row-check]")!.TextContent);
        Assert.Contains("New customer", preview.QuerySelector("[data-testid=preview-row][data-row='2'] [data-testid=row-duplicate]")!.TextContent);

        var id = int.Parse(previewUrl.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var queued = await client.PostFormAsync($"/Customers/Imports/Queue/{id}", new Dictionary<string, string> { ["mode"] = "Skip" }, previewUrl);
        Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
        var waiting = await client.GetDocumentAsync($"/Customers/Imports/Details/{id}");
        Assert.NotNull(waiting.QuerySelector("[data-testid=import-progress]"));
        Assert.NotNull(waiting.QuerySelector("[data-testid=refresh]"));

        await factory.RunQueuedAsync(id);

        var status = await client.GetStringAsync($"/Customers/Imports/Status/{id}");
        Assert.Contains("\"finished\":true", status);
        var report = await client.GetDocumentAsync($"/Customers/Imports/Details/{id}");
        Assert.Equal("1", report.Text("[data-testid=count-created]"));
        Assert.Equal("1", report.Text("[data-testid=count-failed]"));
        var failure = report.QuerySelector("[data-testid=failure]")!;
        Assert.Equal("3", failure.GetAttribute("data-row"));
        Assert.Contains("Unified social credit code", failure.TextContent);
        Assert.Contains(expected, failure.TextContent);

        var csv = await client.GetStringAsync($"/Customers/Imports/Errors/{id}");
        var lines = ImportFiles.ParseCsv(csv.TrimStart('\uFEFF'));
        Assert.Equal(["Row", "Column", "Reason"], lines[0]);
        Assert.Equal(["3", "Unified social credit code", expected], lines[1]);
    }

    [Fact]
    public async Task AnotherUsersImportJobAnswers404()
    {
        var id = await factory.WithDbAsync(async db =>
        {
            var zhang = await db.Users.SingleAsync(u => u.UserName == "zhang.wei");
            var job = new ImportJob(zhang.Id, ImportKind.Customers, "zhang.csv", "missing.csv");
            job.Queue(DuplicateMode.Skip);
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
        var li = await factory.SignInAsync("li.na");
        var admin = await factory.SignInAsync("admin");
        var zhangClient = await factory.SignInAsync("zhang.wei");

        foreach (var action in new[] { "Details", "Status", "Errors", "Preview" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await li.GetAsync($"/Customers/Imports/{action}/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Customers/Imports/{action}/{id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await zhangClient.GetAsync($"/Customers/Imports/Details/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("en-US", "csv", "Customer name")]
    [InlineData("zh-CN", "csv", "客户名称")]
    [InlineData("en-US", "xlsx", "Customer name")]
    [InlineData("zh-CN", "xlsx", "客户名称")]
    public async Task TheTemplateHasTheHeadersInTheUsersLanguage(string language, string format, string firstHeader)
    {
        var client = await factory.SignInAsync("zhang.wei", language: language);

        var response = await client.GetAsync($"/Customers/Imports/Template?format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        string[] headers;
        if (format == "csv")
        {
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            headers = ImportFiles.ParseCsv(Encoding.UTF8.GetString(bytes[3..]))[0];
        }
        else
        {
            headers = MiniExcelLibs.MiniExcel.GetColumns(new MemoryStream(bytes), useHeaderRow: true).ToArray();
        }

        Assert.Equal(firstHeader, headers[0]);
        Assert.Equal(Crm.Infrastructure.Customers.SpreadsheetColumns.Import.Count, headers.Length);
    }

    [Fact]
    public async Task AFileOfAnotherKindIsRefusedWithAMessage()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "en-US");

        var response = await UploadAsync(client, Encoding.UTF8.GetBytes("hello"), "notes.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("Only .csv and .xlsx files can be imported.", page.QuerySelector(".alert-danger")!.TextContent);
    }
}
