using Pdo.Domain.Attainment;

namespace Pdo.Domain.Tests.Attainment;

/// <summary>AttainmentRules.StatusOf: the status band of an unrounded score.</summary>
public class StatusOfTests
{
    [Theory]
    [InlineData(100, AttainmentStatus.Achieved)]
    [InlineData(99.9, AttainmentStatus.PartiallyAchieved)]
    [InlineData(99.95, AttainmentStatus.PartiallyAchieved)]
    [InlineData(80, AttainmentStatus.PartiallyAchieved)]
    [InlineData(79.95, AttainmentStatus.NotAchieved)]
    [InlineData(79.9, AttainmentStatus.NotAchieved)]
    [InlineData(0, AttainmentStatus.NotAchieved)]
    public void ReturnsDefaultBandGivenUnroundedScore(double score, AttainmentStatus expected)
    {
        Assert.Equal(expected, AttainmentRules.StatusOf((decimal)score, StatusBands.Default));
    }

    [Fact]
    public void ReturnsNotMeasuredGivenNoScore()
    {
        Assert.Equal(AttainmentStatus.NotMeasured, AttainmentRules.StatusOf(null, StatusBands.Default));
    }

    [Theory]
    [InlineData(60, AttainmentStatus.PartiallyAchieved)]
    [InlineData(59.9, AttainmentStatus.NotAchieved)]
    public void ReturnsPlanBandGivenPartiallyFrom60(double score, AttainmentStatus expected)
    {
        Assert.Equal(expected, AttainmentRules.StatusOf((decimal)score, new StatusBands(100m, 60m)));
    }

    [Theory]
    [InlineData(99.95, 99.9)]
    [InlineData(80.05, 80.1)]
    [InlineData(83.3333, 83.3)]
    [InlineData(-0.05, -0.1)]
    public void RoundsHalfAwayFromZeroForDisplayOnly(double score, double displayed)
    {
        Assert.Equal((decimal)displayed, AttainmentRules.RoundForDisplay((decimal)score));
    }
}
