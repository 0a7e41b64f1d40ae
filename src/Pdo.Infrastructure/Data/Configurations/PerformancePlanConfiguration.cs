using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Plans;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class PerformancePlanConfiguration : IEntityTypeConfiguration<PerformancePlan>
{
    public void Configure(EntityTypeBuilder<PerformancePlan> builder)
    {
        builder.ToTable("Plans");
        builder.HasIndex(p => p.Year).IsUnique();
        builder.Property(p => p.Title).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Introduction).HasMaxLength(PerformancePlan.TextMaxLength);
        builder.Property(p => p.ClosingNote).HasMaxLength(PerformancePlan.TextMaxLength);
        builder.Property(p => p.Context).HasMaxLength(PerformancePlan.TextMaxLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.OwnsOne(p => p.ApprovalAct, act =>
        {
            act.Property(a => a.Number).HasMaxLength(40).HasColumnName("ApprovalNumber");
            act.Property(a => a.Date).HasColumnName("ApprovalDate");
            act.Property(a => a.Link).HasMaxLength(1000).HasColumnName("ApprovalLink");
            act.Property(a => a.Description).HasMaxLength(500).HasColumnName("ApprovalDescription");
        });
        builder.Navigation(p => p.ApprovalAct).IsRequired(false);
        builder.HasMany(p => p.Categories).WithOne(c => c.Plan).HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Areas).WithOne(a => a.Plan).HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Periods).WithOne(m => m.Plan).HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Objectives).WithOne(o => o.Plan).HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Validations).WithOne(v => v.Plan).HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.CurrentValidation);
        builder.Ignore(p => p.Methodology);
        builder.Ignore(p => p.FinalPeriod);
        builder.Ignore(p => p.IsStructureEditable);
        builder.Ignore(p => p.AcceptsResults);
        builder.Ignore(p => p.AreTextsEditable);
    }
}
