using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Oversight;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> builder)
    {
        builder.ToTable("Observations");
        builder.Property(o => o.Text).HasMaxLength(Observation.TextMaxLength).IsRequired();
        builder.Property(o => o.OpenedBy).HasMaxLength(256).IsRequired();
        builder.Property(o => o.OpenedByName).HasMaxLength(200).IsRequired();
        builder.Property(o => o.ClosedByName).HasMaxLength(200);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => new { o.ObjectiveId, o.Status });
        builder.HasOne(o => o.Objective).WithMany().HasForeignKey(o => o.ObjectiveId).OnDelete(DeleteBehavior.Cascade);

        // Restrict, not cascade: a KPI is reached from the objective by two paths (SQL Server forbids both cascading).
        builder.HasOne(o => o.Kpi).WithMany().HasForeignKey(o => o.KpiId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Messages).WithOne(m => m.Observation).HasForeignKey(m => m.ObservationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(o => o.IsOpen);
    }
}
