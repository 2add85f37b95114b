using Crm.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal sealed class CrmRoleConfiguration : IEntityTypeConfiguration<CrmRole>
{
    public void Configure(EntityTypeBuilder<CrmRole> builder)
    {
        builder.Property(r => r.Description).HasMaxLength(CrmRole.DescriptionMaxLength);
        builder.Property(r => r.ConcurrencyStamp).HasMaxLength(64);
    }
}
