using System.Globalization;

namespace Pdo.Domain.Values;

/// <summary>Times are stored in UTC and shown in Europe/Rome, Italian style: "14/04/2020 10:00".</summary>
public static class RomeTime
{
    private static readonly TimeZoneInfo Rome = Find();

    public static string Format(DateTimeOffset utc) =>
        TimeZoneInfo.ConvertTime(utc, Rome).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The calendar day in Rome at the instant <paramref name="utc"/> (23:30 UTC on 31/12 is already 01/01).</summary>
    public static DateOnly Today(DateTimeOffset utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, Rome).DateTime);

    /// <summary>The instant (UTC) at which <paramref name="date"/> begins in Rome: 01/07/2020 → 2020-06-30T22:00Z.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Rome.GetUtcOffset(local)).ToUniversalTime();
    }

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
        }
        catch (TimeZoneNotFoundException)
        {
            // No tz database on the machine: CET/CEST rules, as Italy has used since 1996.
            var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday);
            var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday);
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
            return TimeZoneInfo.CreateCustomTimeZone("Europe/Rome", TimeSpan.FromHours(1), "Europe/Rome", "CET", "CEST", [rule]);
        }
    }
}
