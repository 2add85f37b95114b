using Crm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal sealed class DictionaryItemConfiguration : IEntityTypeConfiguration<DictionaryItem>
{
    public void Configure(EntityTypeBuilder<DictionaryItem> builder)
    {
        builder.ToTable("DictionaryItems");
        builder.ConfigureAuditable();
        builder.Property(d => d.Category).HasMaxLength(DictionaryItem.CategoryMaxLength).IsUnicode(false).IsRequired();
        builder.Property(d => d.Code).HasMaxLength(DictionaryItem.CodeMaxLength).IsUnicode(false).IsRequired();
        builder.Property(d => d.NameZh).HasMaxLength(DictionaryItem.NameMaxLength).IsRequired();
        builder.Property(d => d.NameEn).HasMaxLength(DictionaryItem.NameMaxLength).IsRequired();
        builder.HasIndex(d => new { d.Category, d.Code }).IsUnique();
        // Dropdowns: the active items of one category in their order.
        builder.HasIndex(d => new { d.Category, d.IsActive, d.SortOrder });
    }
}
