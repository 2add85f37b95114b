using Crm.Domain.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> builder)
    {
        builder.ToTable("OrgUnits");
        builder.ConfigureAuditable();
        builder.Property(o => o.Name).HasMaxLength(OrgUnit.NameMaxLength).IsRequired();
        builder.Property(o => o.Path).HasMaxLength(OrgUnit.PathMaxLength).IsUnicode(false).IsRequired();
        builder.HasIndex(o => o.Path).IsUnique();
        builder.Ignore(o => o.Depth);
        builder.HasOne(o => o.Parent)
            .WithMany(o => o.Children)
            .HasForeignKey(o => o.ParentId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(o => o.Children).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
