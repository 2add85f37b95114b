using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal sealed class ProductCategoryConfiguration : IEntityTypeConfiguration<ProductCategory>
{
    public void Configure(EntityTypeBuilder<ProductCategory> builder)
    {
        builder.ToTable("ProductCategories");
        builder.ConfigureAuditable();
        builder.Property(c => c.Name).HasMaxLength(ProductCategory.NameMaxLength).IsRequired();
        builder.HasOne<ProductCategory>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("Products");
        builder.ConfigureAuditable();
        builder.Property(p => p.Code).HasMaxLength(Product.CodeMaxLength).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(Product.NameMaxLength).IsRequired();
        builder.Property(p => p.Specification).HasMaxLength(Product.SpecificationMaxLength);
        builder.Property(p => p.Description).HasMaxLength(Product.DescriptionMaxLength);
        builder.Property(p => p.ListPrice).HasPrecision(18, 2);
        builder.Property(p => p.FloorPrice).HasPrecision(18, 2);
        builder.HasOne<ProductCategory>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Prices).WithOne().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Prices).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.PriceChanges).WithOne().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.PriceChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.HasIndex(p => p.Name);
        builder.HasIndex(p => new { p.CategoryId, p.Name });
        builder.HasIndex(p => new { p.Status, p.Name });
    }
}

internal sealed class ProductPriceConfiguration : IEntityTypeConfiguration<ProductPrice>
{
    public void Configure(EntityTypeBuilder<ProductPrice> builder)
    {
        builder.ToTable("ProductPrices");
        builder.Property(p => p.Amount).HasPrecision(18, 2);
        builder.HasIndex(p => new { p.ProductId, p.Type }).IsUnique();
    }
}

internal sealed class ProductPriceChangeConfiguration : IEntityTypeConfiguration<ProductPriceChange>
{
    public void Configure(EntityTypeBuilder<ProductPriceChange> builder)
    {
        builder.ToTable("ProductPriceChanges");
        builder.Property(c => c.OldAmount).HasPrecision(18, 2);
        builder.Property(c => c.NewAmount).HasPrecision(18, 2);
        builder.HasIndex(c => new { c.ProductId, c.ChangedAt });
    }
}

internal sealed class CustomerLevelPriceTypeConfiguration : IEntityTypeConfiguration<CustomerLevelPriceType>
{
    public void Configure(EntityTypeBuilder<CustomerLevelPriceType> builder)
    {
        builder.ToTable("CustomerLevelPriceTypes");
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(m => m.LevelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.LevelId).IsUnique();
    }
}

internal sealed class WarehouseConfiguration : IEntityTypeConfiguration<Warehouse>
{
    public void Configure(EntityTypeBuilder<Warehouse> builder)
    {
        builder.ToTable("Warehouses");
        builder.ConfigureAuditable();
        builder.Property(w => w.Code).HasMaxLength(Warehouse.CodeMaxLength).IsRequired();
        builder.Property(w => w.Name).HasMaxLength(Warehouse.NameMaxLength).IsRequired();
        builder.Property(w => w.Address).HasMaxLength(Warehouse.AddressMaxLength);
        builder.HasIndex(w => w.Code).IsUnique();
    }
}

