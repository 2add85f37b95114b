using System.Globalization;
using Crm.Domain.Customers;
using Crm.Infrastructure.Customers;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using CsvHelper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Infrastructure.Customers;

/// <summary>The app with its import storage in a temporary folder of its own.</summary>
public sealed class ImportWebFactory : CrmWebFactory
{
    public string StoragePath { get; } = Path.Combine(Path.GetTempPath(), $"crm-imports-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:Path", StoragePath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(StoragePath, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Uploads, queues and runs an import as the user, the way the worker does, and returns the finished job.</summary>
    public async Task<ImportJob> ImportAsync(string userName, byte[] file, string fileName, DuplicateMode mode)
    {
        await using var scope = Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CrmDbContext>();
        var current = services.GetRequiredService<CurrentUser>();
        current.SetSystem();
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        current.Set((await services.GetRequiredService<UserContextLoader>().LoadAsync(userId))!.Context);

        var importer = services.GetRequiredService<CustomerImporter>();
        var job = await importer.UploadAsync(new MemoryStream(file), fileName);
        job.Queue(mode);
        await db.SaveChangesAsync();
        Assert.True(await importer.RunAsync(job.Id));
        Assert.False(await importer.RunAsync(job.Id));
        return await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == job.Id);
    }

    /// <summary>Runs a job queued through the pages, as its user.</summary>
    public async Task RunQueuedAsync(int jobId)
    {
        await using var scope = Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CrmDbContext>();
        var current = services.GetRequiredService<CurrentUser>();
        current.SetSystem();
        var userId = await db.ImportJobs.Where(j => j.Id == jobId).Select(j => j.UserId).SingleAsync();
        current.Set((await services.GetRequiredService<UserContextLoader>().LoadAsync(userId))!.Context);
        Assert.True(await services.GetRequiredService<CustomerImporter>().RunAsync(jobId));
    }
}

public static class ImportFiles
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static string NewCreditCode()
    {
        var first17 = "91310115" + new string(Enumerable.Range(0, 9).Select(_ => Alphabet[Random.Shared.Next(Alphabet.Length)]).ToArray());
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    /// <summary>The same code with a wrong check character; returns the expected one too.</summary>
    public static (string Code, char Expected, char Actual) WrongCheckCharacter()
    {
        var code = NewCreditCode();
        var actual = code[17] == '0' ? '1' : '0';
        return (code[..17] + actual, code[17], actual);
    }

    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<string?[]> rows)
    {
        var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            foreach (var h in headers)
                csv.WriteField(h);
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                    csv.WriteField(cell ?? string.Empty);
                csv.EndRecord();
            }
        }

        return stream.ToArray();
    }

    public static byte[] Xlsx(IReadOnlyList<string> headers, IEnumerable<string?[]> rows)
    {
        var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows.Select(r => headers.Select((h, i) => (h, (object?)r[i])).ToDictionary(x => x.h, x => x.Item2)).ToList(),
            excelType: MiniExcelLibs.ExcelType.XLSX);
        return stream.ToArray();
    }

    public static List<string[]> ParseCsv(string text)
    {
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (csv.Read())
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
        return rows;
    }

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
