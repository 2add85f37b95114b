using Crm.Domain.Common;
using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Web.Service;

/// <summary>Service requests and articles arranged through the domain on a system-scoped context.</summary>
public static class ServiceTestData
{
    public static Task<int> DictionaryAsync(CrmDbContext db, string category, string code) =>
        db.DictionaryItems.Where(d => d.Category == category && d.Code == code).Select(d => d.Id).SingleAsync();

    /// <summary>A new request of a new customer of <paramref name="creator"/> (who owns the customer), created by him, received at <paramref name="at"/>.</summary>
    public static async Task<(int RequestId, int CustomerId)> RequestAsync(CrmDbContext db, string creator = "zhang.wei", DateTimeOffset? at = null,
        int slaHours = 24, string summary = "打印机卡纸", int? customerId = null)
    {
        var user = await db.Users.SingleAsync(u => u.UserName == creator);
        var customer = customerId ?? await SalesArrange.CustomerAsync(db, creator);
        var type = await DictionaryAsync(db, DictionaryCategories.ServiceType, "Complaint");
        var priority = await DictionaryAsync(db, DictionaryCategories.Priority, DictionaryCategories.Priorities.Normal);
        var request = new ServiceRequest(SalesArrange.Unique("TFW"), customer, type, priority, slaHours, summary, null, user.Id, user.OrgUnitId, at ?? DateTimeOffset.UtcNow);
        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync();
        return (request.Id, customer);
    }

    /// <summary>Assigns the request to <paramref name="handler"/> (by manager.east).</summary>
    public static async Task AssignAsync(CrmDbContext db, int requestId, string handler = "li.na")
    {
        var user = await db.Users.SingleAsync(u => u.UserName == handler);
        var manager = await db.Users.SingleAsync(u => u.UserName == "manager.east");
        var request = await db.ServiceRequests.Include(r => r.Events).SingleAsync(r => r.Id == requestId);
        request.Assign(user.Id, manager.Id, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    public static async Task<int> ArticleAsync(CrmDbContext db, string title = "打印机卡纸怎么办", string answer = "<p>检查搓纸轮</p>", string? tags = "打印机,卡纸", int? productId = null)
    {
        var article = new KnowledgeArticle(title, answer, tags, productId);
        db.KnowledgeArticles.Add(article);
        await db.SaveChangesAsync();
        return article.Id;
    }
}
