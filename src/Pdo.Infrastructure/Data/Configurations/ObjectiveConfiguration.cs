using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Plans;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class ObjectiveConfiguration : IEntityTypeConfiguration<Objective>
{
    public void Configure(EntityTypeBuilder<Objective> builder)
    {
        builder.ToTable("Objectives");
        builder.Property(o => o.Code).HasMaxLength(40).IsRequired();
        builder.Property(o => o.Title).HasMaxLength(500).IsRequired();
        builder.Property(o => o.Narrative).HasMaxLength(Objective.NarrativeMaxLength);
        builder.Property(o => o.DataSourceNote).HasMaxLength(Objective.DataSourceNoteMaxLength);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => new { o.PlanId, o.Code }).IsUnique();
        builder.HasOne(o => o.Category).WithMany().HasForeignKey(o => o.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Area).WithMany().HasForeignKey(o => o.AreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Directorate).WithMany().HasForeignKey(o => o.DirectorateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Kpis).WithOne(k => k.Objective).HasForeignKey(k => k.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
    }
}
