using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Pdo.Infrastructure.Data;

namespace Pdo.Infrastructure.Generation;

/// <summary>
/// Writes new entities as rows with prepared multi-row INSERTs, without EF Core's change tracker, for the data generator
/// (ADR 015). Everything about a row comes from EF Core's model, as <c>SaveChanges</c> would write it: the table, each
/// column's name, value conversion (enums as strings, SQLite's ticks for times) and parameter type, the columns of an
/// owned type in its owner's table, and each foreign key taken from the principal the navigation points to. Keys are
/// reserved from the database first (SQLite: after the table's highest and AUTOINCREMENT's last key; PostgreSQL: from
/// the identity column's sequence) and set on the entities, so that their dependents, written next, point to them.
/// Nothing is tracked and no audit row is written (bulk synthetic data, ADR 015); the caller owns the transaction.
/// </summary>
internal sealed class BulkInsert(AppDbContext db, DbTransaction transaction)
{
    public static bool Supports(AppDbContext db) => db is SqliteAppDbContext or PostgreSqlAppDbContext;

    /// <summary>Parameters in one command on a server: many rows per round trip (PostgreSQL allows 65,535).</summary>
    private const int MaxParameters = 16_000;

    /// <summary>
    /// SQLite has no round trip to save, and binding looks each parameter up by name among the statement's (time
    /// quadratic in the parameters of one statement): one row per statement, the same prepared statement again and again.
    /// </summary>
    private readonly bool _oneRowPerStatement = db is SqliteAppDbContext;

    /// <summary>Keys are reserved by provider (below): SQL Server would need IDENTITY_INSERT, not written here.</summary>
    public const string UnsupportedProvider = "Il generatore di dati scrive su SQLite e PostgreSQL, non su SQL Server.";

    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();

    /// <summary>Inserts <paramref name="entities"/> (all new, their principals already written or existing).</summary>
    public async Task WriteAsync<T>(IReadOnlyList<T> entities, CancellationToken cancellationToken)
        where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity type.");
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var ids = await ReserveKeysAsync(entityType, key, entities.Count, cancellationToken);
        var keyProperty = key.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{key.Name} is not a CLR property.");
        for (var i = 0; i < entities.Count; i++)
        {
            keyProperty.SetValue(entities[i], ids[i]);
        }

        var columns = Columns(entityType);
        var rowsPerCommand = _oneRowPerStatement ? 1 : Math.Max(1, MaxParameters / columns.Count);
        await using var full = CreateInsert(entityType, columns, Math.Min(rowsPerCommand, entities.Count));
        DbCommand? last = null;
        try
        {
            for (var start = 0; start < entities.Count; start += rowsPerCommand)
            {
                var count = Math.Min(rowsPerCommand, entities.Count - start);
                var command = full;
                if (count < full.Parameters.Count / columns.Count)
                {
                    last = CreateInsert(entityType, columns, count);
                    command = last;
                }

                var p = 0;
                for (var row = start; row < start + count; row++)
                {
                    foreach (var column in columns)
                    {
                        command.Parameters[p++].Value = column.Value(entities[row]) ?? DBNull.Value;
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (last is not null)
            {
                await last.DisposeAsync();
            }
        }
    }

    private DbCommand CreateInsert(IEntityType entityType, IReadOnlyList<Column> columns, int rows)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var text = new System.Text.StringBuilder("INSERT INTO ")
            .Append(_sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema()))
            .Append(" (")
            .AppendJoin(", ", columns.Select(c => _sql.DelimitIdentifier(c.Name)))
            .Append(") VALUES ");
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = $"p{(row * columns.Count) + c}";
                text.Append(c == 0 ? string.Empty : ", ").Append(_sql.GenerateParameterNamePlaceholder(name));
                command.Parameters.Add(columns[c].Mapping.CreateParameter(command, _sql.GenerateParameterName(name), null, nullable: true));
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        command.Prepare();
        return command;
    }

    /// <summary>The table's columns: the entity's properties and those of the owned types stored in its table.</summary>
    private static List<Column> Columns(IEntityType entityType)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Select(p => Column.Of(p, table, Value(p))).ToList();
        foreach (var owned in entityType.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && !n.IsCollection))
        {
            if (owned.TargetEntityType.GetTableName() != table.Name)
            {
                throw new NotSupportedException($"{owned.TargetEntityType.DisplayName()} is stored in a table of its own.");
            }

            var ownerGetter = owned.GetGetter();
            columns.AddRange(owned.TargetEntityType.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p =>
            {
                var getter = p.GetGetter();
                return Column.Of(p, table, entity => ownerGetter.GetClrValue(entity) is { } value ? getter.GetClrValue(value) : null);
            }));
        }

        return columns;
    }

    /// <summary>
    /// A property's value; a foreign key's is the key of the principal its navigation points to (EF Core's fix-up would
    /// have set it), else the property itself (an existing principal, or none).
    /// </summary>
    private static Func<object, object?> Value(IProperty property)
    {
        if (property.IsShadowProperty())
        {
            throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property.");
        }

        var getter = property.GetGetter();
        if (property.GetContainingForeignKeys().Select(fk => fk.DependentToPrincipal).FirstOrDefault(n => n is not null) is not { } navigation)
        {
            return getter.GetClrValue;
        }

        var principalGetter = navigation.GetGetter();
        var principalKey = navigation.ForeignKey.PrincipalKey.Properties.Single().GetGetter();
        return entity => principalGetter.GetClrValue(entity) is { } principal ? principalKey.GetClrValue(principal) : getter.GetClrValue(entity);
    }

    private async Task<int[]> ReserveKeysAsync(IEntityType entityType, IProperty key, int count, CancellationToken cancellationToken)
    {
        var table = entityType.GetTableName()!;
        var column = key.GetColumnName();
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var ids = new int[count];
        switch (db)
        {
            case SqliteAppDbContext:
                // AUTOINCREMENT never hands out a key again: start after both the highest key and the last one given.
                command.CommandText = $"SELECT MAX(COALESCE((SELECT MAX({_sql.DelimitIdentifier(column)}) FROM {_sql.DelimitIdentifier(table)}), 0), "
                    + $"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0))";
                var last = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                for (var i = 0; i < count; i++)
                {
                    ids[i] = last + 1 + i;
                }

                return ids;
            case PostgreSqlAppDbContext:
                // The identity column's own sequence: the keys are taken as the portal's inserts take them.
                command.CommandText = $"SELECT nextval(pg_get_serial_sequence('{_sql.DelimitIdentifier(table, entityType.GetSchema())}', '{column}')) "
                    + $"FROM generate_series(1, {count}) ORDER BY 1";
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
                    {
                        ids[i] = checked((int)reader.GetInt64(0));
                    }
                }

                return ids;
            default:
                throw new NotSupportedException(UnsupportedProvider);
        }
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Value)
    {
        public static Column Of(IProperty property, StoreObjectIdentifier table, Func<object, object?> clrValue)
        {
            var mapping = (RelationalTypeMapping)property.GetTypeMapping();
            var converter = mapping.Converter;
            return new Column(
                property.GetColumnName(table) ?? throw new InvalidOperationException($"{property.Name} has no column in {table.Name}."),
                mapping,
                converter is null ? clrValue : entity => converter.ConvertToProvider(clrValue(entity)));
        }
    }
}
