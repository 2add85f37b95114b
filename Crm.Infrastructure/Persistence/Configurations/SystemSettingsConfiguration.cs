using Crm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal sealed class SystemSettingsConfiguration : IEntityTypeConfiguration<SystemSettings>
{
    public void Configure(EntityTypeBuilder<SystemSettings> builder)
    {
        builder.ToTable("SystemSettings");
        builder.ConfigureAuditable();
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.CompanyName).HasMaxLength(SystemSettings.CompanyNameMaxLength).IsRequired();
        builder.Property(s => s.CompanyAddress).HasMaxLength(SystemSettings.AddressMaxLength);
        builder.Property(s => s.CompanyPhone).HasMaxLength(SystemSettings.PhoneMaxLength);
        builder.Property(s => s.CompanyTaxNumber).HasMaxLength(SystemSettings.TaxNumberMaxLength);
    }
}
