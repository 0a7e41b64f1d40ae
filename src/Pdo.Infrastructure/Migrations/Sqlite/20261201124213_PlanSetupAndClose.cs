using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pdo.Infrastructure.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Introduction",
                table: "Plans",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);

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

            migrationBuilder.AlterColumn<string>(
                name: "Code",
                table: "Directorates",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 40);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ActiveFrom",
                table: "Directorates",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(2000, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "ActiveTo",
                table: "Directorates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Directorates",
                type: "TEXT",
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
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 40,
                oldCollation: "NOCASE");

            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "Directorates",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }
    }
}
