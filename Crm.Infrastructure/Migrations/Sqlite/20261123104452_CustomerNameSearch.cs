using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Migrations.Sqlite
{
    /// <summary>
    /// Substring search on customer and contact names through an index (SQLite only; the EF model is
    /// unchanged). Two contentless FTS5 tables with the trigram tokenizer, case-sensitive like instr(), whose
    /// rowid is the customer's (contact's) Id, and an fts5vocab table over each that lists the indexed
    /// trigrams. Each name is indexed followed by char(1), so that every occurrence of a two-character term —
    /// also at the very end of a name, or a name of two characters — begins some indexed trigram. Triggers
    /// keep the tables in step with every insert, delete and rename. Search terms of three characters or more
    /// are a phrase query; two-character terms are looked up as the trigrams that begin with them (from the
    /// vocab table); one-character terms scan. The query still checks instr() on the name, so the index only
    /// narrows the rows and the results are exactly those of the plain "contains" (CustomerTextSearch).
    /// A later migration that rebuilds the Customers or Contacts table (EF does that on SQLite for some
    /// changes) drops these triggers with it: NameSearchIndexTests then fails, and the triggers must be
    /// created again in that migration.
    /// </summary>
    public partial class CustomerNameSearch : Migration
    {
        private static readonly (string Table, string Index)[] Indexed = [("Customers", "CustomerNameSearch"), ("Contacts", "ContactNameSearch")];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, index) in Indexed)
            {
                migrationBuilder.Sql($"""CREATE VIRTUAL TABLE "{index}" USING fts5("Name", content='', contentless_delete=1, tokenize='trigram case_sensitive 1');""");
                migrationBuilder.Sql($"""CREATE VIRTUAL TABLE "{index}Terms" USING fts5vocab("{index}", 'row');""");
                migrationBuilder.Sql($"""INSERT INTO "{index}" (rowid, "Name") SELECT "Id", "Name" || char(1) FROM "{table}";""");
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_{index}_Insert" AFTER INSERT ON "{table}" BEGIN
                        INSERT INTO "{index}" (rowid, "Name") VALUES (new."Id", new."Name" || char(1));
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_{index}_Delete" AFTER DELETE ON "{table}" BEGIN
                        DELETE FROM "{index}" WHERE rowid = old."Id";
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_{index}_Update" AFTER UPDATE OF "Name" ON "{table}" BEGIN
                        DELETE FROM "{index}" WHERE rowid = old."Id";
                        INSERT INTO "{index}" (rowid, "Name") VALUES (new."Id", new."Name" || char(1));
                    END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, index) in Indexed)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_{index}_Update";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_{index}_Delete";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_{index}_Insert";""");
                migrationBuilder.Sql($"""DROP TABLE IF EXISTS "{index}Terms";""");
                migrationBuilder.Sql($"""DROP TABLE IF EXISTS "{index}";""");
            }
        }
    }
}
