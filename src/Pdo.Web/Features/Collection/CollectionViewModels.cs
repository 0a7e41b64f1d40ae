using Pdo.Web.Features.Plans;

namespace Pdo.Web.Features.Collection;

/// <summary>One Direzione (or the Ente) in an open period: how many KPIs it reports and where its results template is.</summary>
public sealed record CollectionTemplateLink(string Directorate, string Code, int Kpis, string TemplateUrl, string FileName);

public sealed record CollectionPeriod(string Code, string Label, IReadOnlyList<CollectionTemplateLink> Templates);

/// <summary>The collection page: for each open period, each Direzione's template, and the upload page.</summary>
public sealed record CollectionViewModel(PlanHeaderViewModel Header, IReadOnlyList<CollectionPeriod> OpenPeriods, string UploadUrl);

/// <summary>A results template ready to send: the file name and its bytes' stream (a temporary file, deleted on close).</summary>
public sealed record CollectionTemplateFile(string FileName, Stream Content);
