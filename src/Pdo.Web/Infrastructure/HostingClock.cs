namespace Pdo.Web.Infrastructure;

/// <summary>
/// The portal's clock: the system clock, or in Development only the system clock moved by
/// <c>Development:ClockOffsetDays</c> whole days (a rehearsal of a later date: the browser tests run a 2027 plan to its
/// approval, which the rule book allows only once 2027 is over). Outside Development the setting refuses the start, so
/// that no deployment can run on a date that is not today.
/// </summary>
public static class HostingClock
{
    public const string OffsetSetting = "Development:ClockOffsetDays";

    /// <summary>The clock to register, or null with <paramref name="error"/> when the configuration must refuse the start.</summary>
    public static TimeProvider? From(IConfiguration configuration, IHostEnvironment environment, out string? error)
    {
        error = null;
        var configured = configuration[OffsetSetting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return TimeProvider.System;
        }

        if (!environment.IsDevelopment())
        {
            error = $"{OffsetSetting} is set, but the environment is {environment.EnvironmentName}: the clock can be moved only in Development. Remove the setting.";
            return null;
        }

        if (!int.TryParse(configured, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var days)
            || days is < -36_500 or > 36_500)
        {
            error = $"{OffsetSetting} must be a whole number of days between -36500 and 36500, not «{configured}».";
            return null;
        }

        return days == 0 ? TimeProvider.System : new ShiftedTimeProvider(TimeSpan.FromDays(days));
    }

    /// <summary>The system clock moved by a fixed offset; timers and time zones are the system's.</summary>
    public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
    {
        public TimeSpan Offset { get; } = offset;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }
}
