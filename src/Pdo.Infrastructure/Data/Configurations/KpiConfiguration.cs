using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Plans;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class KpiConfiguration : IEntityTypeConfiguration<Kpi>
{
    public void Configure(EntityTypeBuilder<Kpi> builder)
    {
        builder.ToTable("Kpis");
        builder.Property(k => k.Code).HasMaxLength(40).IsRequired();
        builder.Property(k => k.Name).HasMaxLength(500).IsRequired();
        builder.Property(k => k.Group).HasMaxLength(200);
        builder.Property(k => k.Unit).HasMaxLength(40);
        builder.Property(k => k.TargetText).HasMaxLength(500).IsRequired();
        builder.Property(k => k.BandsText).HasMaxLength(500);
        builder.Property(k => k.UnmeasurableReason).HasMaxLength(2000);
        builder.Property(k => k.UnmeasurableDeclaredBy).HasMaxLength(256);
        builder.Property(k => k.Version).IsConcurrencyToken();
        builder.HasIndex(k => new { k.ObjectiveId, k.Code }).IsUnique();
        builder.HasIndex(k => k.Code);
        builder.HasMany(k => k.Results).WithOne(r => r.Kpi).HasForeignKey(r => r.KpiId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(k => k.Bands);
        builder.Ignore(k => k.Definition);
        builder.Ignore(k => k.HasTarget);
        builder.Ignore(k => k.IsUnmeasurable);
    }
}
