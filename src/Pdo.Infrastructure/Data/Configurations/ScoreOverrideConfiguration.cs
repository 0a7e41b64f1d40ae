using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Plans;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class ScoreOverrideConfiguration : IEntityTypeConfiguration<ScoreOverride>
{
    public void Configure(EntityTypeBuilder<ScoreOverride> builder)
    {
        builder.ToTable("ScoreOverrides");
        builder.Property(o => o.Reason).HasMaxLength(2_000).IsRequired();
        builder.Property(o => o.ProposedById).HasMaxLength(450).IsRequired();
        builder.Property(o => o.ProposedByName).HasMaxLength(256).IsRequired();
        builder.Property(o => o.DecidedById).HasMaxLength(450);
        builder.Property(o => o.DecidedByName).HasMaxLength(256);
        builder.Property(o => o.DecisionNote).HasMaxLength(2_000);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => new { o.KpiId, o.PeriodId });
        builder.HasOne(o => o.Kpi).WithMany(k => k.Overrides).HasForeignKey(o => o.KpiId).OnDelete(DeleteBehavior.Cascade);

        // Restrict, not cascade: a period is reached from the plan by two paths (SQL Server forbids both cascading).
        builder.HasOne(o => o.Period).WithMany().HasForeignKey(o => o.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(o => o.IsPending);
    }
}
