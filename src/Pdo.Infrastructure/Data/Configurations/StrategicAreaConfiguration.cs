using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Plans;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class StrategicAreaConfiguration : IEntityTypeConfiguration<StrategicArea>
{
    public void Configure(EntityTypeBuilder<StrategicArea> builder)
    {
        builder.ToTable("Areas");
        builder.Property(a => a.Code).HasMaxLength(40).IsRequired();
        builder.Property(a => a.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(a => new { a.PlanId, a.Code }).IsUnique();
    }
}
