using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Plans;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class DirectorateConfiguration : IEntityTypeConfiguration<Directorate>
{
    public void Configure(EntityTypeBuilder<Directorate> builder)
    {
        builder.ToTable("Directorates");

        // Unique regardless of case: each provider context gives the column a case-insensitive collation (ProviderContexts).
        builder.Property(d => d.Code).HasMaxLength(40).IsRequired();
        builder.Property(d => d.Name).HasMaxLength(200).IsRequired();

        // Direzioni stored before they had an interval are active from the first year a plan can have.
        builder.Property(d => d.ActiveFrom).IsRequired().HasDefaultValue(Directorate.StartOfYear(PerformancePlan.MinYear));
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasIndex(d => d.Code).IsUnique();
    }
}
