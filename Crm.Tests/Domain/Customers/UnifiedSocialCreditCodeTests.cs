using Crm.Domain.Customers;

namespace Crm.Tests.Domain.Customers;

public sealed class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the example printed in GB 32100-2015
    [InlineData("91110000802100433B")]
    [InlineData("911100001000044477")]
    public void AcceptsCodesWithTheRightCheckCharacter(string code)
    {
        Assert.True(UnifiedSocialCreditCode.Check(code).IsValid);
    }

    [Fact]
    public void AcceptsLowerCaseSpacesAndFullWidthAsTyped()
    {
        Assert.True(UnifiedSocialCreditCode.IsValid(" 9135 0100m000100y43 "));
        Assert.True(UnifiedSocialCreditCode.IsValid("９１３５０１００Ｍ０００１００Ｙ４３"));
        Assert.Equal("91350100M000100Y43", UnifiedSocialCreditCode.Normalize("９１３５０１００ｍ０００１００ｙ４３"));
    }

    [Fact]
    public void ReportsTheExpectedCheckCharacterWhenItIsWrong()
    {
        var check = UnifiedSocialCreditCode.Check("91350100M000100Y44");

        Assert.Equal(CreditCodeProblem.WrongCheckCharacter, check.Problem);
        Assert.Equal('4', check.Actual);
        Assert.Equal('3', check.Expected);
        Assert.Equal(18, check.Position);
    }

    [Fact]
    public void ReportsTheLengthWhenItIsNotEighteen()
    {
        var check = UnifiedSocialCreditCode.Check("91350100M000100Y4");

        Assert.Equal(CreditCodeProblem.WrongLength, check.Problem);
        Assert.Equal(17, check.Position);
    }

    [Theory]
    [InlineData("91350100M000100I43", 16, 'I')]
    [InlineData("O1350100M000100Y43", 1, 'O')]
    [InlineData("91350100S000100Y43", 9, 'S')]
    public void ReportsTheFirstCharacterOutsideTheAlphabet(string code, int position, char actual)
    {
        var check = UnifiedSocialCreditCode.Check(code);

        Assert.Equal(CreditCodeProblem.InvalidCharacter, check.Problem);
        Assert.Equal(position, check.Position);
        Assert.Equal(actual, check.Actual);
    }

    [Fact]
    public void RequiresDigitsForTheAdministrativeDivision()
    {
        var first17 = "9135A100M000100Y4";
        var code = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);

        var check = UnifiedSocialCreditCode.Check(code);

        Assert.Equal(CreditCodeProblem.InvalidDivisionCode, check.Problem);
        Assert.Equal(5, check.Position);
    }

    [Fact]
    public void EmptyIsReportedAsEmpty()
    {
        Assert.Equal(CreditCodeProblem.Empty, UnifiedSocialCreditCode.Check("  ").Problem);
    }

    [Fact]
    public void CheckCharacterCanBeZero()
    {
        // Σ ≡ 0 (mod 31) gives 31 − 0 = 31, which the standard maps to '0'.
        Assert.Equal('0', UnifiedSocialCreditCode.CheckCharacter("00000000000000000"));
    }
}
