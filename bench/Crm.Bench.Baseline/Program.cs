using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Data.Sqlite;

// The physical limit the customer list page is measured against: the same two statements the list page
// sends (page + capped count, copied from EF's command log), run with plain ADO.NET, and HTML of the same
// size and shape (20 rows, same markup and entity encoding, same-sized chrome). No auth: the user is a
// query parameter. Loopback only.
//   GET /customers?owner=<guid>&page=1[&regionId=][&levelId=][&q=][&scope=own|subtree&from=&to=][&sql=direct][&explain=true]
// scope=own (default, a salesman): the data-scope filter plus the repeated "OwnerId = @me" the app adds.
// scope=subtree (a manager of a large subtree, e.g. manager.east): the data-scope filter alone, as the app sends it.
// sql=direct replaces the scope filter by "OwnerId = @owner" alone (what the index gives a salesman).
// q: the app's name search — FTS5 trigram phrase (3+ characters), vocab-expanded trigrams (2), scan (1).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var db = builder.Configuration["Db"] ?? throw new InvalidOperationException("--Db=<path to bench.db> is required.");
var connectionString = new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
var app = builder.Build();

var encoder = HtmlEncoder.Default;
var dictionary = new Dictionary<int, string>();
var users = new Dictionary<string, string>();
var units = new Dictionary<long, string>();
var chrome = new StringBuilder();
using (var connection = new SqliteConnection(connectionString))
{
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT Id, Category, NameZh FROM DictionaryItems ORDER BY Category, SortOrder";
    var options = new StringBuilder();
    using (var reader = command.ExecuteReader())
    {
        while (reader.Read())
        {
            dictionary[reader.GetInt32(0)] = reader.GetString(2);
            if (reader.GetString(1) is "CustomerLevel" or "Region" or "Industry")
                options.Append(CultureInfo.InvariantCulture, $"<option value=\"{reader.GetInt32(0)}\">{encoder.Encode(reader.GetString(2))}</option>\n");
        }
    }

    // The same chrome size as the real page (layout, menu, filter form): padded so that the whole page is ~39 KB like the real one.
    chrome.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\" /><title>")
        .Append(encoder.Encode("客户 - CRM")).Append("</title><link rel=\"stylesheet\" href=\"/lib/bootstrap/css/bootstrap.min.css\" /></head><body>\n");
    chrome.Append("<form method=\"get\" class=\"row g-2\"><select name=\"levelId\" class=\"form-select\">").Append(options).Append("</select></form>\n");
    while (Encoding.UTF8.GetByteCount(chrome.ToString()) < 19_100)
        chrome.Append("<li class=\"nav-item\"><a class=\"nav-link\" href=\"/Customers/Customers\">").Append(encoder.Encode("客户管理")).Append("</a></li>\n");
}

// The list counts matches only up to this many (Crm.Web PageInfo.CountCap), without the sort (PagingExtensions.Unordered).
const int CountCap = 1_000;

const string Columns = """
    SELECT "c"."Id", "c"."Code", "c"."Name", "c"."Type", "c"."Status", (
        SELECT "d"."NameZh" FROM "DictionaryItems" AS "d" WHERE "d"."Id" = "c"."LevelId" LIMIT 1), (
        SELECT "d0"."NameZh" FROM "DictionaryItems" AS "d0" WHERE "d0"."Id" = "c"."RegionId" LIMIT 1), (
        SELECT "d1"."NameZh" FROM "DictionaryItems" AS "d1" WHERE "d1"."Id" = "c"."IndustryId" LIMIT 1), (
        SELECT "a"."DisplayName" FROM "AspNetUsers" AS "a" WHERE "a"."Id" = "c"."OwnerId" LIMIT 1), (
        SELECT "o0"."Name" FROM "OrgUnits" AS "o0" WHERE "o0"."Id" = "c"."OrgUnitId" LIMIT 1), "c"."Phone", "c"."LastInteractionAt", "c"."CreatedAt"
    FROM "Customers" AS "c"
    """;
const string Scope = """
    (@ef_filter__ScopeAll4 OR (@ef_filter__p3 AND "c"."OwnerId" = @ef_filter__ScopeUserId) OR (@ef_filter__ScopeSubtree8 AND EXISTS (
        SELECT 1 FROM "OrgUnits" AS "o"
        WHERE "o"."Id" = "c"."OrgUnitId" AND "o"."Path" >= @ef_filter__ScopePathFrom AND "o"."Path" < @ef_filter__ScopePathTo)))
    """;
