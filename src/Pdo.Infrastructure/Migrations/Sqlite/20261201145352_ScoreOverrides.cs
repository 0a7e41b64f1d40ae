using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pdo.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScoreOverrides : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScoreOverrides",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KpiId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedScore = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ProposedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ProposedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DecidedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreOverrides", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoreOverrides_Kpis_KpiId",
                        column: x => x.KpiId,
                        principalTable: "Kpis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScoreOverrides_MonitoringPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "MonitoringPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreOverrides_KpiId_PeriodId",
                table: "ScoreOverrides",
                columns: new[] { "KpiId", "PeriodId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreOverrides_PeriodId",
                table: "ScoreOverrides",
                column: "PeriodId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScoreOverrides");
        }
    }
}
