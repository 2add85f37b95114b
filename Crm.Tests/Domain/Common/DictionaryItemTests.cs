using Crm.Domain.Common;

namespace Crm.Tests.Domain.Common;

public sealed class DictionaryItemTests
{
    private static DictionaryItem Item(bool isSystem = false) =>
        new(DictionaryCategories.Source, "Fair", "展销会", "Trade fair", 10, isSystem: isSystem);

    [Fact]
    public void EnsureCanDeleteThrowsGivenASystemItem()
    {
        var error = Assert.Throws<DomainException>(() => Item(isSystem: true).EnsureCanDelete(inUse: false));

        Assert.Equal("Dictionary.SystemItemCannotBeDeleted", error.Code);
        Assert.Equal("展销会", error.Arguments[0]);
    }

    [Fact]
    public void EnsureCanDeleteThrowsGivenAnItemInUse()
    {
        var error = Assert.Throws<DomainException>(() => Item().EnsureCanDelete(inUse: true));

        Assert.Equal("Dictionary.InUseCannotBeDeleted", error.Code);
    }

    [Fact]
    public void AnUnusedOrdinaryItemMayBeDeleted()
    {
        var item = Item();

        var error = Record.Exception(() => item.EnsureCanDelete(inUse: false));

        Assert.Null(error);
        Assert.True(item.IsActive);
    }

    [Fact]
    public void AnItemInUseCanStillBeDeactivatedAndActivatedAgain()
    {
        var item = Item();
        Assert.Throws<DomainException>(() => item.EnsureCanDelete(inUse: true));

        item.Deactivate();
        Assert.False(item.IsActive);

        item.Activate();
        Assert.True(item.IsActive);
    }

    [Theory]
    [InlineData("", "Dictionary.CodeRequired")]
    [InlineData("has space", "Dictionary.CodeInvalid")]
    [InlineData("中文", "Dictionary.CodeInvalid")]
    public void ConstructorRefusesABlankOrMalformedCode(string code, string expected)
    {
        var error = Assert.Throws<DomainException>(() => new DictionaryItem(DictionaryCategories.Region, code, "名称", "Name", 10));

        Assert.Equal(expected, error.Code);
    }

    [Fact]
    public void ConstructorRefusesAnUnknownCategory()
    {
        var error = Assert.Throws<DomainException>(() => new DictionaryItem("Colour", "Red", "红", "Red", 10));

        Assert.Equal("Dictionary.UnknownCategory", error.Code);
    }

    [Fact]
    public void RenameTrimsBothNamesAndRefusesABlankOne()
    {
        var item = Item();

        item.Rename("  展览会 ", " Exhibition ");
        Assert.Equal(("展览会", "Exhibition"), (item.NameZh, item.NameEn));

        Assert.Equal("Dictionary.NameRequired", Assert.Throws<DomainException>(() => item.Rename("展览会", " ")).Code);
        Assert.Equal("展览会", item.NameZh);
    }
}
