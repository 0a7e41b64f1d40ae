using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pdo.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnmeasurableKpis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "UnmeasurableDeclaredAt",
                table: "Kpis",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnmeasurableDeclaredBy",
                table: "Kpis",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnmeasurableReason",
                table: "Kpis",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UnmeasurableDeclaredAt",
                table: "Kpis");

            migrationBuilder.DropColumn(
                name: "UnmeasurableDeclaredBy",
                table: "Kpis");

            migrationBuilder.DropColumn(
                name: "UnmeasurableReason",
                table: "Kpis");
        }
    }
}