internal sealed class StockLevelConfiguration : IEntityTypeConfiguration<StockLevel>
{
    public void Configure(EntityTypeBuilder<StockLevel> builder)
    {
        builder.ToTable("StockLevels", t => t.HasCheckConstraint("CK_StockLevels_Quantities", "\"OnHand\" >= 0 AND \"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\""));
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.Available);
        builder.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Warehouse>().WithMany().HasForeignKey(s => s.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ProductId, s.WarehouseId }).IsUnique();
        builder.HasIndex(s => s.WarehouseId);
    }
}

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> builder)
    {
        builder.ToTable("StockMovements");
        builder.Property(m => m.Note).HasMaxLength(StockMovement.NoteMaxLength);
        builder.HasOne<Product>().WithMany().HasForeignKey(m => m.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Warehouse>().WithMany().HasForeignKey(m => m.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(m => m.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Return>().WithMany().HasForeignKey(m => m.ReturnId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.ProductId, m.WarehouseId, m.OccurredAt });
        builder.HasIndex(m => m.OccurredAt);
    }
}

internal static class SalesDocumentConfiguration
{
    public static void ConfigureDocument<TDocument, TLine>(this EntityTypeBuilder<TDocument> builder)
        where TDocument : SalesDocument<TLine>
        where TLine : SalesLine
    {
        builder.ConfigureAuditable();
        builder.Property(d => d.Number).HasMaxLength(SalesDocument<TLine>.NumberMaxLength).IsUnicode(false).IsRequired();
        builder.Property(d => d.Remarks).HasMaxLength(SalesDocument<TLine>.RemarksMaxLength);
        builder.Property(d => d.Total).HasPrecision(18, 2);
        builder.Ignore(d => d.NeedsApproval);
        builder.Ignore(d => d.IsPriceCleared);
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(d => d.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(d => d.SalesmanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(d => d.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(d => d.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(d => d.Number).IsUnique();
        // The list sorts by date, newest first; each filter has an index ending in date and id.
        builder.HasIndex(d => new { d.Date, d.Id });
        builder.HasIndex(d => new { d.CustomerId, d.Date });
        builder.HasIndex(d => new { d.SalesmanId, d.Date });
        builder.HasIndex(d => new { d.OrgUnitId, d.Date });
    }

    public static void ConfigureLine<TLine>(this EntityTypeBuilder<TLine> builder)
        where TLine : SalesLine
    {
        builder.Property(l => l.ProductCode).HasMaxLength(Product.CodeMaxLength).IsRequired();
        builder.Property(l => l.ProductName).HasMaxLength(Product.NameMaxLength).IsRequired();
        builder.Property(l => l.UnitPrice).HasPrecision(18, 2);
        builder.Property(l => l.DiscountPercent).HasPrecision(5, 2);
        builder.Property(l => l.FloorPrice).HasPrecision(18, 2);
        builder.Property(l => l.Amount).HasPrecision(18, 2);
        builder.Ignore(l => l.NetUnitPrice);
        builder.Ignore(l => l.IsBelowFloor);
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.ProductId);
    }
}

internal sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> builder)
    {
        builder.ToTable("Quotes");
        builder.ConfigureDocument<Quote, QuoteLine>();
        builder.HasMany(q => q.Lines).WithOne().HasForeignKey(l => l.QuoteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Order>().WithMany().HasForeignKey(q => q.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(q => new { q.Status, q.Date });
    }
}

internal sealed class QuoteLineConfiguration : IEntityTypeConfiguration<QuoteLine>
{
    public void Configure(EntityTypeBuilder<QuoteLine> builder)
    {
        builder.ToTable("QuoteLines");
        builder.ConfigureLine();
        builder.HasIndex(l => new { l.QuoteId, l.LineNo }).IsUnique();
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("Orders");
        builder.ConfigureDocument<Order, OrderLine>();
        builder.Property(o => o.DeliveryAddress).HasMaxLength(SalesDocument<OrderLine>.AddressMaxLength);
        builder.Property(o => o.CancelReason).HasMaxLength(Order.CancelReasonMaxLength);
        builder.Ignore(o => o.IsSale);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Warehouse>().WithMany().HasForeignKey(o => o.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Quote>().WithMany().HasForeignKey(o => o.QuoteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => new { o.Status, o.Date });
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.ToTable("OrderLines", t => t.HasCheckConstraint("CK_OrderLines_Returned",
            "\"ReturnedQuantity\" >= 0 AND \"ReturnedQuantity\" <= \"ShippedQuantity\" AND \"ShippedQuantity\" <= \"Quantity\""));
        builder.ConfigureLine();
        builder.Ignore(l => l.ReturnableQuantity);
        builder.HasIndex(l => new { l.OrderId, l.LineNo }).IsUnique();
    }
}

internal sealed class ReturnConfiguration : IEntityTypeConfiguration<Return>
{
    public void Configure(EntityTypeBuilder<Return> builder)
    {
        builder.ToTable("Returns");
        builder.ConfigureAuditable();
        builder.Property(r => r.Number).HasMaxLength(Return.NumberMaxLength).IsUnicode(false).IsRequired();
        builder.Property(r => r.OrderNumber).HasMaxLength(SalesDocument<OrderLine>.NumberMaxLength).IsUnicode(false).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(Return.DescriptionMaxLength);
        builder.Property(r => r.DecisionComment).HasMaxLength(Return.CommentMaxLength);
        builder.Property(r => r.Amount).HasPrecision(18, 2);
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Warehouse>().WithMany().HasForeignKey(r => r.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(r => r.ReasonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(r => r.RequestedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReturnId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasIndex(r => new { r.RequestedAt, r.Id });
        builder.HasIndex(r => new { r.CustomerId, r.RequestedAt });
        builder.HasIndex(r => new { r.Status, r.RequestedAt });
        builder.HasIndex(r => r.OrderId);
    }
}

internal sealed class ReturnLineConfiguration : IEntityTypeConfiguration<ReturnLine>
{
    public void Configure(EntityTypeBuilder<ReturnLine> builder)
    {
        builder.ToTable("ReturnLines", t => t.HasCheckConstraint("CK_ReturnLines_Quantity", "\"Quantity\" > 0"));
        builder.Property(l => l.ProductName).HasMaxLength(Product.NameMaxLength).IsRequired();
        builder.Property(l => l.UnitPrice).HasPrecision(18, 2);
        builder.Property(l => l.Amount).HasPrecision(18, 2);
        builder.HasOne<OrderLine>().WithMany().HasForeignKey(l => l.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApprovalConfiguration : IEntityTypeConfiguration<Approval>
{
    public void Configure(EntityTypeBuilder<Approval> builder)
    {
        builder.ToTable("Approvals");
        builder.ConfigureAuditable();
        builder.Property(a => a.SubjectNumber).HasMaxLength(Approval.SubjectNumberMaxLength).IsUnicode(false).IsRequired();
        builder.Property(a => a.Summary).HasMaxLength(Approval.SummaryMaxLength).IsRequired();
        builder.Property(a => a.Comment).HasMaxLength(Approval.CommentMaxLength);
        builder.Property(a => a.Amount).HasPrecision(18, 2);
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        // The to-do list: pending requests of the units in scope, oldest first.
        builder.HasIndex(a => new { a.Status, a.OrgUnitId, a.RequestedAt });
        builder.HasIndex(a => new { a.Kind, a.SubjectId });
        builder.HasIndex(a => new { a.OwnerId, a.RequestedAt });
    }
}

internal sealed class ChurnWarningConfiguration : IEntityTypeConfiguration<ChurnWarning>
{
    public void Configure(EntityTypeBuilder<ChurnWarning> builder)
    {
        builder.ToTable("ChurnWarnings");
        builder.ConfigureAuditable();
        builder.Property(w => w.ConfirmationNote).HasMaxLength(ChurnWarning.NoteMaxLength);
        builder.HasOne<Customer>().WithMany().HasForeignKey(w => w.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(w => w.ReasonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(w => w.RecoveredByOrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(w => w.Measures).WithOne().HasForeignKey(m => m.ChurnWarningId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(w => w.Measures).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(w => new { w.CustomerId, w.Status });
        builder.HasIndex(w => new { w.Status, w.WarnedAt });
    }
}

internal sealed class RetentionMeasureConfiguration : IEntityTypeConfiguration<RetentionMeasure>
{
    public void Configure(EntityTypeBuilder<RetentionMeasure> builder)
    {
        builder.ToTable("RetentionMeasures");
        builder.Property(m => m.Content).HasMaxLength(RetentionMeasure.ContentMaxLength).IsRequired();
        builder.HasIndex(m => new { m.ChurnWarningId, m.Date });
    }
}
