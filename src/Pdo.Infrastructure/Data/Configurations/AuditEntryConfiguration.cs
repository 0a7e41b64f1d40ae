using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Infrastructure.Auditing;

namespace Pdo.Infrastructure.Data.Configurations;

/// <summary>The names of the triggers that keep AuditEntries append-only on every provider (ADR 006).</summary>
public static class AuditTriggers
{
    public const string NoUpdate = "AuditEntries_NoUpdate";
    public const string NoDelete = "AuditEntries_NoDelete";

    /// <summary>The error every provider raises on an UPDATE or DELETE of an audit row.</summary>
    public const string Message = "AuditEntries is append-only";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // Append-only at the database (ADR 006): the migrations of each provider create these triggers, which refuse
        // every UPDATE and DELETE. Declared here so that EF Core writes SQL that works on a table with triggers.
        builder.ToTable("AuditEntries", table =>
        {
            table.HasTrigger(AuditTriggers.NoUpdate);
            table.HasTrigger(AuditTriggers.NoDelete);
        });
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
