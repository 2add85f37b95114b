using System.Runtime.CompilerServices;
using System.Text;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Infrastructure.Customers;

/// <summary>
/// "Name contains" for customers and contacts, through the trigram indexes of the SQLite migration
/// <c>CustomerNameSearch</c> where they can help. The indexes only narrow the rows: every path still applies
/// <c>Name.Contains(text)</c> (instr on SQLite), so the results are exactly those of the plain scan.
/// <list type="bullet">
/// <item>three characters or more: a phrase query on the trigrams (the term's own trigrams, in order);</item>
/// <item>two characters: the indexed trigrams that begin with the term, from the vocab table, OR-ed in one
///   query — names are indexed with a trailing char(1), so every occurrence begins a trigram;</item>
/// <item>one character, or SQL Server: no index (a scan; one character matches a large share of names anyway).</item>
/// </list>
/// </summary>
public static class CustomerTextSearch
{
    private const string CustomerIndex = "CustomerNameSearch";
    private const string ContactIndex = "ContactNameSearch";

    /// <summary>Ids of customers whose name may contain <paramref name="text"/>; null when no index applies.</summary>
    public static IQueryable<int>? CustomerCandidates(CrmDbContext db, string text) => Candidates(db, CustomerIndex, text);

    /// <summary>Ids of contacts whose name may contain <paramref name="text"/>; null when no index applies.</summary>
    public static IQueryable<int>? ContactCandidates(CrmDbContext db, string text) => Candidates(db, ContactIndex, text);

    /// <summary>Customers (ids) with a contact whose name contains <paramref name="text"/>, for <c>c.Id IN (…)</c>.</summary>
    public static IQueryable<int> CustomersByContactName(CrmDbContext db, string text)
    {
        var candidates = ContactCandidates(db, text);
        var contacts = candidates is null
            ? db.Contacts.Where(k => k.Name.Contains(text))
            : db.Contacts.Where(k => candidates.Contains(k.Id) && k.Name.Contains(text));
        return contacts.Select(k => k.CustomerId);
    }

    private static IQueryable<int>? Candidates(CrmDbContext db, string table, string text)
    {
        if (!db.Database.IsSqlite())
            return null;
        // The table name is one of two constants; the term always travels as a parameter.
        return text.EnumerateRunes().Count() switch
        {
            >= 3 => db.Database.SqlQuery<int>(FormattableStringFactory.Create(
                $$"""SELECT rowid AS "Value" FROM "{{table}}" WHERE "{{table}}" MATCH {0}""", Phrase(text))),
            // From "ab" to "ab" + the last code point: exactly the indexed trigrams that begin with "ab". An
            // empty list would be an FTS syntax error, hence the fallback phrase that matches nothing.
            2 => db.Database.SqlQuery<int>(FormattableStringFactory.Create(
                $$"""
                SELECT rowid AS "Value" FROM "{{table}}" WHERE "{{table}}" MATCH coalesce((
                    SELECT group_concat('"' || replace(term, '"', '""') || '"', ' OR ') FROM "{{table}}Terms" WHERE term >= {0} AND term <= {1}),
                    '"' || char(2, 2, 2) || '"')
                """, text, text + char.ConvertFromUtf32(0x10FFFF))),
            _ => null,
        };
    }

    /// <summary>The term as one FTS5 string (double quotes doubled): every character is literal.</summary>
    private static string Phrase(string text) => new StringBuilder(text.Length + 2).Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
}
