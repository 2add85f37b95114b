using Microsoft.EntityFrameworkCore;

namespace Crm.Web.Infrastructure.Lists;

/// <summary>
/// Bounded paging for list pages over large tables: pages are read with OFFSET up to
/// <see cref="MaxPage"/> (deeper than that, users refine the filters instead of paging), and the total is
/// counted only up to <see cref="CountCap"/>, so no request counts a million rows.
/// </summary>
public sealed record PageInfo(int Page, int Size, int Count, bool HasNext, int Total, bool TotalCapped)
{
    public const int MaxPage = 200;
    public const int CountCap = 10_000;
    public const int DefaultSize = 20;

    public bool HasPrevious => Page > 1;

    public int LastPage => Math.Min(MaxPage, Math.Max(1, (Total + Size - 1) / Size));

    public int FirstRow => Count == 0 ? 0 : ((Page - 1) * Size) + 1;

    public int LastRow => Count == 0 ? 0 : FirstRow + Count - 1;

    public static int Clamp(int? page) => Math.Clamp(page ?? 1, 1, MaxPage);
}

public sealed record Paged<T>(IReadOnlyList<T> Items, PageInfo Page);

public static class PagingExtensions
{
    /// <summary>Reads one page of an ordered query and a capped count of the whole filtered set.</summary>
    public static async Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> ordered, int? page, int size = PageInfo.DefaultSize, CancellationToken cancellationToken = default)
    {
        var number = PageInfo.Clamp(page);
        var rows = await ordered.Skip((number - 1) * size).Take(size + 1).ToListAsync(cancellationToken);
        var total = await ordered.Take(PageInfo.CountCap + 1).CountAsync(cancellationToken);
        var capped = total > PageInfo.CountCap;
        var items = rows.Take(size).ToList();
        return new Paged<T>(
            items,
            new PageInfo(number, size, items.Count, rows.Count > size && number < PageInfo.MaxPage, Math.Min(total, PageInfo.CountCap), capped));
    }
}
