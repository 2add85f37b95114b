using Crm.Infrastructure.Customers;
using Microsoft.Extensions.Configuration;

namespace Crm.Infrastructure.Service;

/// <summary>
/// The organisation's calendar for the service module (setting App:TimeZone, as the pool and churn jobs
/// use it): contract terms, renewal windows and planned visit days are local days, so "today" is the local
/// day of the instant — 2026-06-30 17:00 UTC is already July 1st in Asia/Shanghai.
/// </summary>
public static class ServiceCalendar
{
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    public static DateOnly DayOf(DateTimeOffset at, IConfiguration configuration) => DayOf(at, PoolCalendar.Zone(configuration));

    public static DateOnly Today(TimeProvider clock, IConfiguration configuration) => DayOf(clock.GetUtcNow(), configuration);

    /// <summary>The UTC instant at which the local day starts (when a reminder for that day falls due).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, IConfiguration configuration) => PoolCalendar.StartOfDay(day, PoolCalendar.Zone(configuration));
}
