using System.Globalization;
using System.Text;
using Crm.Domain.Customers;
using Col = Crm.Infrastructure.Customers.SpreadsheetColumns;

namespace Crm.Bench.Generator;

/// <summary>
/// A customer file in the import format (the template's Chinese headers, <see cref="Col.Import"/>), with values
/// drawn like the generator's customers: dictionary names as a user would type them (read from the data set),
/// valid credit codes, phones, no owner (the importer's own). Names come from the same space as the data
/// set's, so a few per cent match an existing customer and are reported as duplicates, as in real life.
/// </summary>
internal static class ImportFile
{
    public static void Write(string db, string path, int rows, int seed)
    {
        var names = new Dictionary<(string Category, string Code), string>();
        using (var connection = Generator.Open(db))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Category, Code, NameZh FROM DictionaryItems WHERE IsActive = 1";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                names[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        }

        string[] Of(string category) => names.Where(n => n.Key.Category == category).Select(n => n.Value).Order(StringComparer.Ordinal).ToArray();
        var levels = Of("CustomerLevel");
        var sources = Of("Source");
        var random = new Random(seed);
        var weights = Generator.Cities.Select(c => c.Weight).ToArray();

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.NewLine = "\r\n";
        writer.WriteLine(string.Join(',', Col.Import.Select(c => c.Zh)));
        var values = new Dictionary<string, string>();
        for (var i = 0; i < rows; i++)
        {
            var city = Generator.Cities[Generator.Weighted(random, weights)];
            var trade = Generator.Trades[random.Next(Generator.Trades.Length)];
            var first17 = "91" + city.Division + Generator.RandomCredit(random);
            values.Clear();
            values[Col.Name.Key] = $"{city.City}{Generator.BrandChars[random.Next(Generator.BrandChars.Length)]}{Generator.BrandChars[random.Next(Generator.BrandChars.Length)]}{trade.Word}{Generator.Suffixes[random.Next(Generator.Suffixes.Length)]}";
            values[Col.Type.Key] = "公司";
            values[Col.Level.Key] = levels[random.Next(levels.Length)];
            values[Col.Region.Key] = names[("Region", city.Region)];
            values[Col.Industry.Key] = names[("Industry", trade.Industry)];
            values[Col.Source.Key] = sources[random.Next(sources.Length)];
            values[Col.CreditCode.Key] = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
            values[Col.Phone.Key] = $"{city.AreaCode}-{random.Next(5000_0000, 8999_9999)}";
            values[Col.Address.Key] = $"{city.City}市{Generator.Streets[random.Next(Generator.Streets.Length)]}{random.Next(1, 999)}号";
            values[Col.Postcode.Key] = city.Division[..2] + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
            values[Col.LegalRepresentative.Key] = Generator.PersonName(random);
            values[Col.RegisteredCapital.Key] = (random.Next(100, 50_000) * 10_000).ToString(CultureInfo.InvariantCulture);
            values[Col.AnnualRevenue.Key] = (random.Next(50, 5000) * 10_000).ToString(CultureInfo.InvariantCulture);
            values[Col.Satisfaction.Key] = random.Next(1, 6).ToString(CultureInfo.InvariantCulture);
            values[Col.CreditRating.Key] = random.Next(1, 6).ToString(CultureInfo.InvariantCulture);
            writer.WriteLine(string.Join(',', Col.Import.Select(c => values.TryGetValue(c.Key, out var v) ? Csv(v) : string.Empty)));
        }
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
