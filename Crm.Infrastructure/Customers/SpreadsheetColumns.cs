using System.Globalization;

namespace Crm.Infrastructure.Customers;

/// <summary>One column of the customer file format, with its header in both languages.</summary>
/// <param name="Key">Stable name, also accepted as a header and stored in import errors.</param>
public sealed record SpreadsheetColumn(string Key, string Zh, string En)
{
    public string Header(CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Zh : En;
}

/// <summary>
/// The customer file format shared by export, template and import: an exported file can be edited and
/// imported again (columns the import does not read, such as code or status, are ignored). The headers
/// are part of the file format, so they live here rather than in the UI resources; either language's
/// header (or the key) is accepted on upload.
/// </summary>
public static class SpreadsheetColumns
{
    public static readonly SpreadsheetColumn Code = new("Code", "客户编号", "Code");
    public static readonly SpreadsheetColumn Name = new("Name", "客户名称", "Customer name");
    public static readonly SpreadsheetColumn Type = new("Type", "客户类型", "Customer type");
    public static readonly SpreadsheetColumn Status = new("Status", "状态", "Status");
    public static readonly SpreadsheetColumn Level = new("Level", "客户等级", "Customer level");
    public static readonly SpreadsheetColumn Region = new("Region", "地区", "Region");
    public static readonly SpreadsheetColumn Industry = new("Industry", "行业", "Industry");
    public static readonly SpreadsheetColumn Source = new("Source", "客户来源", "Source");
    public static readonly SpreadsheetColumn Owner = new("Owner", "负责人", "Owner");
    public static readonly SpreadsheetColumn OrgUnit = new("OrgUnit", "组织机构", "Organization unit");
    public static readonly SpreadsheetColumn CreditCode = new("CreditCode", "统一社会信用代码", "Unified social credit code");
    public static readonly SpreadsheetColumn Phone = new("Phone", "电话", "Phone");
    public static readonly SpreadsheetColumn Fax = new("Fax", "传真", "Fax");
    public static readonly SpreadsheetColumn Website = new("Website", "网址", "Website");
    public static readonly SpreadsheetColumn Address = new("Address", "地址", "Address");
    public static readonly SpreadsheetColumn Postcode = new("Postcode", "邮政编码", "Postcode");
    public static readonly SpreadsheetColumn LegalRepresentative = new("LegalRepresentative", "法定代表人", "Legal representative");
    public static readonly SpreadsheetColumn RegisteredCapital = new("RegisteredCapital", "注册资本", "Registered capital");
    public static readonly SpreadsheetColumn AnnualRevenue = new("AnnualRevenue", "年营业额", "Annual revenue");
    public static readonly SpreadsheetColumn Satisfaction = new("Satisfaction", "满意度", "Satisfaction");
    public static readonly SpreadsheetColumn CreditRating = new("CreditRating", "信用度", "Credit rating");
    public static readonly SpreadsheetColumn BankName = new("BankName", "开户银行", "Bank");
    public static readonly SpreadsheetColumn BankAccount = new("BankAccount", "银行账号", "Bank account");
    public static readonly SpreadsheetColumn Remarks = new("Remarks", "备注", "Remarks");
    public static readonly SpreadsheetColumn LastInteraction = new("LastInteraction", "最近联系", "Last interaction");
    public static readonly SpreadsheetColumn Created = new("Created", "创建时间", "Created");

    /// <summary>The export's columns, in order.</summary>
    public static readonly IReadOnlyList<SpreadsheetColumn> Export =
    [
        Code, Name, Type, Status, Level, Region, Industry, Source, Owner, OrgUnit, CreditCode, Phone, Address, Postcode,
        LegalRepresentative, RegisteredCapital, AnnualRevenue, LastInteraction, Created,
    ];

    /// <summary>The columns an import reads, in the template's order.</summary>
    public static readonly IReadOnlyList<SpreadsheetColumn> Import =
    [
        Name, Type, Level, Region, Industry, Source, Owner, CreditCode, Phone, Fax, Website, Address, Postcode,
        LegalRepresentative, RegisteredCapital, AnnualRevenue, Satisfaction, CreditRating, BankName, BankAccount, Remarks,
    ];

    private static readonly Dictionary<string, SpreadsheetColumn> ByHeader = BuildHeaders();

    /// <summary>The column a header names, in either language or by key; null for a column the import does not know.</summary>
    public static SpreadsheetColumn? FromHeader(string? header) =>
        header is not null && ByHeader.TryGetValue(header.Trim().TrimStart('*'), out var column) ? column : null;

    public static SpreadsheetColumn? FromKey(string? key) => Import.Concat(Export).FirstOrDefault(c => c.Key == key);

    private static Dictionary<string, SpreadsheetColumn> BuildHeaders()
    {
        var map = new Dictionary<string, SpreadsheetColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in Import.Concat(Export))
        {
            map.TryAdd(column.Key, column);
            map.TryAdd(column.Zh, column);
            map.TryAdd(column.En, column);
        }

        return map;
    }
}

/// <summary>Cell text made safe for spreadsheets.</summary>
public static class SpreadsheetText
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// A cell starting with a formula character would be run by Excel (CSV injection); a leading
    /// apostrophe makes it plain text, which is how Excel itself marks text cells.
    /// </summary>
    public static string? Neutralize(string? value) =>
        string.IsNullOrEmpty(value) || Array.IndexOf(FormulaStarts, value[0]) < 0 ? value : "'" + value;
}
