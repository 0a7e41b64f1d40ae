using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pdo.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClosingNote",
                table: "Plans",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Introduction",
                table: "Plans",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClosingNote",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "Introduction",
                table: "Plans");
        }
    }
}
