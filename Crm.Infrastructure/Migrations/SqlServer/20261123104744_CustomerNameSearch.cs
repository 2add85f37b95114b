using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Migrations.SqlServer
{
    /// <summary>
    /// Deliberately empty: the SQLite migration of the same name adds a trigram index for name search. On SQL
    /// Server the search stays LIKE '%term%'. A full-text index would not give the same results: CONTAINS
    /// matches words and prefixes found by a language's word breaker, not arbitrary substrings, and Chinese
    /// company names are broken into words differently from what users type (瑞丰 inside 上海瑞丰科技…).
    /// Substring search at scale on SQL Server would need an n-gram table of our own; until the SQL Server
    /// deployment needs it, the scan is the honest implementation. Kept so both providers have the same
    /// migration names.
    /// </summary>
    public partial class CustomerNameSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
