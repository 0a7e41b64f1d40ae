using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Oversight;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class ObservationMessageConfiguration : IEntityTypeConfiguration<ObservationMessage>
{
    public void Configure(EntityTypeBuilder<ObservationMessage> builder)
    {
        builder.ToTable("ObservationMessages");
        builder.Property(m => m.Text).HasMaxLength(Observation.TextMaxLength).IsRequired();
        builder.Property(m => m.AuthorUserName).HasMaxLength(256).IsRequired();
        builder.Property(m => m.AuthorName).HasMaxLength(200).IsRequired();
    }
}
