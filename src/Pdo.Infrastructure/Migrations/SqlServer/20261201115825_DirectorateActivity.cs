using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pdo.Infrastructure.Migrations.SqlServer
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
