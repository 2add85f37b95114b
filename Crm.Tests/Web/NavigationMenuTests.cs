using Crm.Domain.Organization;
using Crm.Web.Navigation;

namespace Crm.Tests.Web;

public sealed class NavigationMenuTests
{
    [Fact]
    public void EntriesWithoutThePermissionAreHiddenAndEmptyGroupsDropped()
    {
        var held = new HashSet<string> { Permissions.Customers.View };

        var groups = NavigationMenu.For(held.Contains, i => "/" + i.Controller);

        var group = Assert.Single(groups);
        Assert.Equal("Nav.Customers", group.Group.TextKey);
        Assert.Equal(["Nav.CustomerArchive", "Nav.MyTasks", "Nav.Churn"], group.Items.Select(i => i.Item.TextKey));
    }

    [Fact]
    public void EntriesWhosePageDoesNotExistAreHidden()
    {
        var groups = NavigationMenu.For(_ => true, i => i.Controller == "Audit" ? "/Admin/Audit" : null);

        var item = Assert.Single(Assert.Single(groups).Items);
        Assert.Equal("/Admin/Audit", item.Href);
    }

    [Fact]
    public void EveryEntryNamesAKnownPermission()
    {
        Assert.All(NavigationMenu.Groups.SelectMany(g => g.Items).SelectMany(i => i.Permissions), p => Assert.Contains(p, Permissions.All));
    }
}