const string ContactScope = """
    (@ef_filter__ScopeAll4 OR EXISTS (
        SELECT 1 FROM "Customers" AS "c1"
        WHERE (@ef_filter__ScopeAll4 OR (@ef_filter__p3 AND "c1"."OwnerId" = @ef_filter__ScopeUserId) OR (@ef_filter__ScopeSubtree8 AND EXISTS (
            SELECT 1 FROM "OrgUnits" AS "o0"
            WHERE "o0"."Id" = "c1"."OrgUnitId" AND "o0"."Path" >= @ef_filter__ScopePathFrom AND "o0"."Path" < @ef_filter__ScopePathTo))) AND "c1"."Id" = "c0"."CustomerId"))
    """;

// CustomerTextSearch's candidate query for one FTS table, by the term's length in code points.
static string? Candidates(string table, string q, string p0, string p1) => q.EnumerateRunes().Count() switch
{
    >= 3 => $"""SELECT rowid AS "Value" FROM "{table}" WHERE "{table}" MATCH {p0}""",
    2 => $"""
        SELECT rowid AS "Value" FROM "{table}" WHERE "{table}" MATCH coalesce((
            SELECT group_concat('"' || replace(term, '"', '""') || '"', ' OR ') FROM "{table}Terms" WHERE term >= {p0} AND term <= {p1}),
            '"' || char(2, 2, 2) || '"')
        """,
    _ => null,
};

static string SearchSql(string q)
{
    var customers = Candidates("CustomerNameSearch", q, "@p0", "@p1");
    var contacts = Candidates("ContactNameSearch", q, "@p2", "@p3");
    var byContact = $"""
        "c"."Id" IN (
            SELECT "c0"."CustomerId" FROM "Contacts" AS "c0"
            WHERE {ContactScope} AND {(contacts is null ? "" : $"\"c0\".\"Id\" IN (SELECT \"s0\".\"Value\" FROM ({contacts}) AS \"s0\") AND ")}instr("c0"."Name", @text) > 0)
        """;
    return customers is null
        ? $""" AND (instr("c"."Name", @q) > 0 OR "c"."Code" = @upper OR {byContact})"""
        : $""" AND (("c"."Id" IN (SELECT "s"."Value" FROM ({customers}) AS "s") AND instr("c"."Name", @q) > 0) OR "c"."Code" = @upper OR {byContact})""";
}

