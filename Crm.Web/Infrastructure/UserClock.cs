namespace Crm.Web.Infrastructure;

/// <summary>
/// Instants are stored in UTC and shown in the organisation's time zone (setting <c>App:TimeZone</c>,
/// default China Standard Time); date filters typed by users are read in that zone too.
/// </summary>
public sealed class UserClock
{
    public UserClock(IConfiguration configuration)
    {
        var id = configuration["App:TimeZone"] ?? "Asia/Shanghai";
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public TimeZoneInfo Zone { get; }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public string Format(DateTimeOffset instant) => ToLocal(instant).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The UTC instant at which a local calendar day starts.</summary>
    public DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
