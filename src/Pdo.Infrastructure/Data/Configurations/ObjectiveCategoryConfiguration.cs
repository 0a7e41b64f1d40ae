using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Plans;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class ObjectiveCategoryConfiguration : IEntityTypeConfiguration<ObjectiveCategory>
{
    public void Configure(EntityTypeBuilder<ObjectiveCategory> builder)
    {
        builder.ToTable("Categories");
        builder.Property(c => c.Code).HasMaxLength(40).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => new { c.PlanId, c.Code }).IsUnique();
    }
}
