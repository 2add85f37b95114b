using Crm.Domain.Service;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Tests.Support;

/// <summary>
/// Quality complaints, return visits and service contracts arranged through the entities for a customer of a
/// given user (the first one he owns). Works on a system-scoped context (a web test's <c>WithDbAsync</c>).
/// </summary>
public static class ServiceRecordArrange
{
    public static Task<int> FirstCustomerOfAsync(CrmDbContext db, string owner) =>
        db.Customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.UserName == owner)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();

    /// <summary>An open (not closed) complaint of a customer of <paramref name="owner"/>; made when there is none.</summary>
    public static async Task<int> ComplaintOfAsync(CrmDbContext db, string owner)
    {
        var existing = await db.QualityComplaints
            .Where(q => q.Status != QualityComplaintStatus.Closed && db.Customers.Any(c => c.Id == q.CustomerId && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == owner)))
            .OrderBy(q => q.Id).Select(q => (int?)q.Id).FirstOrDefaultAsync();
        return existing ?? await ComplaintAsync(db, await FirstCustomerOfAsync(db, owner));
    }

    public static async Task<int> ComplaintAsync(CrmDbContext db, int customerId, int? productId = null, int? problemQuantity = 5, DateOnly? feedback = null)
    {
        var complaint = new QualityComplaint(SalesArrange.Unique("ZT"), customerId,
            new QualityComplaintDetails(feedback ?? DateOnly.FromDateTime(DateTime.UtcNow), "测试投诉：外壳开裂", ProductId: productId, ProblemQuantity: problemQuantity, ProjectQuantity: 100));
        db.QualityComplaints.Add(complaint);
        await db.SaveChangesAsync();
        return complaint.Id;
    }

    /// <summary>A planned visit of a customer of <paramref name="owner"/>; made when there is none.</summary>
    public static async Task<int> PlannedVisitOfAsync(CrmDbContext db, string owner)
    {
        var existing = await db.ReturnVisits
            .Where(v => v.Status == ReturnVisitStatus.Planned && db.Customers.Any(c => c.Id == v.CustomerId && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == owner)))
            .OrderBy(v => v.Id).Select(v => (int?)v.Id).FirstOrDefaultAsync();
        return existing ?? await VisitAsync(db, await FirstCustomerOfAsync(db, owner), owner);
    }

    public static async Task<int> VisitAsync(CrmDbContext db, int customerId, string visitor, DateOnly? planned = null)
    {
        var visitorId = (await db.Users.SingleAsync(u => u.UserName == visitor)).Id;
        var visit = new ReturnVisit(customerId, planned ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2), null, visitorId, null, "测试回访");
        db.ReturnVisits.Add(visit);
        await db.SaveChangesAsync();
        return visit.Id;
    }

    public static async Task<int> ContractOfAsync(CrmDbContext db, string owner)
    {
        var existing = await db.ServiceContracts
            .Where(k => db.Customers.Any(c => c.Id == k.CustomerId && db.Users.Any(u => u.Id == c.OwnerId && u.UserName == owner)))
            .OrderBy(k => k.Id).Select(k => (int?)k.Id).FirstOrDefaultAsync();
        return existing ?? await ContractAsync(db, await FirstCustomerOfAsync(db, owner), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(200));
    }

    public static async Task<int> ContractAsync(CrmDbContext db, int customerId, DateOnly end, int? allowance = 10)
    {
        var contract = new ServiceContract(SalesArrange.Unique("HT"), customerId, end.AddYears(-1), end, ServiceLevel.Standard, allowance);
        db.ServiceContracts.Add(contract);
        await db.SaveChangesAsync();
        return contract.Id;
    }
}
