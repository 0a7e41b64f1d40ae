using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Oversight;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class PlanValidationConfiguration : IEntityTypeConfiguration<PlanValidation>
{
    public void Configure(EntityTypeBuilder<PlanValidation> builder)
    {
        builder.ToTable("PlanValidations");
        builder.Property(v => v.Reasoning).HasMaxLength(PlanValidation.TextMaxLength).IsRequired();
        builder.Property(v => v.Reservations).HasMaxLength(PlanValidation.TextMaxLength);
        builder.Property(v => v.SignedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(v => v.SignedByName).HasMaxLength(200).IsRequired();
        builder.Property(v => v.SupersededReason).HasMaxLength(1_000);
        builder.HasIndex(v => v.PlanId);
        builder.Ignore(v => v.IsCurrent);
    }
}
