using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pdo.Infrastructure.Migrations.SqlServer
{
    /// <summary>
    /// Audit rows are append-only at the database (ADR 006): INSTEAD OF triggers refuse every UPDATE and DELETE of
    /// AuditEntries, whoever sends it, with error 50000 (THROW in a trigger ends the batch and rolls the transaction back).
    /// </summary>
    public partial class AppendOnlyAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CreateTrigger("AuditEntries_NoUpdate", "UPDATE"));
            migrationBuilder.Sql(CreateTrigger("AuditEntries_NoDelete", "DELETE"));
        }

        /// <summary>
        /// CREATE TRIGGER must be the first statement of a batch, and the idempotent script puts every migration inside
        /// IF NOT EXISTS (…) BEGIN … END: EXEC gives it a batch of its own (quotes doubled inside the literal).
        /// </summary>
        private static string CreateTrigger(string name, string action) => $"""
            EXEC(N'CREATE TRIGGER [{name}] ON [AuditEntries]
            INSTEAD OF {action}
            AS
            BEGIN
                SET NOCOUNT ON;
                THROW 50000, N''AuditEntries is append-only'', 1;
            END;');
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditEntries_NoDelete];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditEntries_NoUpdate];");
        }
    }
}
