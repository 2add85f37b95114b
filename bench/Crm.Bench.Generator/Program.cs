using System.Diagnostics;
using Crm.Bench.Generator;

// dotnet run -c Release --project bench/Crm.Bench.Generator -- --db bench/data/bench.db --customers 1000000 --salespeople 200 --seed 42 [--children] [--orders 2000000] [--reuse] [--keep-indexes]
//   or: ... --db bench/data/bench.db --import-file bench/data/import-100000.csv --rows 100000 --seed 7
var options = GeneratorOptions.Parse(args);
var total = Stopwatch.StartNew();
if (options.ImportFile is { } importFile)
{
    // --import-file out.csv --rows N: a file for the import scenario, drawn against an existing data set (--db).
    ImportFile.Write(options.Db, importFile, options.Rows, options.Seed);
    Console.WriteLine($"import file {importFile}: {options.Rows:N0} rows in {total.Elapsed.TotalSeconds:F1} s");
    return 0;
}

if (options.Reuse && File.Exists(options.Db) && Generator.Matches(options) is var reuse and not Generator.Reuse.No)
{
    if (reuse == Generator.Reuse.Migrate)
    {
        // Made before the latest migrations: brought forward the way the app upgrades a live database.
        var migrating = Stopwatch.StartNew();
        await Bootstrap.RunAsync(options.Db);
        Generator.MarkMigrated(options);
        Console.WriteLine($"Reusing {options.Db}: migrated to the current schema in {migrating.Elapsed.TotalSeconds:F1} s.");
    }

    Console.WriteLine($"Reusing {options.Db}: counts match ({options.Customers} bench customers).");
    return 0;
}

foreach (var suffix in new[] { "", "-wal", "-shm" })
    File.Delete(options.Db + suffix);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Db))!);

var sw = Stopwatch.StartNew();
await Bootstrap.RunAsync(options.Db);
Console.WriteLine($"schema + seed (migrations, roles, dictionary, demo accounts): {sw.Elapsed.TotalSeconds:F1} s");

Generator.Run(options);
Console.WriteLine($"total: {total.Elapsed.TotalSeconds:F1} s");
return 0;

internal sealed record GeneratorOptions(string Db, int Customers, int Salespeople, int Seed, bool Children, bool Reuse, int Batch, bool KeepIndexes, string? ImportFile, int Rows, int Orders)
{
    public static GeneratorOptions Parse(string[] args)
    {
        string db = "bench/data/bench.db";
        int customers = 10_000, salespeople = 200, seed = 42, batch = 10_000, rows = 100_000, orders = 0;
        string? importFile = null;
        bool children = false, reuse = false, keepIndexes = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--db": db = args[++i]; break;
                case "--customers": customers = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--salespeople": salespeople = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--children": children = true; break;
                case "--reuse": reuse = true; break;
                case "--keep-indexes": keepIndexes = true; break;
                case "--import-file": importFile = args[++i]; break;
                case "--orders": orders = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--rows": rows = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return new GeneratorOptions(db, customers, salespeople, seed, children, reuse, batch, keepIndexes, importFile, rows, orders);
    }
}
