using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Plans;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class KpiResultConfiguration : IEntityTypeConfiguration<KpiResult>
{
    public void Configure(EntityTypeBuilder<KpiResult> builder)
    {
        builder.ToTable("KpiResults");
        builder.Property(r => r.ActualText).HasMaxLength(500).IsRequired();
        builder.Property(r => r.Justification).HasMaxLength(4_000);
        builder.Property(r => r.RecordedBy).HasMaxLength(256);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.ReviewComment).HasMaxLength(2_000);
        builder.Property(r => r.ReviewedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.KpiId, r.PeriodId }).IsUnique();

        // Restrict, not cascade: a period is reached from the plan by two paths (SQL Server forbids both cascading).
        builder.HasOne(r => r.Period).WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(r => r.Measurement);
    }
}
