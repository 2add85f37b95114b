using Crm.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal sealed class CrmUserConfiguration : IEntityTypeConfiguration<CrmUser>
{
    public void Configure(EntityTypeBuilder<CrmUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(CrmUser.DisplayNameMaxLength).IsRequired();
        builder.Property(u => u.PhoneNumber).HasMaxLength(32);
        // Identity leaves these unbounded (nvarchar(max) on SQL Server); their real sizes are small.
        builder.Property(u => u.PasswordHash).HasMaxLength(256);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.Property(u => u.ConcurrencyStamp).HasMaxLength(64);
        builder.HasOne(u => u.OrgUnit)
            .WithMany()
            .HasForeignKey(u => u.OrgUnitId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.OrgUnitId);
    }
}
