namespace Pdo.Domain.Plans;

/// <summary>
/// Review state of a KPI result. A KPI with no result for a period is "Da rilevare"; once entered it is
/// Inserito, then Confermato by the Direttore, or Restituito with a comment (back to Inserito when corrected).
/// </summary>
public enum ResultStatus
{
    Entered,
    Returned,
    Confirmed,
}