app.MapGet("/customers", async (string owner, int? page, int? regionId, int? levelId, string? q, string? scope, string? from, string? to, string? sql, bool? explain) =>
{
    var number = Math.Clamp(page ?? 1, 1, 200);
    var subtree = scope == "subtree";
    var where = new StringBuilder(" WHERE ");
    where.Append(sql == "direct" ? "\"c\".\"OwnerId\" = @ef_filter__ScopeUserId" : Scope);
    if (sql != "direct" && !subtree)
        where.Append(" AND \"c\".\"OwnerId\" = @me");
    var term = q?.Trim();
    if (!string.IsNullOrEmpty(term))
        where.Append(SearchSql(term));
    where.Append(" AND \"c\".\"Status\" <> 'Archived'");
    if (levelId is not null)
        where.Append(" AND \"c\".\"LevelId\" = @level");
    if (regionId is not null)
        where.Append(" AND \"c\".\"RegionId\" = @region");
    const string order = " ORDER BY \"c\".\"Id\" DESC";

    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    void Bind(SqliteCommand c)
    {
        c.Parameters.AddWithValue("@ef_filter__ScopeAll4", 0);
        c.Parameters.AddWithValue("@ef_filter__p3", 1);
        c.Parameters.AddWithValue("@ef_filter__ScopeUserId", owner.ToUpperInvariant());
        c.Parameters.AddWithValue("@me", owner.ToUpperInvariant());
        c.Parameters.AddWithValue("@ef_filter__ScopeSubtree8", subtree ? 1 : 0);
        c.Parameters.AddWithValue("@ef_filter__ScopePathFrom", subtree ? from ?? "" : "0001");
        c.Parameters.AddWithValue("@ef_filter__ScopePathTo", subtree ? to ?? "" : "0002");
        if (!string.IsNullOrEmpty(term))
        {
            var phrase = "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var twoCharacters = term.EnumerateRunes().Count() == 2;
            var last = term + char.ConvertFromUtf32(0x10FFFF);
            c.Parameters.AddWithValue("@q", term);
            c.Parameters.AddWithValue("@text", term);
            c.Parameters.AddWithValue("@upper", term.ToUpperInvariant());
            c.Parameters.AddWithValue("@p0", twoCharacters ? term : phrase);
            c.Parameters.AddWithValue("@p1", last);
            c.Parameters.AddWithValue("@p2", twoCharacters ? term : phrase);
            c.Parameters.AddWithValue("@p3", last);
        }

        if (levelId is not null)
            c.Parameters.AddWithValue("@level", levelId.Value);
        if (regionId is not null)
            c.Parameters.AddWithValue("@region", regionId.Value);
    }

    command.CommandText = Columns + where + order + " LIMIT @p6 OFFSET @p";
    Bind(command);
    command.Parameters.AddWithValue("@p6", 21);
    command.Parameters.AddWithValue("@p", (number - 1) * 20);
    if (explain == true)
    {
        // The SQLite query plan of the page query, with the same bound parameters.
        var plan = new StringBuilder();
        foreach (var (label, text) in new[] { ("page", command.CommandText), ("count", "SELECT COUNT(*) FROM (SELECT 1 FROM \"Customers\" AS \"c\"" + where + " LIMIT @p) AS \"c0\"") })
        {
            command.CommandText = "EXPLAIN QUERY PLAN " + text;
            plan.Append("-- ").Append(label).Append(" query\n");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                plan.Append(reader.GetInt32(0)).Append('|').Append(reader.GetInt32(1)).Append('|').Append(reader.GetString(3)).Append('\n');
        }

        return Results.Text(plan.ToString());
    }


    var html = new StringBuilder(48 * 1024);
    html.Append(chrome);
    html.Append("<table class=\"table table-hover align-middle\"><thead><tr><th>编号</th><th>名称</th><th>状态</th><th>级别</th><th>地区</th><th>行业</th><th>负责人</th><th>电话</th><th>最近联系</th></tr></thead><tbody>\n");
    var rows = 0;
    await using (var reader = await command.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync() && rows < 20)
        {
            rows++;
            var last = reader.IsDBNull(12) ? null : FromBinary(reader.GetInt64(12)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            html.Append("<tr>\n                        <td><code>").Append(encoder.Encode(reader.GetString(1))).Append("</code></td>\n")
                .Append("                        <td><a class=\"fw-semibold\" href=\"/Customers/Customers/Details/").Append(reader.GetInt64(0)).Append("\">").Append(encoder.Encode(reader.GetString(2))).Append("</a></td>\n")
                .Append("                        <td><span class=\"badge text-bg-danger\" data-status=\"").Append(reader.GetString(4)).Append("\">").Append(encoder.Encode(reader.GetString(4))).Append("</span></td>\n")
                .Append("                        <td class=\"d-none d-lg-table-cell\">").Append(encoder.Encode(reader.IsDBNull(5) ? "" : reader.GetString(5))).Append("</td>\n")
                .Append("                        <td class=\"d-none d-lg-table-cell\">").Append(encoder.Encode(reader.IsDBNull(6) ? "" : reader.GetString(6))).Append("</td>\n")
                .Append("                        <td class=\"d-none d-xl-table-cell\">").Append(encoder.Encode(reader.IsDBNull(7) ? "" : reader.GetString(7))).Append("</td>\n")
                .Append("                        <td>").Append(encoder.Encode(reader.IsDBNull(8) ? "" : reader.GetString(8))).Append("<div class=\"small text-body-secondary\">").Append(encoder.Encode(reader.IsDBNull(9) ? "" : reader.GetString(9))).Append("</div></td>\n")
                .Append("                        <td class=\"d-none d-md-table-cell text-nowrap\">").Append(encoder.Encode(reader.IsDBNull(10) ? "" : reader.GetString(10))).Append("</td>\n")
                .Append("                        <td class=\"d-none d-md-table-cell text-nowrap small\">").Append(last).Append("</td>\n                    </tr>\n");
        }
    }

    command.Parameters.Clear();
    command.CommandText = "SELECT COUNT(*) FROM (SELECT 1 FROM \"Customers\" AS \"c\"" + where + " LIMIT @p) AS \"c0\"";
    Bind(command);
    command.Parameters.AddWithValue("@p", CountCap + 1);
    var total = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);

    html.Append("</tbody></table>\n<nav><ul class=\"pagination\"><li class=\"page-item\"><span class=\"page-link\">")
        .Append(number).Append(" / ").Append(Math.Min(200, (Math.Min(total, CountCap) + 19) / 20)).Append(total > CountCap ? "+" : "")
        .Append("</span></li></ul></nav>\n<script src=\"/lib/bootstrap/js/bootstrap.bundle.min.js\"></script></body></html>\n");
    return Results.Content(html.ToString(), "text/html; charset=utf-8");
});

app.MapGet("/", () => "baseline");
app.Run();

// EF Core's DateTimeOffsetToBinaryConverter, decoded.
static DateTimeOffset FromBinary(long value)
{
    var ticks = (value >> 11) * 1000;
    var offset = TimeSpan.FromMinutes((value << 53) >> 53);
    return new DateTimeOffset(ticks, offset);
}
