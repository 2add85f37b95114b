using System.Text;

namespace Crm.Domain.Customers;

public enum CreditCodeProblem
{
    None,
    Empty,
    WrongLength,
    InvalidCharacter,
    InvalidDivisionCode,
    WrongCheckCharacter,
}

/// <summary>The outcome of checking a code, precise enough to tell the user what to fix.</summary>
/// <param name="Position">1-based position of the offending character, when there is one.</param>
public sealed record CreditCodeCheck(string Code, CreditCodeProblem Problem, int Position = 0, char Actual = default, char Expected = default)
{
    public bool IsValid => Problem == CreditCodeProblem.None;
}

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (digits and capitals
/// without I, O, S, V, Z); positions 3–8 are the registering administrative division (digits); the 18th
/// is a check character, 31 − (Σ value·weight mod 31), over the first 17.
/// </summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Upper-cases, removes spaces and dashes, and folds full-width characters as people type them.</summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
            return string.Empty;
        var folded = input.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && c != '-')
                builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    public static CreditCodeCheck Check(string? input)
    {
        var code = Normalize(input);
        if (code.Length == 0)
            return new CreditCodeCheck(code, CreditCodeProblem.Empty);
        if (code.Length != Length)
            return new CreditCodeCheck(code, CreditCodeProblem.WrongLength, code.Length);
        for (var i = 0; i < Length; i++)
        {
            if (Alphabet.IndexOf(code[i], StringComparison.Ordinal) < 0)
                return new CreditCodeCheck(code, CreditCodeProblem.InvalidCharacter, i + 1, code[i]);
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
                return new CreditCodeCheck(code, CreditCodeProblem.InvalidDivisionCode, i + 1, code[i]);
        }

        var expected = CheckCharacter(code[..17]);
        return expected == code[17]
            ? new CreditCodeCheck(code, CreditCodeProblem.None)
            : new CreditCodeCheck(code, CreditCodeProblem.WrongCheckCharacter, Length, code[17], expected);
    }

    public static bool IsValid(string? input) => Check(input).IsValid;

    /// <summary>The check character for the first 17 characters of a code.</summary>
    public static char CheckCharacter(string first17)
    {
        if (first17.Length != Length - 1)
            throw new ArgumentException("Exactly 17 characters are needed.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
                throw new ArgumentException($"'{first17[i]}' is not a credit-code character.", nameof(first17));
            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
