using Crm.Domain.Common;

namespace Crm.Domain.Organization;

/// <summary>
/// A node of the organisation tree. <see cref="Path"/> is a materialized path of fixed-width numeric
/// segments (root "0001", its second child "00010002", …) so that "this unit and everything below" is a
/// single indexed range query: <c>Path &gt;= from AND Path &lt; to</c> (see <see cref="SubtreeRange"/>).
/// Digits only, so every database collation orders the paths the same way.
/// </summary>
public sealed class OrgUnit : AuditableEntity
{
    public const int NameMaxLength = 100;
    public const int SegmentLength = 4;
    public const int MaxDepth = 10;
    public const int PathMaxLength = SegmentLength * MaxDepth;
    private const int MaxSegment = 9998;

    private readonly List<OrgUnit> _children = [];

    private OrgUnit()
    {
        Name = string.Empty;
        Path = string.Empty;
    }

    private OrgUnit(string name, OrgUnitKind kind, OrgUnit? parent, string path)
    {
        Name = ValidName(name);
        Kind = kind;
        Parent = parent;
        Path = path;
    }

    public string Name { get; private set; }

    public OrgUnitKind Kind { get; private set; }

    public int? ParentId { get; private set; }

    public OrgUnit? Parent { get; private set; }

    public string Path { get; private set; }

    public int Depth => Path.Length / SegmentLength;

    /// <summary>The loaded children. Callers that add or move units load the affected subtree first.</summary>
    public IReadOnlyCollection<OrgUnit> Children => _children;

    public static OrgUnit CreateRoot(string name, int rootNumber = 1)
    {
        if (rootNumber is < 1 or > MaxSegment)
            throw new DomainException("OrgUnit.RootNumberOutOfRange");
        return new OrgUnit(name, OrgUnitKind.Group, null, Segment(rootNumber));
    }

    public OrgUnit AddChild(string name, OrgUnitKind kind)
    {
        EnsureCanContain(kind);
        var child = new OrgUnit(name, kind, this, NextChildPath());
        _children.Add(child);
        return child;
    }

    public void Rename(string name) => Name = ValidName(name);

    /// <summary>Moves this unit with its whole (loaded) subtree under <paramref name="newParent"/>.</summary>
    public void MoveUnder(OrgUnit newParent)
    {
        ArgumentNullException.ThrowIfNull(newParent);
        if (IsSelfOrAncestorOf(newParent))
            throw new DomainException("OrgUnit.CannotMoveIntoOwnSubtree");
        if (Parent is null)
            throw new DomainException("OrgUnit.CannotMoveRoot");
        if (ReferenceEquals(Parent, newParent))
            return;
        newParent.EnsureCanContain(Kind);
        if (newParent.Depth + SubtreeHeight() > MaxDepth)
            throw new DomainException("OrgUnit.TooDeep", MaxDepth);

        var newPath = newParent.NextChildPath();
        Parent._children.Remove(this);
        newParent._children.Add(this);
        Parent = newParent;
        ParentId = newParent.Id == 0 ? null : newParent.Id;
        Repath(newPath);
    }

    public bool IsSelfOrAncestorOf(OrgUnit other) =>
        other.Path.StartsWith(Path, StringComparison.Ordinal);

    /// <summary>The half-open range [From, To) of paths in the subtree rooted at <paramref name="path"/>.</summary>
    public static (string From, string To) SubtreeRange(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Length % SegmentLength != 0)
            throw new ArgumentException("Not an org unit path.", nameof(path));
        var last = int.Parse(path[^SegmentLength..], System.Globalization.CultureInfo.InvariantCulture);
        return (path, path[..^SegmentLength] + Segment(last + 1));
    }

    private void EnsureCanContain(OrgUnitKind childKind)
    {
        if (childKind <= Kind)
            throw new DomainException("OrgUnit.KindMustBeBelowParent", childKind, Kind);
        if (Depth >= MaxDepth)
            throw new DomainException("OrgUnit.TooDeep", MaxDepth);
    }

    private string NextChildPath()
    {
        var used = _children
            .Where(c => c.Path.Length == Path.Length + SegmentLength)
            .Select(c => int.Parse(c.Path[^SegmentLength..], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Max();
        if (used >= MaxSegment)
            throw new DomainException("OrgUnit.TooManyChildren", MaxSegment);
        return Path + Segment(used + 1);
    }

    private void Repath(string newPath)
    {
        var oldPrefix = Path;
        Path = newPath;
        foreach (var child in _children)
            child.Repath(newPath + child.Path[oldPrefix.Length..]);
    }

    private int SubtreeHeight() => 1 + (_children.Count == 0 ? 0 : _children.Max(c => c.SubtreeHeight()));

    private static string Segment(int number) =>
        number.ToString("D" + SegmentLength, System.Globalization.CultureInfo.InvariantCulture);

    private static string ValidName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainException("OrgUnit.NameRequired");
        if (trimmed.Length > NameMaxLength)
            throw new DomainException("OrgUnit.NameTooLong", NameMaxLength);
        return trimmed;
    }
}
