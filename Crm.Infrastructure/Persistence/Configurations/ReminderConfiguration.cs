using Crm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Infrastructure.Persistence.Configurations;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("Reminders");
        builder.ConfigureAuditable();
        builder.Property(r => r.Title).HasMaxLength(Reminder.TitleMaxLength).IsRequired();
        builder.Property(r => r.TitleKey).HasMaxLength(Reminder.TitleKeyMaxLength);
        builder.Property(r => r.TitleArgs).HasMaxLength(Reminder.TitleArgsMaxLength);
        builder.Property(r => r.Details).HasMaxLength(Reminder.DetailsMaxLength);
        builder.Property(r => r.Url).HasMaxLength(Reminder.UrlMaxLength);
        builder.Property(r => r.SourceType).HasMaxLength(Reminder.SourceMaxLength);
        builder.Property(r => r.SourceKey).HasMaxLength(Reminder.SourceMaxLength);
        builder.Ignore(r => r.AttentionAt);
        // The header badge and the reminders page: one user's open reminders by due time.
        builder.HasIndex(r => new { r.UserId, r.Status, r.DueAt });
        builder.HasIndex(r => new { r.SourceType, r.SourceKey });
    }
}
