namespace Pdo.Domain.Attainment;

/// <summary>How a target is compared with the actual value (<c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c>, <c>=</c>).</summary>
public enum Comparator
{
    AtLeast,
    GreaterThan,
    AtMost,
    LessThan,
    EqualTo,
}

/// <summary>What a KPI measures: a number, a yes/no fact, or something to be done by a deadline.</summary>
public enum KpiKind
{
    Numeric,
    Boolean,
    Deadline,
}

/// <summary>Which way a numeric KPI improves. A reduction KPI is lower-is-better with a negative target.</summary>
public enum Direction
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>The scoring method chosen per KPI (attainment.md, "Scoring methods").</summary>
public enum ScoringMethod
{
    Threshold,
    Proportional,
    Bands,
    Deadline,
}

/// <summary>Per-plan methodology setting for lower-is-better KPIs without baseline and with a positive target.</summary>
public enum LowerIsBetterFormula
{
    /// <summary>progress = target / actual (default).</summary>
    Ratio,

    /// <summary>progress = (2 × target − actual) / target.</summary>
    Linear,
}

/// <summary>Status band of a score.</summary>
public enum AttainmentStatus
{
    Achieved,
    PartiallyAchieved,
    NotAchieved,
    NotMeasured,
}
