using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pdo.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PlanSetupAndClose : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsActive",
                table: "Directorates");

            migrationBuilder.AddColumn<string>(
                name: "ClosingNote",
                table: "Plans",
                type: "nvarchar(max)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Introduction",
                table: "Plans",
                type: "nvarchar(max)",
                maxLength: 20000,
                nullable: true);

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

            migrationBuilder.AlterColumn<string>(
                name: "Code",
                table: "Directorates",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                collation: "Latin1_General_100_CI_AS",
                oldClrType: typeof(string),
                oldType: "nvarchar(40)",
                oldMaxLength: 40);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ActiveFrom",
                table: "Directorates",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(2000, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "ActiveTo",
                table: "Directorates",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Directorates",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));
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

            migrationBuilder.DropColumn(
                name: "UnmeasurableDeclaredAt",
                table: "Kpis");

            migrationBuilder.DropColumn(
                name: "UnmeasurableDeclaredBy",
                table: "Kpis");

            migrationBuilder.DropColumn(
                name: "UnmeasurableReason",
                table: "Kpis");

            migrationBuilder.DropColumn(
                name: "ActiveFrom",
                table: "Directorates");

            migrationBuilder.DropColumn(
                name: "ActiveTo",
                table: "Directorates");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Directorates");

            migrationBuilder.AlterColumn<string>(
                name: "Code",
                table: "Directorates",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(40)",
                oldMaxLength: 40,
                oldCollation: "Latin1_General_100_CI_AS");

            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "Directorates",
                type: "bit",
                nullable: false,
                defaultValue: false);
        }
    }
}
