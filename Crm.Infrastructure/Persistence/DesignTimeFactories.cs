using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Infrastructure.Persistence;

// Used by `dotnet ef` only. The connection strings are placeholders: adding a migration or generating a
// script needs the model, not a server.
internal sealed class CrmDbContextFactory : IDesignTimeDbContextFactory<CrmDbContext>
{
    public CrmDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CrmDbContext>()
            .UseSqlServer("Server=localhost;Database=Crm;Trusted_Connection=True;TrustServerCertificate=True",
                DatabaseSetup.SqlServerOptions)
            .Options);
}

internal sealed class SqliteCrmDbContextFactory : IDesignTimeDbContextFactory<SqliteCrmDbContext>
{
    public SqliteCrmDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCrmDbContext>()
            .UseSqlite("Data Source=design.db", DatabaseSetup.SqliteOptions)
            .Options);
}
