using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pdo.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DirectorateActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsActive",
                table: "Directorates");

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
