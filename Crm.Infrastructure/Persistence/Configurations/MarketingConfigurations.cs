using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Marketing;
using Crm.Domain.Organization;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> builder)
    {
        builder.ToTable("Opportunities", t => t.HasCheckConstraint("CK_Opportunities_Probability", "\"Probability\" >= 0 AND \"Probability\" <= 100"));
        builder.ConfigureAuditable();
        builder.Property(o => o.Summary).HasMaxLength(Opportunity.SummaryMaxLength).IsRequired();
        builder.Property(o => o.Description).HasMaxLength(Opportunity.DescriptionMaxLength);
        builder.Property(o => o.ContactName).HasMaxLength(Opportunity.ContactNameMaxLength);
        builder.Property(o => o.ContactPhone).HasMaxLength(Opportunity.ContactPhoneMaxLength);
        builder.Property(o => o.LostNote).HasMaxLength(Opportunity.LostNoteMaxLength);
        builder.Property(o => o.ExpectedAmount).HasPrecision(18, 2);
        builder.Ignore(o => o.IsOpen);
        builder.Ignore(o => o.WeightedAmount);
        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(o => o.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(o => o.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(o => o.LostReasonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(o => o.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Competitor>().WithMany().HasForeignKey(o => o.LostToCompetitorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(o => o.CreatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(o => o.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(o => o.AssignedTo).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(o => o.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.StageChanges).WithOne().HasForeignKey(c => c.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.StageChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(o => o.PlanItems).WithOne().HasForeignKey(i => i.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.PlanItems).UsePropertyAccessMode(PropertyAccessMode.Field);
        // Scope (owner, creator, unit) and the list's filters, each ending in Id for stable paging.
        builder.HasIndex(o => new { o.OwnerId, o.Id });
        builder.HasIndex(o => new { o.CreatorId, o.Id });
        builder.HasIndex(o => new { o.OrgUnitId, o.Id });
        builder.HasIndex(o => new { o.Status, o.Id });
        builder.HasIndex(o => new { o.Stage, o.Id });
        builder.HasIndex(o => new { o.CustomerId, o.Status });
        builder.HasIndex(o => o.CampaignId);
        builder.HasIndex(o => o.LostToCompetitorId);
        builder.HasIndex(o => o.ExpectedCloseDate);
    }
}

internal sealed class OpportunityStageChangeConfiguration : IEntityTypeConfiguration<OpportunityStageChange>
{
    public void Configure(EntityTypeBuilder<OpportunityStageChange> builder)
    {
        builder.ToTable("OpportunityStageChanges");
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(c => c.ByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.OpportunityId, c.At });
        // Stage evolution over a period.
        builder.HasIndex(c => new { c.At, c.ToStage });
    }
}

internal sealed class DevelopmentPlanItemConfiguration : IEntityTypeConfiguration<DevelopmentPlanItem>
{
    public void Configure(EntityTypeBuilder<DevelopmentPlanItem> builder)
    {
        builder.ToTable("DevelopmentPlanItems");
        builder.Property(i => i.Content).HasMaxLength(DevelopmentPlanItem.ContentMaxLength).IsRequired();
        builder.Property(i => i.Result).HasMaxLength(DevelopmentPlanItem.ResultMaxLength);
        builder.HasIndex(i => new { i.OpportunityId, i.Date });
    }
}

internal sealed class PipelineStageSettingConfiguration : IEntityTypeConfiguration<PipelineStageSetting>
{
    public void Configure(EntityTypeBuilder<PipelineStageSetting> builder)
    {
        builder.ToTable("PipelineStageSettings");
        builder.HasIndex(s => s.Stage).IsUnique();
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("Campaigns");
        builder.ConfigureAuditable();
        builder.Property(c => c.Name).HasMaxLength(Campaign.NameMaxLength).IsRequired();
        builder.Property(c => c.TargetSegment).HasMaxLength(Campaign.SegmentMaxLength);
        builder.Property(c => c.Description).HasMaxLength(Campaign.DescriptionMaxLength);
        builder.Property(c => c.Budget).HasPrecision(18, 2);
        builder.Property(c => c.ActualCost).HasPrecision(18, 2);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(c => c.TypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Responses).WithOne().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Responses).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(c => new { c.StartDate, c.Id });
        builder.HasIndex(c => new { c.Status, c.StartDate });
        builder.HasIndex(c => c.Name);
    }
}

internal sealed class CampaignResponseConfiguration : IEntityTypeConfiguration<CampaignResponse>
{
    public void Configure(EntityTypeBuilder<CampaignResponse> builder)
    {
        builder.ToTable("CampaignResponses");
        builder.Property(r => r.ContactName).HasMaxLength(CampaignResponse.ContactNameMaxLength);
        builder.Property(r => r.Content).HasMaxLength(CampaignResponse.ContentMaxLength).IsRequired();
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(r => r.ChannelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.CampaignId, r.Date });
    }
}

internal sealed class CompetitorConfiguration : IEntityTypeConfiguration<Competitor>
{
    public void Configure(EntityTypeBuilder<Competitor> builder)
    {
        builder.ToTable("Competitors");
        builder.ConfigureAuditable();
        builder.Property(c => c.Name).HasMaxLength(Competitor.NameMaxLength).IsRequired();
        builder.Property(c => c.Scale).HasMaxLength(Competitor.ScaleMaxLength);
        builder.Property(c => c.Region).HasMaxLength(Competitor.RegionMaxLength);
        builder.Property(c => c.Website).HasMaxLength(Competitor.WebsiteMaxLength);
        builder.Property(c => c.Profile).HasMaxLength(Competitor.TextMaxLength);
        builder.Property(c => c.Strengths).HasMaxLength(Competitor.TextMaxLength);
        builder.Property(c => c.Weaknesses).HasMaxLength(Competitor.TextMaxLength);
        builder.Property(c => c.Opportunities).HasMaxLength(Competitor.TextMaxLength);
        builder.Property(c => c.Threats).HasMaxLength(Competitor.TextMaxLength);
        builder.HasMany(c => c.Products).WithOne().HasForeignKey(p => p.CompetitorId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Products).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(c => c.Name).IsUnique();
    }
}

internal sealed class CompetitorProductConfiguration : IEntityTypeConfiguration<CompetitorProduct>
{
    public void Configure(EntityTypeBuilder<CompetitorProduct> builder)
    {
        builder.ToTable("CompetitorProducts");
        builder.Property(p => p.Name).HasMaxLength(CompetitorProduct.NameMaxLength).IsRequired();
        builder.Property(p => p.Model).HasMaxLength(CompetitorProduct.ModelMaxLength);
        builder.Property(p => p.Notes).HasMaxLength(CompetitorProduct.NotesMaxLength);
        builder.Property(p => p.Price).HasPrecision(18, 2);
        builder.HasOne<Product>().WithMany().HasForeignKey(p => p.OurProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.OurProductId);
    }
}
