using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pdo.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class UnmeasurableKpis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UnmeasurableDeclaredAt",
                table: "Kpis",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnmeasurableDeclaredBy",
                table: "Kpis",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnmeasurableReason",
                table: "Kpis",
                type: "nvarchar(2000)",
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
