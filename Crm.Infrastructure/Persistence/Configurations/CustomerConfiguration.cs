using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("Customers");
        builder.ConfigureAuditable();
        builder.Property(c => c.Code).HasMaxLength(Customer.CodeMaxLength).IsUnicode(false).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength).IsRequired();
        builder.Property(c => c.NormalizedName).HasMaxLength(Customer.NameMaxLength).IsRequired();
        builder.Property(c => c.Address).HasMaxLength(Customer.AddressMaxLength);
        builder.Property(c => c.Postcode).HasMaxLength(Customer.PostcodeMaxLength).IsUnicode(false);
        builder.Property(c => c.Phone).HasMaxLength(Customer.PhoneMaxLength);
        builder.Property(c => c.PhoneKey).HasMaxLength(Customer.PhoneMaxLength).IsUnicode(false);
        builder.Property(c => c.Fax).HasMaxLength(Customer.PhoneMaxLength);
        builder.Property(c => c.Website).HasMaxLength(Customer.WebsiteMaxLength);
        builder.Property(c => c.CreditCode).HasMaxLength(UnifiedSocialCreditCode.Length).IsUnicode(false);
        builder.Property(c => c.LegalRepresentative).HasMaxLength(Customer.PersonNameMaxLength);
        builder.Property(c => c.RegisteredCapital).HasPrecision(18, 2);
        builder.Property(c => c.AnnualRevenue).HasPrecision(18, 2);
        builder.Property(c => c.LifetimeRevenue).HasPrecision(18, 2);
        builder.Property(c => c.BankName).HasMaxLength(Customer.BankNameMaxLength);
        builder.Property(c => c.BankAccount).HasMaxLength(Customer.BankAccountMaxLength).IsUnicode(false);
        builder.Property(c => c.Remarks).HasMaxLength(Customer.RemarksMaxLength);
        builder.Ignore(c => c.IsInPool);

        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(c => c.LevelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(c => c.IndustryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(c => c.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Restrict);

        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.PoolEvents).WithOne().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.PoolEvents).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(c => c.Code).IsUnique();
        // Duplicate detection keys.
        builder.HasIndex(c => c.CreditCode);
        builder.HasIndex(c => c.PhoneKey);
        builder.HasIndex(c => c.NormalizedName);
        // The list of one owner's book (Own scope) and of one unit's (Unit scope) in its default order, newest
        // first: the rows come in Id order from the index, and the list's usual filters (status, level, region,
        // industry) are read from the index too, so SQLite neither reads a skipped row of a deep page nor a row
        // the filters reject, and the capped count is index-only (1,000,000 customers, a book of 4,820: count
        // 4 ms → 0.4 ms, page 200 13 ms → 0.8 ms, level+region count 17 ms → 1 ms; bench/results).
        builder.HasIndex(c => new { c.OwnerId, c.Id, c.Status, c.LevelId, c.RegionId, c.IndustryId });
        // Sorting by name: over all customers, and within one owner's book.
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => new { c.OwnerId, c.Name });
        builder.HasIndex(c => new { c.OrgUnitId, c.Id, c.Status, c.LevelId, c.RegionId, c.IndustryId });
        builder.HasIndex(c => new { c.Status, c.Id });
        builder.HasIndex(c => c.CreatedAt);
        builder.HasIndex(c => c.LastInteractionAt);
        builder.HasIndex(c => c.LastOrderAt);
    }
}

internal sealed class CustomerPoolEventConfiguration : IEntityTypeConfiguration<CustomerPoolEvent>
{
    public void Configure(EntityTypeBuilder<CustomerPoolEvent> builder)
    {
        builder.ToTable("CustomerPoolEvents");
        builder.Property(e => e.Reason).HasMaxLength(CustomerPoolEvent.ReasonMaxLength);
        builder.HasIndex(e => new { e.CustomerId, e.At });
        // The daily claim cap counts one user's claims since midnight.
        builder.HasIndex(e => new { e.ToUserId, e.Kind, e.At });
    }
}
