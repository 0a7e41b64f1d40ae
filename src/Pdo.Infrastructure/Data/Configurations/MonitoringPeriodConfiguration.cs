using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Plans;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class MonitoringPeriodConfiguration : IEntityTypeConfiguration<MonitoringPeriod>
{
    public void Configure(EntityTypeBuilder<MonitoringPeriod> builder)
    {
        builder.ToTable("MonitoringPeriods");
        builder.Property(p => p.Code).HasMaxLength(40).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(100).IsRequired();
        builder.HasIndex(p => new { p.PlanId, p.Code }).IsUnique();
    }
}
