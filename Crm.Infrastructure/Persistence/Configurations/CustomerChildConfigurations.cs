using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("Contacts");
        builder.ConfigureAuditable();
        builder.Property(c => c.Name).HasMaxLength(Contact.NameMaxLength).IsRequired();
        builder.Property(c => c.Title).HasMaxLength(Contact.TitleMaxLength);
        builder.Property(c => c.Mobile).HasMaxLength(Contact.PhoneMaxLength);
        builder.Property(c => c.Phone).HasMaxLength(Contact.PhoneMaxLength);
        builder.Property(c => c.Email).HasMaxLength(Contact.EmailMaxLength);
        builder.Property(c => c.Notes).HasMaxLength(Contact.NotesMaxLength);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // Search by contact name from the customer list; care suggestions by birthday.
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.Birthday);
    }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("Interactions");
        builder.ConfigureAuditable();
        builder.Property(i => i.Summary).HasMaxLength(Interaction.SummaryMaxLength).IsRequired();
        builder.Property(i => i.Details).HasMaxLength(Interaction.DetailsMaxLength);
        builder.Property(i => i.NextStep).HasMaxLength(Interaction.NextStepMaxLength);
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DictionaryItem>().WithMany().HasForeignKey(i => i.ChannelId).OnDelete(DeleteBehavior.Restrict);
        // The customer's timeline, newest first.
        builder.HasIndex(i => new { i.CustomerId, i.OccurredAt });
    }
}

internal sealed class FeedbackConfiguration : IEntityTypeConfiguration<Feedback>
{
    public void Configure(EntityTypeBuilder<Feedback> builder)
    {
        builder.ToTable("Feedbacks");
        builder.ConfigureAuditable();
        builder.Property(f => f.Summary).HasMaxLength(Feedback.SummaryMaxLength).IsRequired();
        builder.Property(f => f.Details).HasMaxLength(Feedback.DetailsMaxLength);
        builder.Ignore(f => f.IsSettled);
        builder.HasOne<Customer>().WithMany().HasForeignKey(f => f.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(f => f.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.Tasks).WithOne(t => t.Feedback).HasForeignKey(t => t.FeedbackId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(f => f.Tasks).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(f => new { f.CustomerId, f.ReceivedAt });
    }
}

internal sealed class CustomerTaskConfiguration : IEntityTypeConfiguration<CustomerTask>
{
    public void Configure(EntityTypeBuilder<CustomerTask> builder)
    {
        builder.ToTable("CustomerTasks");
        builder.ConfigureAuditable();
        builder.Property(t => t.Title).HasMaxLength(CustomerTask.TitleMaxLength).IsRequired();
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        // "My open tasks by due date" and the due-task reminders.
        builder.HasIndex(t => new { t.AssigneeId, t.Status, t.DueAt });
    }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("ImportJobs");
        builder.ConfigureAuditable();
        builder.Property(j => j.FileName).HasMaxLength(ImportJob.FileNameMaxLength).IsRequired();
        builder.Property(j => j.StoredPath).HasMaxLength(ImportJob.PathMaxLength).IsRequired();
        builder.Property(j => j.Error).HasMaxLength(ImportJob.ErrorMaxLength);
        builder.HasOne<CrmUser>().WithMany().HasForeignKey(j => j.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(j => new { j.Status, j.Id });
        builder.HasIndex(j => new { j.UserId, j.Id });
    }
}

internal sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> builder)
    {
        builder.ToTable("ImportRowErrors");
        builder.Property(e => e.Column).HasMaxLength(ImportRowError.ColumnMaxLength);
        builder.Property(e => e.Message).HasMaxLength(ImportRowError.MessageMaxLength).IsRequired();
        builder.HasOne<ImportJob>().WithMany().HasForeignKey(e => e.ImportJobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.ImportJobId, e.RowNumber });
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("JobLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(JobLease.NameMaxLength).IsUnicode(false);
        builder.Property(l => l.Holder).HasMaxLength(JobLease.HolderMaxLength).IsRequired();
    }
}
