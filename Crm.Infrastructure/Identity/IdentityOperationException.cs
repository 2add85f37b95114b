using Microsoft.AspNetCore.Identity;

namespace Crm.Infrastructure.Identity;

/// <summary>Identity refused an operation (password policy, duplicate name, stale record); the errors are already localized.</summary>
public sealed class IdentityOperationException(IReadOnlyList<IdentityError> errors)
    : Exception(string.Join(" ", errors.Select(e => e.Description)))
{
    public IReadOnlyList<IdentityError> Errors { get; } = errors;

    public static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new IdentityOperationException(result.Errors.ToList());
    }
}
