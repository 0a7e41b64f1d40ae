using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Pdo.Web.Features.Dashboards;

namespace Pdo.Web.Features.OpenData;

/// <summary>The open-data files of an approved plan (CSV, CSV for Excel, JSON), built once from a snapshot.</summary>
public enum OpenDataFormat
{
    Csv,
    ExcelCsv,
    Json,
}

/// <summary>
/// The bytes of approved plans' open-data files, kept per <see cref="PlanSnapshot"/> instance (a singleton): a snapshot
/// is replaced, never changed, when its plan's data changes, so the files built from it stay true while it is the
/// current one and are dropped with it (as <see cref="DashboardCache.PagesFor"/> drops rendered pages). A second
/// download costs no query beyond the snapshot's stamp check.
/// </summary>
public sealed class OpenDataFiles
{
    private readonly ConditionalWeakTable<PlanSnapshot, ConcurrentDictionary<OpenDataFormat, byte[]>> _files = new();

    /// <summary>The files already built from exactly this snapshot, by format.</summary>
    public ConcurrentDictionary<OpenDataFormat, byte[]> For(PlanSnapshot snapshot) => _files.GetValue(snapshot, _ => new());
}
