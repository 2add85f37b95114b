using Crm.Domain.Organization;

namespace Crm.Tests.Domain.Common;

public sealed class AuditableEntityVersionTests
{
    [Fact]
    public void MarkCreatedSetsCreatorTimesAndAFirstVersion()
    {
        var unit = OrgUnit.CreateRoot("集团总部");
        var user = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

        unit.MarkCreated(user, at);

        Assert.Equal(user, unit.CreatedBy);
        Assert.Equal(at, unit.CreatedAt);
        Assert.Equal(at, unit.UpdatedAt);
        Assert.NotEqual(Guid.Empty, unit.Version);
    }

    [Fact]
    public void MarkUpdatedRenewsTheVersionEveryTime()
    {
        var unit = OrgUnit.CreateRoot("集团总部");
        unit.MarkCreated(null, DateTimeOffset.UnixEpoch);
        var first = unit.Version;
        var editor = Guid.NewGuid();

        unit.MarkUpdated(editor, DateTimeOffset.UnixEpoch.AddHours(1));
        var second = unit.Version;
        unit.MarkUpdated(editor, DateTimeOffset.UnixEpoch.AddHours(2));

        Assert.NotEqual(first, second);
        Assert.NotEqual(second, unit.Version);
        Assert.Equal(editor, unit.UpdatedBy);
        Assert.Equal(DateTimeOffset.UnixEpoch, unit.CreatedAt);
    }
}
