using Crm.Domain.Common;
using Crm.Infrastructure.Identity;
using Crm.Tests.Support;
using Crm.Web.Infrastructure.Lists;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web;

public sealed class PagingTests
{
    [Fact]
    public void Unordered_drops_the_sorts_of_the_chain_and_keeps_everything_else()
    {
        var source = Enumerable.Range(1, 50).AsQueryable();
        var ordered = source.Where(n => n % 2 == 0).OrderByDescending(n => n).ThenBy(n => n % 3).Select(n => n * 10);

        var unordered = PagingExtensions.Unordered(ordered);

        Assert.DoesNotContain("OrderBy", unordered.Expression.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ThenBy", unordered.Expression.ToString(), StringComparison.Ordinal);
        Assert.Equal(ordered.OrderBy(n => n), unordered.OrderBy(n => n));
        Assert.Equal(Enumerable.Range(1, 25).Select(n => n * 20), unordered);
    }

    [Fact]
    public async Task A_page_is_read_in_order_and_the_total_is_counted_up_to_the_cap()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext(CurrentUser.System());
        var total = PageInfo.CountCap + 5;
        db.DictionaryItems.AddRange(Enumerable.Range(1, total)
            .Select(n => new DictionaryItem(DictionaryCategories.Industry, $"PG{n:D5}", $"行业{n:D5}", $"Industry {n:D5}", n)));
        await db.SaveChangesAsync();
        var items = db.DictionaryItems.AsNoTracking().Where(d => d.Code.StartsWith("PG")).OrderByDescending(d => d.SortOrder).Select(d => d.Code);

        var first = await items.ToPageAsync(1);
        var second = await items.ToPageAsync(2);

        Assert.Equal(Enumerable.Range(total - 19, 20).Reverse().Select(n => $"PG{n:D5}"), first.Items);
        Assert.Equal($"PG{total - 20:D5}", second.Items[0]);
        Assert.True(first.Page.TotalCapped);
        Assert.Equal(PageInfo.CountCap, first.Page.Total);
        Assert.True(first.Page.HasNext);

        var few = await db.DictionaryItems.AsNoTracking().Where(d => d.Code.StartsWith("PG0000")).OrderBy(d => d.Code).Select(d => d.Code).ToPageAsync(1);
        Assert.False(few.Page.TotalCapped);
        Assert.Equal(9, few.Page.Total);
    }
}
