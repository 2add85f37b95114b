namespace Crm.Domain.Common;

/// <summary>A named counter from which human-readable record codes are drawn (客户编号 KH00000001, …).</summary>
public sealed class CodeSequence
{
    public const int NameMaxLength = 50;

    private CodeSequence()
    {
        Name = string.Empty;
    }

    public CodeSequence(string name, long nextValue)
    {
        Name = name;
        NextValue = nextValue;
    }

    public string Name { get; private set; }

    public long NextValue { get; private set; }
}
