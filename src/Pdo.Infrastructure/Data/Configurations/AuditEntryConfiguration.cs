using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Infrastructure.Auditing;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.UserName).HasMaxLength(256).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(60).IsRequired();
        builder.Property(a => a.EntityKey).HasMaxLength(200).IsRequired();
        builder.Property(a => a.ObjectiveCode).HasMaxLength(40);
        builder.Property(a => a.KpiCode).HasMaxLength(40);
        builder.Property(a => a.Field).HasMaxLength(100).IsRequired();
        builder.Property(a => a.OldValue).HasMaxLength(4_000);
        builder.Property(a => a.NewValue).HasMaxLength(4_000);
        builder.Property(a => a.Reason).HasMaxLength(2_000);
        builder.HasIndex(a => new { a.PlanYear, a.ObjectiveCode, a.KpiCode });
        builder.HasIndex(a => a.OccurredAt);
        builder.HasIndex(a => a.UserName);
    }
}
