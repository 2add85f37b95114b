using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Domain.Service;
using Crm.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> builder)
    {
        builder.ToTable("ServiceRequests", t => t.HasCheckConstraint("CK_ServiceRequests_Satisfaction", "\"Satisfaction\" IS NULL OR (\"Satisfaction\" >= 1 AND \"Satisfaction\" <= 5)"));
        builder.ConfigureAuditable();
        builder.Property(r => r.Number).HasMaxLength(ServiceRequest.NumberMaxLength).IsUnicode(false).IsRequired();
        builder.Property(r => r.Summary).HasMaxLength(ServiceRequest.SummaryMaxLength).IsRequired();
        builder.Property(r => r.Details).HasMaxLength(ServiceRequest.DetailsMaxLength);
        builder.Property(r => r.Handling).HasMaxLength(ServiceRequest.HandlingMaxLength);
        builder.Property(r => r.FeedbackResult).HasMaxLength(ServiceRequest.FeedbackMaxLength);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(r => r.TypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(r => r.PriorityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Product>().WithMany().HasForeignKey(r => r.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceContract>().WithMany().HasForeignKey(r => r.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(r => r.CreatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(r => r.HandlerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasIndex(r => new { r.OwnerId, r.Id });
        builder.HasIndex(r => new { r.CreatorId, r.Id });
        builder.HasIndex(r => new { r.OrgUnitId, r.Id });
        builder.HasIndex(r => new { r.Status, r.DueAt });
        builder.HasIndex(r => new { r.HandlerId, r.Status });
        builder.HasIndex(r => new { r.CustomerId, r.ReceivedAt });
        builder.HasIndex(r => new { r.ReceivedAt, r.Id });
        builder.HasIndex(r => r.TypeId);
    }
}

internal sealed class ServiceRequestEventConfiguration : IEntityTypeConfiguration<ServiceRequestEvent>
{
    public void Configure(EntityTypeBuilder<ServiceRequestEvent> builder)
    {
        builder.ToTable("ServiceRequestEvents", t => t.HasCheckConstraint("CK_ServiceRequestEvents_Satisfaction", "\"Satisfaction\" IS NULL OR (\"Satisfaction\" >= 1 AND \"Satisfaction\" <= 5)"));
        builder.Property(e => e.Note).HasMaxLength(ServiceRequestEvent.NoteMaxLength);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(e => e.ByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.ServiceRequestId, e.At });
    }
}

internal sealed class QualityComplaintConfiguration : IEntityTypeConfiguration<QualityComplaint>
{
    public void Configure(EntityTypeBuilder<QualityComplaint> builder)
    {
        builder.ToTable("QualityComplaints");
        builder.ConfigureAuditable();
        builder.Property(c => c.Number).HasMaxLength(QualityComplaint.NumberMaxLength).IsUnicode(false).IsRequired();
        builder.Property(c => c.ProjectName).HasMaxLength(QualityComplaint.ProjectNameMaxLength);
        builder.Property(c => c.Site).HasMaxLength(QualityComplaint.SiteMaxLength);
        builder.Property(c => c.Details).HasMaxLength(QualityComplaint.TextMaxLength).IsRequired();
        builder.Property(c => c.InitialIntent).HasMaxLength(QualityComplaint.TextMaxLength);
        builder.Property(c => c.AppraisalOpinion).HasMaxLength(QualityComplaint.TextMaxLength);
        builder.Property(c => c.HandlingResult).HasMaxLength(QualityComplaint.TextMaxLength);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Product>().WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(c => c.UrgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(c => c.HandlerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => new { c.FeedbackDate, c.Id });
        builder.HasIndex(c => new { c.CustomerId, c.FeedbackDate });
        builder.HasIndex(c => new { c.ProductId, c.FeedbackDate });
        builder.HasIndex(c => new { c.Status, c.FeedbackDate });
    }
}

internal sealed class ReturnVisitConfiguration : IEntityTypeConfiguration<ReturnVisit>
{
    public void Configure(EntityTypeBuilder<ReturnVisit> builder)
    {
        builder.ToTable("ReturnVisits");
        builder.ConfigureAuditable();
        builder.Property(v => v.Content).HasMaxLength(ReturnVisit.ContentMaxLength);
        builder.Property(v => v.Comments).HasMaxLength(ReturnVisit.CommentsMaxLength);
        builder.Property(v => v.RescheduleReason).HasMaxLength(ReturnVisit.RescheduleReasonMaxLength);
        builder.Ignore(v => v.AverageScore);
        builder.HasOne<Customer>().WithMany().HasForeignKey(v => v.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(v => v.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(v => v.ServiceRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(v => v.MethodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(v => v.VisitorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.PlannedDate, v.Id });
        builder.HasIndex(v => new { v.CustomerId, v.PlannedDate });
        builder.HasIndex(v => new { v.VisitorId, v.Status, v.PlannedDate });
    }
}

internal sealed class ServiceContractConfiguration : IEntityTypeConfiguration<ServiceContract>
{
    public void Configure(EntityTypeBuilder<ServiceContract> builder)
    {
        builder.ToTable("ServiceContracts", t => t.HasCheckConstraint("CK_ServiceContracts_Cases", "\"CaseAllowance\" IS NULL OR \"CasesUsed\" <= \"CaseAllowance\""));
        builder.ConfigureAuditable();
        builder.Property(c => c.Number).HasMaxLength(ServiceContract.NumberMaxLength).IsUnicode(false).IsRequired();
        builder.Property(c => c.Remarks).HasMaxLength(ServiceContract.RemarksMaxLength);
        builder.Ignore(c => c.CasesLeft);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Products).WithOne().HasForeignKey(p => p.ServiceContractId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Products).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => new { c.CustomerId, c.EndDate });
        builder.HasIndex(c => new { c.EndDate, c.Id });
    }
}

internal sealed class ServiceContractProductConfiguration : IEntityTypeConfiguration<ServiceContractProduct>
{
    public void Configure(EntityTypeBuilder<ServiceContractProduct> builder)
    {
        builder.ToTable("ServiceContractProducts");
        builder.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ServiceContractId, p.ProductId }).IsUnique();
    }
}

internal sealed class KnowledgeArticleConfiguration : IEntityTypeConfiguration<KnowledgeArticle>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticle> builder)
    {
        builder.ToTable("KnowledgeArticles");
        builder.ConfigureAuditable();
        builder.Property(a => a.Title).HasMaxLength(KnowledgeArticle.TitleMaxLength).IsRequired();
        builder.Property(a => a.AnswerHtml).HasMaxLength(KnowledgeArticle.AnswerMaxLength).IsRequired();
        builder.Property(a => a.Tags).HasMaxLength(KnowledgeArticle.TagsMaxLength);
        builder.HasOne<Product>().WithMany().HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.Title);
        builder.HasIndex(a => new { a.ProductId, a.Title });
    }
}

internal sealed class ServiceRequestArticleConfiguration : IEntityTypeConfiguration<ServiceRequestArticle>
{
    public void Configure(EntityTypeBuilder<ServiceRequestArticle> builder)
    {
        builder.ToTable("ServiceRequestArticles");
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(l => l.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.ServiceRequestId, l.ArticleId }).IsUnique();
        builder.HasIndex(l => l.ArticleId);
    }
}
