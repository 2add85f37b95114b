using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Crm.Tests.Web;

/// <summary>Every UI string exists in both languages, and every key the code asks for exists.</summary>
public sealed partial class ResourceTests
{
    private static readonly string WebRoot = FindWebRoot();

    private static string FindWebRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Crm.sln")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Crm.sln not found above the test output"), "Crm.Web");
    }

    private static Dictionary<string, string> Load(string culture)
    {
        var file = Path.Combine(WebRoot, "Resources", culture.Length == 0 ? "SharedResource.resx" : $"SharedResource.{culture}.resx");
        return XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
    }

    [Fact]
    public void ChineseAndEnglishHaveTheSameKeys()
    {
        var zh = Load("zh-CN");
        var en = Load("en-US");
        var neutral = Load(string.Empty);

        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Equal(en.Keys.Order(), neutral.Keys.Order());
        Assert.All(zh, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Fact]
    public void EveryLiteralKeyUsedInViewsAndCodeExists()
    {
        var keys = Load("zh-CN").Keys.ToHashSet();
        var used = new List<(string File, string Key)>();
        foreach (var file in Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            var text = File.ReadAllText(file);
            used.AddRange(LocalizerKey().Matches(text).Select(m => (file, m.Groups[1].Value)));
            used.AddRange(AttributeKey().Matches(text).Select(m => (file, m.Groups[1].Value)));
            used.AddRange(NavKey().Matches(text).Select(m => (file, m.Groups[1].Value)));
        }

        var missing = used.Where(u => !keys.Contains(u.Key)).Select(u => $"{Path.GetFileName(u.File)}: {u.Key}").Distinct().ToList();
        Assert.True(used.Count > 50, "the scan found too few keys to be trusted");
        Assert.True(missing.Count == 0, "Missing resource keys: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryPermissionModuleAndRoleNameHasAText()
    {
        var keys = Load("zh-CN").Keys.ToHashSet();
        foreach (var role in Crm.Domain.Organization.BuiltInRoles.All)
            Assert.Contains("Role." + role.Name, keys);
        foreach (var scope in Enum.GetNames<Crm.Domain.Common.DataScope>())
            Assert.Contains("DataScope." + scope, keys);
        foreach (var action in Enum.GetNames<Crm.Domain.Common.AuditAction>())
            Assert.Contains("AuditAction." + action, keys);
    }

    [Fact]
    public void EveryDomainRefusalHasAMessageInBothLanguages()
    {
        var keys = Load("zh-CN").Keys.ToHashSet();
        var solution = Path.GetDirectoryName(WebRoot)!;
        var codes = new[] { "Crm.Domain", "Crm.Infrastructure", "Crm.Web" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(solution, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => DomainCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.True(codes.Count > 20, "the scan found too few refusal codes to be trusted");
        var missing = codes.Where(c => !keys.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "Refusal codes without a message: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryOrgUnitKindAndDictionaryCategoryHasAName()
    {
        var keys = Load("zh-CN").Keys.ToHashSet();
        foreach (var kind in Enum.GetNames<Crm.Domain.Organization.OrgUnitKind>())
            Assert.Contains("OrgUnitKind." + kind, keys);
        foreach (var category in Crm.Domain.Common.DictionaryCategories.All)
            Assert.Contains("DictionaryCategory." + category, keys);
    }

    [GeneratedRegex(""""new DomainException\("([\w.]+)"""")]
    private static partial Regex DomainCode();

    // L["Key"] and L["Key", args] with a literal key.
    [GeneratedRegex("""\bl?L\["([A-Za-z][\w.-]*)"[\],]""")]
    private static partial Regex LocalizerKey();

    // Display(Name = "Key") and ErrorMessage = "Key" in data annotations.
    [GeneratedRegex("""(?:Name|ErrorMessage)\s*=\s*"([A-Z][\w]*\.[\w.]+)""")]
    private static partial Regex AttributeKey();

    // Navigation entries: new("Nav.X", ...).
    [GeneratedRegex("""new\("(Nav\.[\w]+)""")]
    private static partial Regex NavKey();
}
