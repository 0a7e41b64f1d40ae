using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Identity;

namespace Pdo.Infrastructure.Data.Configurations;

internal sealed class UserDirectorateConfiguration : IEntityTypeConfiguration<UserDirectorate>
{
    public void Configure(EntityTypeBuilder<UserDirectorate> builder)
    {
        builder.ToTable("UserDirectorates");
        builder.HasKey(d => new { d.UserId, d.DirectorateId });
        builder.HasOne<Directorate>().WithMany().HasForeignKey(d => d.DirectorateId).OnDelete(DeleteBehavior.Cascade);
    }
}
