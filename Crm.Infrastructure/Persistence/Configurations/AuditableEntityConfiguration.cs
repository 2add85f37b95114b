using Crm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal static class AuditableEntityConfiguration
{
    /// <summary>The columns every editable record shares; Version is the concurrency token on both providers.</summary>
    public static void ConfigureAuditable<T>(this EntityTypeBuilder<T> builder)
        where T : AuditableEntity
    {
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.CreatedAt);
        builder.Property(e => e.UpdatedAt);
    }
}
