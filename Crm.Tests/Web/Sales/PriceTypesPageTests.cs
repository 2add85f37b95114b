using System.Globalization;
using System.Net;
using Crm.Domain.Common;
using Crm.Domain.Sales;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Sales;
using Crm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Web.Sales;

public sealed class PriceTypesPageTests(CrmWebFactory factory) : IClassFixture<CrmWebFactory>
{
    private Task<int> LevelAsync(string code) =>
        factory.WithDbAsync(db => db.DictionaryItems.Where(d => d.Category == DictionaryCategories.CustomerLevel && d.Code == code).Select(d => d.Id).SingleAsync());

    private async Task<PriceType> DefaultOfAsync(int? levelId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await scope.ServiceProvider.GetRequiredService<ProductPricing>().DefaultPriceTypeAsync(levelId);
    }

    [Fact]
    public async Task TheDemoSettingMapsPartnersToThePartnerPriceAndKeyAccountsToTheMemberPrice()
    {
        var client = await factory.SignInAsync("zhang.wei", language: "zh-CN");

        var page = await client.GetDocumentAsync("/Sales/PriceTypes");

        Assert.Equal("伙伴价", page.QuerySelector("[data-testid=level][data-level=合作伙伴] [data-testid=price-type]")!.TextContent.Trim());
        Assert.Equal("会员价", page.QuerySelector("[data-testid=level][data-level=大客户] [data-testid=price-type]")!.TextContent.Trim());
        Assert.Equal("标准价", page.QuerySelector("[data-testid=level][data-level=普通客户] [data-testid=price-type]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("select"));
        Assert.Equal(PriceType.Partner, await DefaultOfAsync(await LevelAsync("StrategicPartner")));
        Assert.Equal(PriceType.List, await DefaultOfAsync(await LevelAsync("Regular")));
        Assert.Equal(PriceType.List, await DefaultOfAsync(null));
    }

    [Fact]
    public async Task AdminChangesTheSettingAndASalesmanCannot()
    {
        var target = await LevelAsync("DevelopmentTarget");
        var admin = await factory.SignInAsync("admin", language: "zh-CN");

        async Task<Dictionary<string, string>> FormAsync(string type)
        {
            var page = await admin.GetDocumentAsync("/Sales/PriceTypes");
            var form = new Dictionary<string, string>();
            foreach (var (row, i) in page.QuerySelectorAll("[data-testid=level]").Select((r, i) => (r, i)))
            {
                var levelId = page.QuerySelector($"input[name='Levels[{i}].LevelId']")!.GetAttribute("value")!;
                form[$"Levels[{i}].LevelId"] = levelId;
                form[$"Levels[{i}].PriceType"] = levelId == target.ToString(CultureInfo.InvariantCulture)
                    ? type
                    : row.QuerySelector("option[selected]")!.GetAttribute("value")!;
            }

            return form;
        }

        var salesman = await factory.SignInAsync("zhang.wei");
        Assert.Equal(HttpStatusCode.Forbidden, (await salesman.PostFormAsync("/Sales/PriceTypes", await FormAsync("Cash"), "/Sales/PriceTypes")).StatusCode);
        Assert.Equal(PriceType.List, await DefaultOfAsync(target));

        var saved = await admin.PostFormAsync("/Sales/PriceTypes", await FormAsync("Cash"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(PriceType.Cash, await DefaultOfAsync(target));
        Assert.Equal(PriceType.Partner, await DefaultOfAsync(await LevelAsync("Partner")));
        Assert.Contains("修改 1 项", (await admin.GetDocumentAsync("/Sales/PriceTypes")).Text(".alert-success"));

        // Back to the list price: stored as no mapping at all.
        await admin.PostFormAsync("/Sales/PriceTypes", await FormAsync("List"));
        Assert.Equal(PriceType.List, await DefaultOfAsync(target));
        Assert.False(await factory.WithDbAsync(db => db.CustomerLevelPriceTypes.AnyAsync(m => m.LevelId == target)));
    }
}
