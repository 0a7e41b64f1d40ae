using System.Globalization;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Spreadsheets;
using L = Pdo.Infrastructure.PlanImport.PlanWorkbookLayout;

namespace Pdo.Infrastructure.PlanImport;

/// <summary>
/// What <see cref="PlanWorkbookReader"/> read: the <see cref="PlanDocument"/> the JSON importer validates, or the
/// errors of the file itself; and where each part of the document came from, so that the importer's errors
/// (JSON paths) are shown as the sheet, cell and KPI the user must correct.
/// </summary>
public sealed class PlanWorkbookRead
{
    private readonly Dictionary<string, string> _locations;

    internal PlanWorkbookRead(PlanDocument? document, IReadOnlyList<PlanImportError> errors, Dictionary<string, string> locations)
    {
        Document = document;
        Errors = errors;
        _locations = locations;
    }

    public PlanDocument? Document { get; }

    public IReadOnlyList<PlanImportError> Errors { get; }

    /// <summary>The error with its JSON path replaced by the cell it came from (the nearest enclosing part that has one).</summary>
    public PlanImportError Locate(PlanImportError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var path = error.Path; path.Length > 1; path = Parent(path))
        {
            if (_locations.TryGetValue(path, out var location))
            {
                return error with { Path = location };
            }
        }

        return error;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }
}

/// <summary>
/// Reads a plan workbook (the plan export, edited) into the JSON importer's <see cref="PlanDocument"/>: a new plan
/// in Bozza with its periods, sections, areas, Direzioni, objectives, KPIs, targets, weights and scoring methods.
/// The period columns (results) are not read. The file is opened by <see cref="XlsxReader"/>, which refuses what is not
/// a plain, safe workbook; then each cell read is checked (no formulas, numbers where numbers are due, the columns
/// where the export writes them) and every problem is named by sheet and cell.
/// </summary>
public static class PlanWorkbookReader
{
    public static PlanWorkbookRead Read(Stream stream)
    {
        XlsxReader reader;
        try
        {
            reader = XlsxReader.Open(stream);
        }
        catch (XlsxFileException ex)
        {
            return Failed(new PlanImportError(string.Empty, ex.Message));
        }

        using (reader)
        {
            try
            {
                return new Session(reader).Read();
            }
            catch (XlsxFileException ex)
            {
                return Failed(new PlanImportError(string.Empty, ex.Message));
            }
        }
    }

    private static PlanWorkbookRead Failed(PlanImportError error) => new(null, [error], []);

    private sealed class Session(XlsxReader reader)
    {
        private readonly List<PlanImportError> _errors = [];
        private readonly Dictionary<string, string> _locations = new(StringComparer.Ordinal);

        public PlanWorkbookRead Read()
        {
            foreach (var sheet in new[] { L.PlanSheet, L.KpiSheet })
            {
                if (!reader.SheetNames.Contains(sheet))
                {
                    return Failed(new PlanImportError(string.Empty, $"Manca il foglio «{sheet}»: usare il file esportato dal portale («Esporta in Excel» del piano)."));
                }

                if (reader.HasMergedCells(sheet))
                {
                    return Failed(new PlanImportError(sheet, "Il foglio contiene celle unite: separarle e lasciare ogni valore nella sua colonna."));
                }
            }

            _locations["$.periods"] = $"{L.PlanSheet} (righe «{L.Period}»)";
            _locations["$.categories"] = $"{L.PlanSheet} (righe «{L.Section}»)";
            _locations["$.objectives"] = L.KpiSheet;
            var plan = ReadPlanSheet();
            var objectives = ReadKpiSheet();
            if (_errors.Count > 0)
            {
                return new PlanWorkbookRead(null, _errors, _locations);
            }

            var document = new PlanDocument
            {
                Format = "pdo-plan",
                FormatVersion = 1,
                Year = plan.Year,
                Title = plan.Title,
                Status = "Draft",
                Methodology = new MethodologyDocument { LowerIsBetterFormula = plan.Formula, PartiallyAchievedFrom = plan.PartiallyFrom },
                RequireFourEyesReview = plan.FourEyes,
                Periods = plan.Periods,
                Categories = plan.Sections,
                Areas = plan.Areas,
                Directorates = plan.Directorates,
                Objectives = objectives,
            };
            return new PlanWorkbookRead(document, [], _locations);
        }

