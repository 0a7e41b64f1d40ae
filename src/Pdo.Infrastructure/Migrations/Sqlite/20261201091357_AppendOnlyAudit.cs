using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pdo.Infrastructure.Migrations.Sqlite
{
    /// <summary>
    /// Audit rows are append-only at the database (ADR 006): triggers refuse every UPDATE and DELETE of AuditEntries,
    /// whoever sends it. A later migration that rebuilds AuditEntries (SQLite's way of altering a table) drops these
    /// triggers with the old table and must create them again.
    /// </summary>
    public partial class AppendOnlyAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
                BEGIN
                    SELECT RAISE(ABORT, 'AuditEntries is append-only');
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
                BEGIN
                    SELECT RAISE(ABORT, 'AuditEntries is append-only');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEntries_NoDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEntries_NoUpdate";""");
        }
    }
}
