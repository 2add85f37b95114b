using Crm.Domain.Common;
using Crm.Domain.Organization;

namespace Crm.Tests.Domain.Organization;

public sealed class OrgUnitTreeTests
{
    private static (OrgUnit Group, OrgUnit East, OrgUnit Shanghai, OrgUnit Team1, OrgUnit North) Tree()
    {
        var group = OrgUnit.CreateRoot("集团总部");
        var east = group.AddChild("华东公司", OrgUnitKind.Company);
        var shanghai = east.AddChild("上海分公司", OrgUnitKind.Branch);
        var team1 = shanghai.AddChild("销售一组", OrgUnitKind.Team);
        var north = group.AddChild("华北公司", OrgUnitKind.Company);
        return (group, east, shanghai, team1, north);
    }

    [Fact]
    public void ChildPathsExtendTheParentPathBySequentialSegments()
    {
        var (group, east, shanghai, team1, north) = Tree();

        Assert.Equal("0001", group.Path);
        Assert.Equal("00010001", east.Path);
        Assert.Equal("00010002", north.Path);
        Assert.Equal("000100010001", shanghai.Path);
        Assert.Equal("0001000100010001", team1.Path);
        Assert.Equal(4, team1.Depth);
    }

    [Fact]
    public void SubtreeRangeContainsDescendantsAndExcludesSiblings()
    {
        var (_, east, shanghai, team1, north) = Tree();
        var (from, to) = OrgUnit.SubtreeRange(east.Path);

        bool InRange(OrgUnit u) => string.CompareOrdinal(u.Path, from) >= 0 && string.CompareOrdinal(u.Path, to) < 0;

        Assert.True(InRange(east));
        Assert.True(InRange(shanghai));
        Assert.True(InRange(team1));
        Assert.False(InRange(north));
    }

    [Fact]
    public void SubtreeRangeCarriesIntoTheNextSegmentNumber()
    {
        Assert.Equal(("00010009", "00010010"), OrgUnit.SubtreeRange("00010009"));
    }

    [Fact]
    public void AddChildThrowsGivenAKindNotBelowTheParent()
    {
        var (_, east, _, _, _) = Tree();

        var error = Assert.Throws<DomainException>(() => east.AddChild("另一公司", OrgUnitKind.Company));
        Assert.Equal("OrgUnit.KindMustBeBelowParent", error.Code);
    }

    [Fact]
    public void AddChildThrowsGivenABlankName()
    {
        var (group, _, _, _, _) = Tree();

        Assert.Equal("OrgUnit.NameRequired", Assert.Throws<DomainException>(() => group.AddChild("  ", OrgUnitKind.Company)).Code);
    }

    [Fact]
    public void MoveUnderRewritesThePathsOfTheWholeSubtree()
    {
        var (_, _, shanghai, team1, north) = Tree();

        shanghai.MoveUnder(north);

        Assert.Same(north, shanghai.Parent);
        Assert.Equal("000100020001", shanghai.Path);
        Assert.Equal("0001000200010001", team1.Path);
        Assert.Contains(shanghai, north.Children);
    }

    [Fact]
    public void MoveUnderThrowsGivenItsOwnDescendant()
    {
        var (_, east, _, team1, _) = Tree();

        var error = Assert.Throws<DomainException>(() => east.MoveUnder(team1));
        Assert.Equal("OrgUnit.CannotMoveIntoOwnSubtree", error.Code);
        Assert.Equal("00010001", east.Path);
    }

    [Fact]
    public void MoveUnderThrowsGivenItself()
    {
        var (_, east, _, _, _) = Tree();

        Assert.Equal("OrgUnit.CannotMoveIntoOwnSubtree", Assert.Throws<DomainException>(() => east.MoveUnder(east)).Code);
    }

    [Fact]
    public void NewChildAfterAMoveDoesNotReuseAPathStillInUse()
    {
        var (group, east, _, _, north) = Tree();
        var extra = group.AddChild("华南公司", OrgUnitKind.Company);

        Assert.Equal("00010003", extra.Path);
        Assert.NotEqual(east.Path, extra.Path);
        Assert.NotEqual(north.Path, extra.Path);
    }
}