        private PlanSheet ReadPlanSheet()
        {
            var plan = new PlanSheet();
            foreach (var row in reader.Rows(L.PlanSheet)!)
            {
                if (row.Index == 1)
                {
                    CheckHeaders(L.PlanSheet, row, L.PlanColumns, 0);
                    continue;
                }

                var item = Text(L.PlanSheet, row, "A");
                if (item is null || item.Length == 0)
                {
                    continue;
                }

                var at = $"{L.PlanSheet}!A{row.Index}";
                switch (item)
                {
                    case L.Year:
                        plan.Year = Number(L.PlanSheet, row, "D", required: true) is decimal year && year == Math.Floor(year) && year is >= 1900 and <= 9999 ? (int)year : plan.Year;
                        if (plan.Year is null && !HasErrorAt(L.PlanSheet, "D", row))
                        {
                            Add(L.PlanSheet, "D", row, "l'anno deve essere un numero intero (es. 2020).");
                        }

                        _locations["$.year"] = $"{L.PlanSheet}!D{row.Index}";
                        break;
                    case L.Title:
                        plan.Title = Text(L.PlanSheet, row, "D");
                        _locations["$.title"] = $"{L.PlanSheet}!D{row.Index}";
                        break;
                    case L.Formula:
                        plan.Formula = Text(L.PlanSheet, row, "B");
                        _locations["$.methodology.lowerIsBetterFormula"] = $"{L.PlanSheet}!B{row.Index}";
                        _locations["$.methodology"] = at;
                        break;
                    case L.PartiallyFrom:
                        plan.PartiallyFrom = Number(L.PlanSheet, row, "D", required: false);
                        _locations["$.methodology.partiallyAchievedFrom"] = $"{L.PlanSheet}!D{row.Index}";
                        break;
                    case L.FourEyes:
                        plan.FourEyes = YesNo(L.PlanSheet, row, "B");
                        _locations["$.requireFourEyesReview"] = $"{L.PlanSheet}!B{row.Index}";
                        break;
                    case L.Period:
                        _locations[$"$.periods[{plan.Periods.Count}]"] = at;
                        _locations[$"$.periods[{plan.Periods.Count}].endDate"] = $"{L.PlanSheet}!D{row.Index}";
                        plan.PeriodRows.Add(row);
                        plan.Periods.Add(new PeriodDocument
                        {
                            Code = Text(L.PlanSheet, row, "B"),
                            Name = Text(L.PlanSheet, row, "C"),
                            IsFinal = YesNo(L.PlanSheet, row, "E") ?? false,
                        });
                        break;
                    case L.Section:
                        _locations[$"$.categories[{plan.Sections.Count}]"] = at;
                        plan.Sections.Add(CodeName(row));
                        break;
                    case L.Area:
                        _locations[$"$.areas[{plan.Areas.Count}]"] = at;
                        plan.Areas.Add(CodeName(row));
                        break;
                    case L.Directorate:
                        _locations[$"$.directorates[{plan.Directorates.Count}]"] = at;
                        plan.Directorates.Add(CodeName(row));
                        break;
                    default:
                        Add(L.PlanSheet, "A", row, $"voce «{item}» non prevista: ammesse {string.Join(", ", L.PlanItems.Select(i => $"«{i}»"))}.");
                        break;
                }
            }

            // A period's end is day and month; the year is the plan's, so changing the year moves the whole plan.
            for (var i = 0; i < plan.Periods.Count; i++)
            {
                var row = plan.PeriodRows[i];
                var end = EndDate(row, plan.Year);
                plan.Periods[i] = plan.Periods[i] with { EndDate = end?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            }

            return plan;
        }

        private DateOnly? EndDate(XlsxRow row, int? year)
        {
            if (Cell(L.PlanSheet, row, "D") is not { } cell)
            {
                Add(L.PlanSheet, "D", row, "indicare la fine del periodo come giorno/mese (es. 30/06).");
                return null;
            }

            if (cell.Number is decimal serial)
            {
                var date = DateOnly.FromDateTime(DateTime.FromOADate((double)serial));
                return year is int y ? new DateOnly(y, date.Month, Math.Min(date.Day, DateTime.DaysInMonth(y, date.Month))) : null;
            }

            if (DateOnly.TryParseExact($"{cell.Text.Trim()}/2000", "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dayMonth))
            {
                return year is int y ? new DateOnly(y, dayMonth.Month, Math.Min(dayMonth.Day, DateTime.DaysInMonth(y, dayMonth.Month))) : null;
            }

            Add(L.PlanSheet, "D", row, $"«{cell.Text}» non è un giorno/mese valido (es. 30/06).");
            return null;
        }

        private CodeNameDocument CodeName(XlsxRow row) => new() { Code = Text(L.PlanSheet, row, "B"), Name = Text(L.PlanSheet, row, "C") };

        private List<ObjectiveDocument> ReadKpiSheet()
        {
            var objectives = new List<ObjectiveDocument>();
            var byCode = new Dictionary<string, (int Index, XlsxRow Row)>(StringComparer.OrdinalIgnoreCase);
            Dictionary<string, string>? columns = null;
            foreach (var row in reader.Rows(L.KpiSheet)!)
            {
                if (row.Index == 1)
                {
                    columns = StructureColumnsOf(row);
                    continue;
                }

                if (columns is null || row.Cells.Count == 0)
                {
                    continue;
                }

                var objectiveCode = Text(L.KpiSheet, row, "D");
                var kpiCode = Text(L.KpiSheet, row, "F");
                var kpiLabel = $"KPI {kpiCode ?? "senza codice"}";
                if (string.IsNullOrWhiteSpace(objectiveCode))
                {
                    Add(L.KpiSheet, "D", row, $"indicare il codice dell'obiettivo ({kpiLabel}).");
                    continue;
                }

                var objective = new ObjectiveDocument
                {
                    Code = objectiveCode,
                    Title = Text(L.KpiSheet, row, "E"),
                    Category = Text(L.KpiSheet, row, columns[L.SectionCode]),
                    Area = Text(L.KpiSheet, row, columns[L.AreaCode]),
                    Directorate = Text(L.KpiSheet, row, columns[L.DirectorateCode]),
                    Weight = Number(L.KpiSheet, row, columns[L.ObjectiveWeight], required: false, kpiLabel),
                    Kpis = [],
                };
                if (byCode.TryGetValue(objectiveCode, out var first))
                {
                    var known = objectives[first.Index];
                    SameObjective(known, objective, row, first.Row, columns, kpiLabel);
                    objective = known;
                }
                else
                {
                    var path = $"$.objectives[{objectives.Count}]";
                    _locations[path] = $"{L.KpiSheet}!D{row.Index} (obiettivo {objectiveCode})";
                    _locations[$"{path}.title"] = $"{L.KpiSheet}!E{row.Index} (obiettivo {objectiveCode})";
                    _locations[$"{path}.category"] = $"{L.KpiSheet}!{columns[L.SectionCode]}{row.Index} (obiettivo {objectiveCode})";
                    _locations[$"{path}.area"] = $"{L.KpiSheet}!{columns[L.AreaCode]}{row.Index} (obiettivo {objectiveCode})";
                    _locations[$"{path}.directorate"] = $"{L.KpiSheet}!{columns[L.DirectorateCode]}{row.Index} (obiettivo {objectiveCode})";
                    _locations[$"{path}.weight"] = $"{L.KpiSheet}!{columns[L.ObjectiveWeight]}{row.Index} (obiettivo {objectiveCode})";
                    byCode[objectiveCode] = (objectives.Count, row);
                    objectives.Add(objective);
                }

                var kpiPath = $"$.objectives[{byCode[objectiveCode].Index}].kpis[{objective.Kpis!.Count}]";
                objective.Kpis.Add(Kpi(row, columns, kpiLabel, kpiPath));
            }

            if (columns is null && _errors.Count == 0)
            {
                _errors.Add(new PlanImportError($"{L.KpiSheet}!A1", "Il foglio non ha la riga delle intestazioni."));
            }

            return objectives;
        }

        private KpiDocument Kpi(XlsxRow row, Dictionary<string, string> columns, string label, string path)
        {
            string Where(string column) => $"{L.KpiSheet}!{column}{row.Index} ({label})";
            _locations[path] = Where("F");
            _locations[$"{path}.code"] = Where("F");
            _locations[$"{path}.name"] = Where("G");
            _locations[$"{path}.unit"] = Where("H");
            _locations[$"{path}.comparator"] = Where("I");
            _locations[$"{path}.targetValue"] = Where("J");
            _locations[$"{path}.weight"] = Where("K");
            _locations[$"{path}.target"] = Where(columns[L.TargetText]);
            _locations[$"{path}.kind"] = Where(columns[L.Kind]);
            _locations[$"{path}.valueKind"] = Where(columns[L.ValueKind]);
            _locations[$"{path}.direction"] = Where(columns[L.Direction]);
            _locations[$"{path}.scoring"] = Where(columns[L.Method]);
            _locations[$"{path}.scoring.method"] = Where(columns[L.Method]);
            _locations[$"{path}.baseline"] = Where(columns[L.Baseline]);

            var kind = Text(L.KpiSheet, row, columns[L.Kind]);
            var valueKind = Text(L.KpiSheet, row, columns[L.ValueKind]);
            var method = Text(L.KpiSheet, row, columns[L.Method]);
            var unit = Text(L.KpiSheet, row, "H");
            return new KpiDocument
            {
                Code = Text(L.KpiSheet, row, "F"),
                Name = Text(L.KpiSheet, row, "G"),
                Group = Text(L.KpiSheet, row, columns[L.Group]),
                Target = Text(L.KpiSheet, row, columns[L.TargetText]),
                TargetValue = TargetValue(row, kind, label),
                Kind = kind,
                ValueKind = valueKind,
                // The export writes the unit a percentage, minutes or days imply («%», «minuti», «giorni»): not a unit of its own.
                Unit = unit is null || unit == ImpliedUnit(valueKind) ? null : unit,
                Direction = Text(L.KpiSheet, row, columns[L.Direction]),
                Comparator = kind is "Numeric" or null ? Comparator(row, label) : null,
                Baseline = Number(L.KpiSheet, row, columns[L.Baseline], required: false, label) is decimal baseline ? ItalianValues.FormatNumber(baseline, 10) : null,
                Weight = Number(L.KpiSheet, row, "K", required: false, label),
                Scoring = method is null ? null : new ScoringDocument
                {
                    Method = method,
                    Bands = ReadBands(row, columns[L.Bands], label),
                    PenaltyPerDay = Number(L.KpiSheet, row, columns[L.PenaltyPerDay], required: false, label),
                },
            };
        }

        private static string? ImpliedUnit(string? valueKind) => valueKind switch
        {
            nameof(ValueKind.Percent) => "%",
            nameof(ValueKind.Minutes) => "minuti",
            nameof(ValueKind.Days) => "giorni",
            _ => null,
        };

        private string? TargetValue(XlsxRow row, string? kind, string label)
        {
            var cell = Cell(L.KpiSheet, row, "J", label);
            if (cell?.Number is not decimal number)
            {
                return cell?.Text.Trim();
            }

            return kind == "Deadline"
                ? ItalianValues.FormatDate(DateOnly.FromDateTime(DateTime.FromOADate((double)number)))
                : ItalianValues.FormatNumber(number, 10);
        }

        private string? Comparator(XlsxRow row, string label)
        {
            var text = Text(L.KpiSheet, row, "I", label);
            if (text is null)
            {
                return null;
            }

            foreach (var comparator in Enum.GetValues<Domain.Attainment.Comparator>())
            {
                if (ItalianValues.FormatComparator(comparator) == text || comparator.ToString() == text)
                {
                    return comparator.ToString();
                }
            }

            Add(L.KpiSheet, "I", row, $"comparatore «{text}» non previsto: ammessi ≥, >, ≤, <, = ({label}).");
            return null;
        }

        private List<BandDocument>? ReadBands(XlsxRow row, string column, string label)
        {
            var text = Text(L.KpiSheet, row, column, label);
            if (text is null)
            {
                return null;
            }

            var bands = new List<BandDocument>();
            foreach (var part in text.Split(L.BandSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pair = part.Split(L.BandPartSeparator, StringSplitOptions.TrimEntries);
                var progress = pair.Length == 2 ? ItalianValues.Parse(pair[0]).Value?.Number : null;
                var score = pair.Length == 2 ? ItalianValues.Parse(pair[1]).Value?.Number : null;
                if (progress is null || score is null)
                {
                    Add(L.KpiSheet, column, row, $"fascia «{part}» non valida: scrivere avanzamento minimo:punteggio separati da «;» (es. «90:100; 70:80») ({label}).");
                    return null;
                }

                bands.Add(new BandDocument { MinimumProgress = progress.Value, Score = score.Value });
            }

            return bands;
        }

        private void SameObjective(ObjectiveDocument known, ObjectiveDocument again, XlsxRow row, XlsxRow first, Dictionary<string, string> columns, string label)
        {
            (string Column, string? Known, string? Again)[] fields =
            [
                ("E", known.Title, again.Title),
                (columns[L.SectionCode], known.Category, again.Category),
                (columns[L.AreaCode], known.Area, again.Area),
                (columns[L.DirectorateCode], known.Directorate, again.Directorate),
                (columns[L.ObjectiveWeight], known.Weight?.ToString(CultureInfo.InvariantCulture), again.Weight?.ToString(CultureInfo.InvariantCulture)),
            ];
            foreach (var (column, a, b) in fields.Where(f => !string.Equals(f.Known, f.Again, StringComparison.Ordinal)))
            {
                Add(L.KpiSheet, column, row, $"diverso dalla riga {first.Index.ToString(CultureInfo.InvariantCulture)} dello stesso obiettivo {known.Code} («{b}» invece di «{a}»): l'obiettivo si scrive uguale su ogni sua riga ({label}).");
            }
        }

        /// <summary>Checks A–K and the structure columns after the period columns; returns the letter of each structure column.</summary>
        private Dictionary<string, string>? StructureColumnsOf(XlsxRow header)
        {
            if (!CheckHeaders(L.KpiSheet, header, L.KpiColumns, 0))
            {
                return null;
            }

            var start = header.Cells.Values.FirstOrDefault(c => c.Text == L.StructureColumns[0]);
            if (start is null)
            {
                _errors.Add(new PlanImportError($"{L.KpiSheet}!A1", $"Manca la colonna «{L.StructureColumns[0]}» (e le seguenti): usare il file esportato dal portale, che le scrive dopo le colonne dei periodi."));
                return null;
            }

            var offset = ColumnIndex(start.Column);
            if (!CheckHeaders(L.KpiSheet, header, L.StructureColumns, offset))
            {
                return null;
            }

            return L.StructureColumns.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => XlsxWriter.ColumnName(offset + x.i));
        }

        private bool CheckHeaders(string sheet, XlsxRow header, string[] expected, int offset)
        {
            var ok = true;
            for (var i = 0; i < expected.Length; i++)
            {
                var column = XlsxWriter.ColumnName(offset + i);
                var found = header[column]?.Text.Trim() ?? string.Empty;
                if (found != expected[i])
                {
                    _errors.Add(new PlanImportError($"{sheet}!{column}1", $"attesa la colonna «{expected[i]}», trovato «{found}»: non spostare, togliere o rinominare le colonne del file esportato."));
                    ok = false;
                }
            }

            return ok;
        }

        private static int ColumnIndex(string letters) => letters.Aggregate(0, (n, c) => (n * 26) + (char.ToUpperInvariant(c) - 'A' + 1)) - 1;

        private XlsxReadCell? Cell(string sheet, XlsxRow row, string column, string? label = null)
        {
            var cell = row[column];
            if (cell is { HasFormula: true })
            {
                Add(sheet, column, row, $"la cella contiene una formula: scrivere il valore{(label is null ? string.Empty : $" ({label})")}.");
                return null;
            }

            return cell;
        }

        private string? Text(string sheet, XlsxRow row, string column, string? label = null)
        {
            var text = Cell(sheet, row, column, label)?.Text.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        private decimal? Number(string sheet, XlsxRow row, string column, bool required, string? label = null)
        {
            var cell = Cell(sheet, row, column, label);
            if (cell is null || cell.Text.Trim().Length == 0)
            {
                if (required && !HasErrorAt(sheet, column, row))
                {
                    Add(sheet, column, row, "valore obbligatorio.");
                }

                return null;
            }

            if (cell.Number is decimal number)
            {
                return number;
            }

            var parsed = ItalianValues.Parse(cell.Text);
            if (parsed.Value?.Number is decimal typed && parsed.Value.Comparator is null)
            {
                return typed;
            }

            Add(sheet, column, row, $"«{cell.Text}» non è un numero{(label is null ? string.Empty : $" ({label})")}.");
            return null;
        }

        private bool? YesNo(string sheet, XlsxRow row, string column)
        {
            var text = Text(sheet, row, column);
            switch (text?.ToUpperInvariant())
            {
                case null:
                    return null;
                case "SI" or "SÌ":
                    return true;
                case "NO":
                    return false;
                default:
                    Add(sheet, column, row, $"«{text}»: scrivere SI o NO.");
                    return null;
            }
        }

        private bool HasErrorAt(string sheet, string column, XlsxRow row) =>
            _errors.Any(e => e.Path == $"{sheet}!{column}{row.Index.ToString(CultureInfo.InvariantCulture)}");

        private void Add(string sheet, string column, XlsxRow row, string message) =>
            _errors.Add(new PlanImportError($"{sheet}!{column}{row.Index.ToString(CultureInfo.InvariantCulture)}", char.ToUpperInvariant(message[0]) + message[1..]));
    }

    private sealed class PlanSheet
    {
        public int? Year { get; set; }

        public string? Title { get; set; }

        public string? Formula { get; set; }

        public decimal? PartiallyFrom { get; set; }

        public bool? FourEyes { get; set; }

        public List<PeriodDocument> Periods { get; } = [];

        public List<XlsxRow> PeriodRows { get; } = [];

        public List<CodeNameDocument> Sections { get; } = [];

        public List<CodeNameDocument> Areas { get; } = [];

        public List<CodeNameDocument> Directorates { get; } = [];
    }
}
