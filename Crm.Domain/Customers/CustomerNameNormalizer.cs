using System.Globalization;
using System.Text;

namespace Crm.Domain.Customers;

/// <summary>
/// The key under which two spellings of one company's name meet, for duplicate detection:
/// full-width and half-width characters fold together, brackets, spaces and punctuation go, Latin letters
/// are upper-cased, and the legal-form suffix (有限公司, 有限责任公司, 股份有限公司, 集团, Co., Ltd. …) is dropped.
/// "上海华辰科技（集团）有限公司" and "上海华辰科技(集团)有限责任公司" give the same key.
/// </summary>
public static class CustomerNameNormalizer
{
    // Longest first, so that 股份有限公司 is removed whole rather than leaving 股份.
    private static readonly string[] Suffixes =
    [
        "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司", "公司", "集团",
        "COMPANYLIMITED", "COLTD", "CORPORATION", "LIMITED", "CORP", "INC", "LTD", "CO",
    ];

    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return string.Empty;
        var folded = name.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || category == UnicodeCategory.Format)
                continue;
            builder.Append(char.ToUpperInvariant(c));
        }

        var key = builder.ToString();
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var suffix in Suffixes)
            {
                if (key.Length > suffix.Length && key.EndsWith(suffix, StringComparison.Ordinal))
                {
                    key = key[..^suffix.Length];
                    stripped = true;
                    break;
                }
            }
        }

        return key;
    }
}
