using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Infrastructure.Customers;

/// <summary>
/// Where uploaded import files are kept (<c>Storage:Path</c>, default <c>App_Data/imports</c> under the
/// content root). Several web instances must share this folder. A job stores only the file's name, a
/// GUID, so the user's file name never reaches the file system.
/// </summary>
public sealed class ImportStorage
{
    public ImportStorage(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string NewFileName(SpreadsheetFormat format) =>
        $"{Guid.NewGuid():N}{(format == SpreadsheetFormat.Csv ? ".csv" : ".xlsx")}";

    /// <summary>The full path of a stored file; a name that tries to leave the folder is refused.</summary>
    public string PathOf(string storedName)
    {
        var path = Path.GetFullPath(Path.Combine(Root, storedName));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException("Stored import path outside the storage folder.");
        return path;
    }
}

public static class ImportSetup
{
    /// <summary>Import and export services; the background worker is registered by the web host.</summary>
    public static IServiceCollection AddCustomerImports(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["Storage:Path"];
        var root = string.IsNullOrWhiteSpace(configured) ? "App_Data/imports" : configured;
        services.AddSingleton(new ImportStorage(Path.IsPathRooted(root) ? root : Path.Combine(contentRoot, root)));
        services.AddScoped<CustomerImporter>();
        return services;
    }
}
