namespace Pdo.Infrastructure.Identity;

/// <summary>The five roles of Pdo (code names of the glossary) with their Italian labels.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string PlanningOffice = nameof(PlanningOffice);
    public const string DirectorateManager = nameof(DirectorateManager);
    public const string Executive = nameof(Executive);

    /// <summary>The OIV or Nucleo di Valutazione (D.Lgs. 150/2009 art. 14): reads every plan and its history, changes no result.</summary>
    public const string Evaluator = nameof(Evaluator);

    public static IReadOnlyList<string> All { get; } = [Administrator, PlanningOffice, DirectorateManager, Executive, Evaluator];

    public static string Label(string role) => role switch
    {
        Administrator => "Amministratore",
        PlanningOffice => "Ufficio Pianificazione",
        DirectorateManager => "Direttore",
        Executive => "Giunta",
        Evaluator => Pdo.Domain.Attainment.ApprovedOverride.Decider,
        _ => role,
    };
}

/// <summary>Claim types Pdo adds to a signed-in user.</summary>
public static class PdoClaims
{
    /// <summary>One claim per Direzione (its id) the user is bound to as Direttore.</summary>
    public const string Directorate = "pdo:directorate";

    public const string FullName = "pdo:fullname";
}
