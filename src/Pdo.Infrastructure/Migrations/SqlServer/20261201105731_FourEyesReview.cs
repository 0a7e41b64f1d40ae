using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pdo.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FourEyesReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing plans get the four-eyes review too: it is on by default (PerformancePlan's constructor).
            migrationBuilder.AddColumn<bool>(
                name: "RequireFourEyesReview",
                table: "Plans",
                type: "bit",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequireFourEyesReview",
                table: "Plans");
        }
    }
}
